import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { EVIDENCE_KINDS, type EvidenceKind, VERIFICATION_STATUSES, type VerificationStatus, WELLBEING_LEVELS, type Wellbeing } from './reunion.entity';

/** What a follow-up visitor may flag; translated in the dashboard. */
export const RISK_FLAGS = [
  'not_in_school',
  'signs_of_neglect',
  'signs_of_abuse',
  'family_conflict',
  'economic_hardship',
  'health_concern',
  'contact_with_traffickers',
  'ran_away',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const FOLLOW_UP_STATES = ['overdue', 'due', 'upcoming', 'done'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

// ---------------------------------------------------------------- requests

export class FamilyMemberDto {
  @ApiProperty({ example: '李秀英' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: '母亲' }) @IsString() @Length(1, 50) relationship: string;
}

export class ReunionEvidenceInputDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, description: 'dna_match: a confirmed kinship match of this file; other: a verification a supervisor signs off' })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;
  @ApiPropertyOptional({ description: 'For dna_match: the confirmed match' }) @IsOptional() @IsUUID() matchId?: string;
  @ApiPropertyOptional({ description: 'For other: how the family and child were verified (documents, photos, witnesses)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class CreateReunionDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiPropertyOptional({ description: 'The rescued child returned (required for NGO caseworkers: a child placed with them)' })
  @IsOptional()
  @IsUUID()
  rescuedChildId?: string;
  @ApiProperty({ example: '2026-06-01', description: 'Not in the future' })
  @IsDateString({ strict: true }, { message: 'reunitedOn must be a real calendar date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'reunitedOn must be a date (YYYY-MM-DD)' })
  reunitedOn: string;
  @ApiProperty({ example: '太和县城关镇张家' }) @IsString() @Length(1, 500) place: string;
  @ApiProperty({ type: [FamilyMemberDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FamilyMemberDto)
  familyPresent: FamilyMemberDto[];
  /** Optional in the schema so that a missing one gets the gate's own answer (422), not a generic 400. */
  @ApiProperty({ type: ReunionEvidenceInputDto, description: 'Required: no reunion is recorded without evidence' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReunionEvidenceInputDto)
  evidence?: ReunionEvidenceInputDto;
}

export class SignOffReunionDto {
  @ApiProperty({ enum: ['verify', 'reject'] }) @IsIn(['verify', 'reject']) decision: 'verify' | 'reject';
  @ApiPropertyOptional({ description: 'Required when rejecting: why' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RecordFollowUpDto {
  @ApiProperty({ example: '2026-07-01' })
  @IsDateString({ strict: true }, { message: 'visitedOn must be a real calendar date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'visitedOn must be a date (YYYY-MM-DD)' })
  visitedOn: string;
  @ApiProperty({ example: '王芳（社工）' }) @IsString() @Length(1, 200) visitor: string;
  @ApiProperty({ enum: WELLBEING_LEVELS }) @IsIn(WELLBEING_LEVELS) wellbeing: Wellbeing;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'null: not of school age or unknown' })
  @IsOptional()
  @IsBoolean()
  attendingSchool?: boolean | null;
  @ApiPropertyOptional({ enum: RISK_FLAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RISK_FLAGS.length)
  @IsIn(RISK_FLAGS, { each: true })
  riskFlags?: RiskFlag[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export class ReunionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES }) @IsOptional() @IsIn(VERIFICATION_STATUSES) status?: VerificationStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() rescuedChildId?: string;
}

export class FollowUpQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FOLLOW_UP_STATES, description: 'overdue: due date passed, not visited; due: due within 30 days; done: visited' })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATES)
  status?: FollowUpState;
}

export class EvidenceQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() rescuedChildId?: string;
}

// ---------------------------------------------------------------- responses

/** A confirmed DNA match as evidence: that it exists and when it was confirmed, never genetic data. */
export class EvidenceMatchDto {
  @ApiProperty() matchId: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() confirmedAt: string;
  @ApiProperty({ description: 'Already the evidence of a (pending or verified) reunion' }) used: boolean;
}

export class EvidenceListDto {
  @ApiProperty({ type: [EvidenceMatchDto] }) items: EvidenceMatchDto[];
}

export class ReunionEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiPropertyOptional({ nullable: true, type: String }) matchId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the DNA match was confirmed' }) confirmedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
}

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class FollowUpDto {
  @ApiProperty() id: string;
  @ApiProperty() reunionId: string;
  @ApiProperty() monthsAfter: number;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: FOLLOW_UP_STATES }) state: FollowUpState;
  @ApiProperty({ nullable: true, type: String }) visitedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) visitor: string | null;
  @ApiProperty({ nullable: true, enum: WELLBEING_LEVELS }) wellbeing: Wellbeing | null;
  @ApiProperty({ nullable: true, type: Boolean }) attendingSchool: boolean | null;
  @ApiProperty({ enum: RISK_FLAGS, isArray: true }) riskFlags: RiskFlag[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt: string | null;
}

/** A follow-up in the "due" lists, with what identifies the family to visit. */
export class FollowUpListItemDto extends FollowUpDto {
  @ApiProperty() caseNumber: string;
  @ApiProperty() childName: string;
  @ApiProperty() place: string;
  @ApiProperty() reunitedOn: string;
}

export class FollowUpPageDto extends PageMetaDto {
  @ApiProperty({ type: [FollowUpListItemDto] }) items: FollowUpListItemDto[];
}

export class ReunionSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() childName: string;
  @ApiProperty({ nullable: true, type: String }) rescuedChildId: string | null;
  @ApiProperty() reunitedOn: string;
  @ApiProperty() place: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) evidenceKind: EvidenceKind;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) status: VerificationStatus;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ type: PersonRefDto }) loggedBy: PersonRefDto;
  @ApiProperty({ description: 'Follow-ups whose due date has passed without a visit' }) overdueFollowUps: number;
  @ApiProperty() createdAt: string;
}

export class ReunionPageDto extends PageMetaDto {
  @ApiProperty({ type: [ReunionSummaryDto] }) items: ReunionSummaryDto[];
}

export class ReunionDto extends ReunionSummaryDto {
  @ApiProperty({ type: [FamilyMemberDto] }) familyPresent: FamilyMemberDto[];
  @ApiProperty({ type: ReunionEvidenceDto }) evidence: ReunionEvidenceDto;
  @ApiProperty({ nullable: true, type: PersonRefDto }) signedOffBy: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String }) signedOffAt: string | null;
  @ApiProperty({ nullable: true, type: String }) signOffNote: string | null;
  @ApiProperty({ type: [FollowUpDto] }) followUps: FollowUpDto[];
  @ApiProperty({ description: 'Whether the caller may sign it off now (a supervisor other than the logger, while pending)' })
  canSignOff: boolean;
  @ApiProperty() version: number;
}
