import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { FrequencyTableEntity } from './frequency-table.entity';

export class FrequencyFloorDto {
  @ApiProperty({
    enum: ['sampleSize', 'fixed'],
    description:
      'sampleSize: 5/(2N) per locus (needs 2N in the CSV); fixed: the given value',
  })
  @IsIn(['sampleSize', 'fixed'])
  kind: 'sampleSize' | 'fixed';
  @ApiPropertyOptional({ description: 'Required for fixed, e.g. 0.001' })
  @IsOptional()
  @IsNumber()
  @Min(1e-9)
  @Max(0.5)
  value?: number;
}

export class ImportFrequencyTableDto {
  @ApiProperty({
    description:
      'CSV: population,marker,marker_original,allele,frequency,n_alleles (see shared/data/str-frequencies)',
  })
  @IsString()
  @Length(10, 900_000)
  csv: string;
  @ApiProperty({
    description: 'Which population of the CSV to import, e.g. "Asian"',
  })
  @IsString()
  @Length(1, 100)
  population: string;
  @ApiProperty({ example: 'Han Chinese (Anhui), 2024' })
  @IsString()
  @Length(1, 200)
  name: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiPropertyOptional({
    default: false,
    description: 'Shown as a placeholder in the interface',
  })
  @IsOptional()
  @IsBoolean()
  placeholder?: boolean;
  @ApiProperty({ type: FrequencyFloorDto })
  @ValidateNested()
  @Type(() => FrequencyFloorDto)
  floor: FrequencyFloorDto;
  @ApiPropertyOptional({
    default: false,
    description: 'Use this table for the database search from now on',
  })
  @IsOptional()
  @IsBoolean()
  searchDefault?: boolean;
}

export class LocusFrequenciesDto {
  @ApiProperty() locus: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '2N, sampled chromosomes',
  })
  sampledChromosomes: number | null;
  @ApiProperty({ type: [String] }) alleles: string[];
  @ApiProperty({ type: [Number] }) frequencies: number[];
}

export class FrequencyTableDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() population: string;
  @ApiProperty() source: string;
  @ApiProperty() note: string;
  @ApiProperty({
    description:
      'A stand-in until a proper table for the population is imported',
  })
  placeholder: boolean;
  @ApiProperty({
    description: 'Content hash of the raw table; every LR records it',
  })
  version: string;
  @ApiProperty({ type: FrequencyFloorDto }) floor: FrequencyFloorDto;
  @ApiProperty() locusCount: number;
  @ApiProperty({ type: [String] }) loci: string[];
  @ApiProperty() searchDefault: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FrequencyTableDetailDto extends FrequencyTableDto {
  @ApiProperty({
    type: [LocusFrequenciesDto],
    description:
      'The raw table as imported (the floor is applied when LRs are computed)',
  })
  frequencies: LocusFrequenciesDto[];
}

export function mapFrequencyTable(t: FrequencyTableEntity): FrequencyTableDto {
  return {
    id: t.id,
    name: t.name,
    population: t.population,
    source: t.source,
    note: t.note,
    placeholder: t.placeholder,
    version: t.version,
    floor:
      t.floorKind === 'fixed'
        ? { kind: 'fixed', value: t.floorValue ?? undefined }
        : { kind: 'sampleSize' },
    locusCount: t.locusCount,
    loci: Object.keys(t.loci).sort(),
    searchDefault: t.searchDefault,
    createdAt: t.createdAt.toISOString(),
  };
}

export function mapFrequencyTableDetail(
  t: FrequencyTableEntity,
): FrequencyTableDetailDto {
  return {
    ...mapFrequencyTable(t),
    frequencies: Object.keys(t.loci)
      .sort()
      .map((locus) => ({
        locus,
        sampledChromosomes: t.loci[locus].sampledChromosomes,
        alleles: [...t.loci[locus].alleles],
        frequencies: [...t.loci[locus].frequencies],
      })),
  };
}
