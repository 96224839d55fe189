import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { FACTORS, type MatchReason } from './matching/scoring';
import { SIGHTING_SEXES, SIGHTING_SOURCES, SIGHTING_STATUSES, type SightingSex, type SightingSource, type SightingStatus } from './sighting.entity';

/** Multipart fields arrive as text: accept numbers written as text, and treat empty fields as absent. */
const toNumber = ({ value }: { value: unknown }) =>
  value === '' || value === null ? undefined : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
const toBoolean = ({ value }: { value: unknown }) =>
  value === '' ? undefined : value === 'true' || value === '1' || value === 'on' ? true : value === 'false' || value === '0' ? false : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * A sighting as a citizen or an officer reports it. Sent as JSON, or as multipart/form-data with the
 * same fields plus up to 5 `photos` (JPEG, PNG or WebP).
 */
export class CreateSightingDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When the child was seen (default: from the photo, else now). Not in the future.' })
  @IsOptional() @Transform(emptyToUndefined) @IsISO8601({ strict: true }) seenAt?: string;

  @ApiPropertyOptional({ minimum: -90, maximum: 90, description: 'With longitude; taken from the photo when absent' })
  @IsOptional() @Transform(toNumber) @IsLatitude() latitude?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional() @Transform(toNumber) @IsLongitude() longitude?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'The place in words, e.g. 阜阳火车站南广场' })
  @IsOptional() @IsString() @MaxLength(500) placeText?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @Transform(toBoolean) @IsBoolean() begging?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @Transform(toBoolean) @IsBoolean() withAdult?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @Transform(toBoolean) @IsBoolean() visibleInjuryOrDisability?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @Transform(toBoolean) @IsBoolean() distressed?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 25 })
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(25) estimatedAgeYears?: number;

  @ApiPropertyOptional({ enum: SIGHTING_SEXES, default: 'unknown' })
  @IsOptional() @Transform(emptyToUndefined) @IsIn(SIGHTING_SEXES) sex?: SightingSex;

  @ApiPropertyOptional({ maxLength: 4000, description: 'What the child looked like and was doing' })
  @IsOptional() @IsString() @MaxLength(4000) description?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Optional. Seen only by police of the place of the sighting; every view is logged.' })
  @IsOptional() @IsString() @MaxLength(200) reporterContact?: string;
}

export class PublicSightingReceiptDto {
  @ApiProperty({ example: 'HW-7K3M-Q9XD-2P4T-WH8N-C6VB-R1ZJ-5FGA', description: 'Keep it to check the status' }) receipt: string;
  @ApiProperty({ enum: ['received'] }) status: 'received';
  @ApiProperty({ description: 'Photos stored with the sighting' }) photos: number;
  @ApiProperty({
    type: [String],
    enum: ['place', 'time'],
    description: 'What was taken from the photo because the report did not say (EXIF position and time)',
  })
  filledFromPhoto: ('place' | 'time')[];
}

