import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination';
import type {
  DnaProfileEntity,
  ImportProblem,
  ProfileImportEntity,
} from './profile.entity';

export class CreateProfileImportDto {
  @ApiProperty({
    enum: ['long', 'wide'],
    description:
      'long: sample,locus,allele1,allele2; wide: GeneMapper export (Sample Name, Marker, Allele 1, Allele 2, …)',
  })
  @IsIn(['long', 'wide'])
  format: 'long' | 'wide';
  @ApiProperty({
    description:
      'The file’s text (CSV, or tab-separated for GeneMapper exports)',
  })
  @IsString()
  @Length(1, 900_000)
  csv: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
  @ApiPropertyOptional({ example: 'Goldeneye DNA ID 20A' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  kit?: string;
}

export class ImportProblemDto {
  @ApiProperty({ description: 'Line of the file (header = 1)' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty() problem: string;
}

export class ProfileImportDto {
  @ApiProperty() importId: string;
  @ApiProperty({ enum: ['validated', 'committing', 'committed', 'failed'] })
  status: string;
  @ApiProperty() rows: number;
  @ApiProperty({
    type: [ImportProblemDto],
    description: 'Problems that block the commit',
  })
  problems: ImportProblem[];
  @ApiProperty({
    type: [ImportProblemDto],
    description:
      'Rows flagged for review (third allele); they do not block the commit',
  })
  flagged: ImportProblem[];
  @ApiProperty({ description: 'Profiles found in the file' }) profiles: number;
  @ApiProperty({ description: 'Profiles written so far while committing' })
  processed: number;
  @ApiProperty() total: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  committedAt: string | null;
}

export class ProfileImportPageDto extends PageMetaDto {
  @ApiProperty({ type: [ProfileImportDto] }) items: ProfileImportDto[];
}

export class CreateProfileDto {
  @ApiProperty() @IsString() @Length(3, 64) sampleBarcode: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) kit?: string;
  @ApiProperty({
    description:
      'Locus → one or two alleles as strings; a homozygote may be given once; AMEL as X/Y',
    example: { D3S1358: ['15', '16'], vWA: ['17'], AMEL: ['X', 'Y'] },
  })
  @IsObject()
  loci: Record<string, string[]>;
}

export class ProfileQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['family_reference', 'child'] })
  @IsOptional()
  @IsIn(['family_reference', 'child'])
  kind?: 'family_reference' | 'child';
}

export class ProfileSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() sampleId: string;
  @ApiProperty() sampleBarcode: string;
  @ApiProperty({ enum: ['family_reference', 'child'] }) sampleKind: string;
  @ApiProperty() kit: string;
  @ApiProperty() locusCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'AMEL: XX, XY' })
  sexMarker: string | null;
  @ApiProperty() needsReview: boolean;
  @ApiProperty({ type: [String] }) reviewNotes: string[];
  @ApiProperty({ nullable: true, type: String }) importId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the database search for it ran',
  })
  searchedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProfilePageDto extends PageMetaDto {
  @ApiProperty({ type: [ProfileSummaryDto] }) items: ProfileSummaryDto[];
}

export class ProfileDetailDto extends ProfileSummaryDto {
  @ApiProperty({
    description: 'Raw alleles per locus (lab technicians only)',
    example: { D3S1358: ['15', '16'] },
  })
  loci: Record<string, [string, string]>;
}

export function mapImport(i: ProfileImportEntity): ProfileImportDto {
  const strip = ({ row, field, problem }: ImportProblem): ImportProblem => ({
    row,
    field,
    problem,
  });
  const problems = i.problems.filter((p) => p.kind !== 'review').map(strip);
  const flagged = i.problems.filter((p) => p.kind === 'review').map(strip);
  return {
    importId: i.id,
    status: i.status,
    rows: i.rows,
    problems,
    flagged,
    profiles: i.total,
    processed: i.processed,
    total: i.total,
    error: i.error,
    createdAt: i.createdAt.toISOString(),
    committedAt: i.committedAt?.toISOString() ?? null,
  };
}

export function mapProfileSummary(
  p: DnaProfileEntity,
  sample: { barcode: string; kind: string },
): ProfileSummaryDto {
  return {
    id: p.id,
    sampleId: p.sampleId,
    sampleBarcode: sample.barcode,
    sampleKind: sample.kind,
    kit: p.kit,
    locusCount: Object.keys(p.loci).length,
    sexMarker: p.sexMarker,
    needsReview: p.needsReview,
    reviewNotes: p.reviewNotes,
    importId: p.importId,
    searchedAt: p.searchedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}
