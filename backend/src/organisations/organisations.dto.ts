import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { JurisdictionRefDto, jurisdictionRef } from '../jurisdictions/jurisdictions.dto';
import { ORGANISATION_KINDS, type OrganisationEntity, type OrganisationKind } from './organisation.entity';

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
  @ApiProperty() version: number;
}

export class OrganisationPageDto extends PageMetaDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS }) @IsOptional() @IsIn(ORGANISATION_KINDS) kind?: OrganisationKind;
  @ApiPropertyOptional({ description: 'Only organisations in this jurisdiction or below it' })
  @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
}

export class CreateOrganisationDto {
  @ApiProperty() @IsString() @Length(2, 200) name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind: OrganisationKind;
  @ApiProperty() @IsString() @Length(2, 12) jurisdictionCode: string;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
}

export function mapOrganisation(o: OrganisationEntity): OrganisationDto {
  if (!o.jurisdiction) throw new Error('mapOrganisation needs the jurisdiction loaded');
  return { id: o.id, name: o.name, kind: o.kind, jurisdiction: jurisdictionRef(o.jurisdiction), version: o.version };
}