export const PUBLIC_STATUSES = ['received', 'under_review', 'closed'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export class PublicSightingStatusDto {
  @ApiProperty({ enum: PUBLIC_STATUSES }) status: PublicStatus;
}

export function publicStatus(status: SightingStatus): PublicStatus {
  return status === 'new' ? 'received' : status === 'triaged' ? 'under_review' : 'closed';
}

export class SightingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SIGHTING_STATUSES }) @IsOptional() @IsIn(SIGHTING_STATUSES) status?: SightingStatus;
  @ApiPropertyOptional({ enum: SIGHTING_SOURCES }) @IsOptional() @IsIn(SIGHTING_SOURCES) source?: SightingSource;
  @ApiPropertyOptional({ description: 'This jurisdiction and below (within your own scope)' })
  @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Seen at or after' }) @IsOptional() @IsISO8601({ strict: true }) seenFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Seen before' }) @IsOptional() @IsISO8601({ strict: true }) seenTo?: string;
  @ApiPropertyOptional({ description: 'Sightings grouped as the same child (near-duplicate photos)' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional({ description: 'Sightings linked to this file' }) @IsOptional() @IsUUID() caseId?: string;
}

export class SightingPhotoDto {
  @ApiProperty() id: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class CandidateSummaryDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() score: number;
}

export class SightingDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: SIGHTING_SOURCES }) source: SightingSource;
  @ApiProperty({ enum: SIGHTING_STATUSES }) status: SightingStatus;
  @ApiProperty({ format: 'date-time' }) seenAt: string;
  @ApiProperty({ enum: ['reporter', 'photo', 'received'] }) seenAtSource: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty({ enum: ['reporter', 'photo'] }) locationSource: string;
  @ApiProperty({ nullable: true, type: String }) placeText: string | null;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty() begging: boolean;
  @ApiProperty() withAdult: boolean;
  @ApiProperty() visibleInjuryOrDisability: boolean;
  @ApiProperty() distressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) estimatedAgeYears: number | null;
  @ApiProperty({ enum: SIGHTING_SEXES }) sex: SightingSex;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'The reporter left a contact (read it with GET /sightings/{id}/reporter-contact; the view is logged)' })
  hasReporterContact: boolean;
  @ApiProperty({ nullable: true, type: String }) groupId: string | null;
  @ApiProperty({ nullable: true, type: String }) duplicateOfId: string | null;
  @ApiProperty({ nullable: true, type: String }) dismissedReason: string | null;
  @ApiProperty({ nullable: true, type: String }) linkedCaseId: string | null;
  @ApiProperty({ type: [SightingPhotoDto] }) photos: SightingPhotoDto[];
  @ApiProperty({ nullable: true, type: CandidateSummaryDto, description: 'Best-ranked file, when matching has run' })
  topCandidate: CandidateSummaryDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When candidates were last computed' }) matchedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class SightingPageDto extends PageMetaDto {
  @ApiProperty({ type: [SightingDto] }) items: SightingDto[];
}

export class MatchReasonDto implements MatchReason {
  @ApiProperty({ enum: FACTORS }) factor: MatchReason['factor'];
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ enum: ['match', 'partial', 'mismatch', 'unknown'] }) result: MatchReason['result'];
  @ApiProperty() detail: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) values: Record<string, number | string | null>;
}

export class CandidateCaseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'false: the file is outside your jurisdiction; only its number and owner are shown' }) inScope: boolean;
  @ApiProperty({ nullable: true, type: String }) childFullName: string | null;
  @ApiProperty({ nullable: true, type: String }) childSex: string | null;
  @ApiProperty({ nullable: true, type: String }) childBirthDate: string | null;
  @ApiProperty({ nullable: true, type: String }) childDistinguishingMarks: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSeenPlace: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSeenAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastSeenLat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lastSeenLng: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'A photo of the child (attachment id)' }) photoId: string | null;
}

export class SightingCandidateDto {
  @ApiProperty() rank: number;
  @ApiProperty() score: number;
  @ApiProperty({ type: [MatchReasonDto] }) reasons: MatchReasonDto[];
  @ApiProperty({ type: CandidateCaseDto }) case: CandidateCaseDto;
}

export class SightingDetailDto extends SightingDto {
  @ApiProperty({ type: [SightingCandidateDto], description: 'Ranked files; a person decides, nothing is linked automatically' })
  candidates: SightingCandidateDto[];
  @ApiProperty({ type: [String], description: 'Other sightings with near-duplicate photos' }) groupSightingIds: string[];
}

export class ReporterContactDto {
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
}

export class LinkSightingDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiPropertyOptional({ description: 'The sighting version you saw; a stale one → 409' }) @IsOptional() @IsInt() version?: number;
}

export class DismissSightingDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 }) @IsString() @Length(3, 1000) reason: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() version?: number;
}

export class DuplicateSightingDto {
  @ApiProperty() @IsUUID() ofSightingId: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() version?: number;
}

export class TriageSightingDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() version?: number;
}

export type { MatchReason };
