import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination';
import {
  MATCH_RELATIONSHIPS,
  MATCH_STATUSES,
  type MatchRelationship,
  type MatchStatus,
} from './kinship-match.entity';

const CONCLUSIONS = [
  'supported',
  'excluded',
  'inconclusive',
  'not_supported',
] as const;

export class MatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCH_STATUSES })
  @IsOptional()
  @IsIn(MATCH_STATUSES)
  status?: MatchStatus;
  @ApiPropertyOptional({ enum: CONCLUSIONS })
  @IsOptional()
  @IsIn(CONCLUSIONS)
  conclusion?: (typeof CONCLUSIONS)[number];
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() sampleId?: string;
}

export class ProposeMatchDto {
  @ApiPropertyOptional({ description: 'What the lab checked' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ConfirmMatchDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RejectMatchDto {
  @ApiProperty({ description: 'Why the match is rejected' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class MatchSampleRefDto {
  @ApiProperty() id: string;
  @ApiProperty() barcode: string;
  @ApiProperty({ nullable: true, type: String }) donorRelationship:
    string | null;
}

export class MatchModelDto {
  @ApiProperty({
    nullable: true,
    type: Object,
    description: '{model, rate, rate2, range}',
  })
  mutation: Record<string, unknown> | null;
  @ApiProperty() theta: number;
  @ApiProperty() policy: string;
  @ApiProperty() frequencyTable: string;
}

export class MatchDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MATCH_STATUSES }) status: MatchStatus;
  @ApiProperty({
    enum: MATCH_RELATIONSHIPS,
    description:
      'The best-supported relationship, or trio_both for both registered parents',
  })
  relationship: MatchRelationship;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'log10 of the combined LR; null = LR 0',
  })
  log10Lr: number | null;
  @ApiProperty({
    type: Object,
    description: 'log10 LR per relationship scored',
  })
  log10LrByRelationship: Record<string, number | null>;
  @ApiProperty() inconsistentLoci: number;
  @ApiProperty() lociCompared: number;
  @ApiProperty({
    enum: CONCLUSIONS,
    description: 'Label from the decision policy',
  })
  conclusion: string;
  @ApiProperty({ type: MatchSampleRefDto }) child: MatchSampleRefDto;
  @ApiProperty({ type: MatchSampleRefDto }) reference: MatchSampleRefDto;
  @ApiProperty({ type: MatchSampleRefDto, nullable: true })
  secondReference: MatchSampleRefDto | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber: string | null;
  @ApiProperty() frequencyTableId: string;
  @ApiProperty() frequencyTableVersion: string;
  @ApiProperty({ type: MatchModelDto }) model: MatchModelDto;
  @ApiProperty({ nullable: true, type: String }) proposedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  proposedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) proposalNote: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class MatchPageDto extends PageMetaDto {
  @ApiProperty({ type: [MatchDto] }) items: MatchDto[];
}

export class MatchLocusDto {
  @ApiProperty() locus: string;
  @ApiProperty({ nullable: true, type: Number }) lr: number | null;
  @ApiProperty({
    description:
      'Mendelian inconsistency at this locus (parentage relationships)',
  })
  inconsistent: boolean;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Lab technicians only',
  })
  child?: string[] | null;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Lab technicians only',
  })
  reference?: string[] | null;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Lab technicians only (trio: the father)',
  })
  secondReference?: string[] | null;
}

export class MatchDetailDto extends MatchDto {
  @ApiProperty({
    description: 'Whether raw alleles are included (lab technicians)',
  })
  allelesShown: boolean;
  @ApiProperty({ type: [MatchLocusDto] }) loci: MatchLocusDto[];
}
