import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { JurisdictionEntity, JurisdictionLevel } from './jurisdiction.entity';

const LEVELS: JurisdictionLevel[] = ['nation', 'province', 'prefecture', 'county'];

export class JurisdictionDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '341222' }) code: string;
  @ApiProperty({ example: '太和县' }) name: string;
  @ApiProperty({ example: 'Taihe County' }) nameEn: string;
  @ApiProperty({ enum: LEVELS }) level: JurisdictionLevel;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty({ example: 'CN/340000/341200/341222/' }) path: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
}

export class JurisdictionRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
}

export class CreateJurisdictionDto {
  @ApiProperty({ example: '341202', description: 'GB/T 2260 code: six digits' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits (GB/T 2260)' })
  code: string;
  @ApiProperty() @IsString() @Length(1, 100) name: string;
  @ApiProperty() @IsString() @Length(1, 100) nameEn: string;
  @ApiProperty({ enum: LEVELS.filter((l) => l !== 'nation') })
  @IsIn(['province', 'prefecture', 'county'])
  level: JurisdictionLevel;
  @ApiProperty({ description: 'Code of the parent jurisdiction' }) @IsString() @Length(2, 12) parentCode: string;
  @ApiProperty() @IsLatitude() latitude: number;
  @ApiProperty() @IsLongitude() longitude: number;
}

export class UpdateJurisdictionDto {
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 100) nameEn?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsLatitude() latitude?: number;
  @ApiProperty({ required: false }) @IsOptional() @IsLongitude() longitude?: number;
}

export function mapJurisdiction(j: JurisdictionEntity, parentCode: string | null): JurisdictionDto {
  return {
    id: j.id,
    code: j.code,
    name: j.name,
    nameEn: j.nameEn,
    level: j.level,
    parentCode,
    path: j.path,
    latitude: j.latitude,
    longitude: j.longitude,
  };
}

export function jurisdictionRef(j: JurisdictionEntity): JurisdictionRefDto {
  return { code: j.code, name: j.name, nameEn: j.nameEn };
}
