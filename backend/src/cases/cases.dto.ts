import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { JurisdictionRefDto } from '../jurisdictions/jurisdictions.dto';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus, CHILD_SEXES, type ChildSex } from './case.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Fields of the list that `sort` accepts; prefix with '-' for descending. */
export const CASE_SORT_FIELDS = ['createdAt', 'updatedAt', 'lastSeenAt', 'caseNumber', 'childName', 'age', 'priority', 'status'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];
const SORT_PATTERN = new RegExp(`^-?(${CASE_SORT_FIELDS.join('|')})$`);

export type CaseView = 'full' | 'reduced' | 'minimal';

// ---------- input ----------

export class ChildInputDto {
  @ApiProperty({ example: '张小明' }) @Transform(trim) @IsString() @Length(1, 100) fullName: string;
  @ApiPropertyOptional({ example: '明明', description: 'Nicknames or other names, comma separated' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200) otherNames?: string;
  @ApiProperty({ enum: CHILD_SEXES }) @IsIn(CHILD_SEXES) sex: ChildSex;
  @ApiPropertyOptional({ example: '2019-03-14', description: 'Give this or estimatedAgeYears' })
  @ValidateIf((o: ChildInputDto) => o.dateOfBirth !== undefined || o.estimatedAgeYears === undefined)
  @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD (or give estimatedAgeYears)' })
  @IsDateString({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ example: 6, description: 'Age in years when the file is opened, if the date of birth is unknown' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(25) estimatedAgeYears?: number;
  @ApiPropertyOptional({ example: 115 }) @IsOptional() @IsInt() @Min(30) @Max(220) heightCm?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) distinguishingMarks?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) disabilities?: string;
  @ApiPropertyOptional({ example: '皖北方言 (northern Anhui)' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) dialect?: string;
}

export class ChildUpdateDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 100) fullName?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200) otherNames?: string | null;
  @ApiPropertyOptional({ enum: CHILD_SEXES }) @IsOptional() @IsIn(CHILD_SEXES) sex?: ChildSex;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(25) estimatedAgeYears?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(30) @Max(220) heightCm?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) distinguishingMarks?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) disabilities?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) dialect?: string;
}

export class ReporterDto {
  @ApiProperty({ example: '张建国' }) @Transform(trim) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ example: '父亲 (father)' }) @IsOptional() @IsString() @MaxLength(50) relationship?: string;
  @ApiPropertyOptional({ example: '+86 138 0000 0000' })
  @IsOptional() @Matches(/^[+0-9 ()-]{5,30}$/, { message: 'phone may hold digits, spaces, +, -, ( and ) only' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class FamilyContactDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) relationship?: string;
  @ApiPropertyOptional()
  @IsOptional() @Matches(/^[+0-9 ()-]{5,30}$/, { message: 'phone may hold digits, spaces, +, -, ( and ) only' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class CreateCaseDto {
  @ApiProperty({ type: ChildInputDto }) @ValidateNested() @Type(() => ChildInputDto) child: ChildInputDto;
  @ApiProperty({ example: '2026-05-30T09:30:00Z' }) @IsDateString({ strict: true }) lastSeenAt: string;
  @ApiProperty({ example: '太和县城关镇人民路菜市场' }) @Transform(trim) @IsString() @Length(1, 300) lastSeenPlace: string;
  @ApiProperty({ example: 33.1602 }) @IsLatitude({ message: 'lastSeenLat must be a latitude between -90 and 90' }) lastSeenLat: number;
  @ApiProperty({ example: 115.622 }) @IsLongitude({ message: 'lastSeenLng must be a longitude between -180 and 180' }) lastSeenLng: number;
  @ApiProperty({ example: '341222', description: 'The owning jurisdiction: yours or one below it' })
  @IsString() @Length(2, 12) jurisdictionCode: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) circumstances?: string;
  @ApiPropertyOptional({ enum: CASE_PRIORITIES, default: 'normal' }) @IsOptional() @IsIn(CASE_PRIORITIES) priority?: CasePriority;
  @ApiPropertyOptional({ type: ReporterDto }) @IsOptional() @ValidateNested() @Type(() => ReporterDto) reporter?: ReporterDto;
  @ApiPropertyOptional({ type: [FamilyContactDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => FamilyContactDto)
  familyContacts?: FamilyContactDto[];
}

export class UpdateCaseDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ type: ChildUpdateDto }) @IsOptional() @ValidateNested() @Type(() => ChildUpdateDto) child?: ChildUpdateDto;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) lastSeenAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) lastSeenPlace?: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude({ message: 'lastSeenLat must be a latitude between -90 and 90' }) lastSeenLat?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude({ message: 'lastSeenLng must be a longitude between -180 and 180' }) lastSeenLng?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) circumstances?: string;
  @ApiPropertyOptional({ enum: CASE_PRIORITIES }) @IsOptional() @IsIn(CASE_PRIORITIES) priority?: CasePriority;
  @ApiPropertyOptional({ type: ReporterDto }) @IsOptional() @ValidateNested() @Type(() => ReporterDto) reporter?: ReporterDto;
  @ApiPropertyOptional({ type: [FamilyContactDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => FamilyContactDto)
  familyContacts?: FamilyContactDto[];
}

export class ChangeCaseStatusDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: CASE_STATUSES }) @IsIn(CASE_STATUSES) status: CaseStatus;
  @ApiPropertyOptional({ description: 'Required when closing' }) @IsOptional() @Transform(trim) @IsString() @Length(3, 1000) reason?: string;
}

export class AssignCaseDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ nullable: true, type: String, description: 'null removes the assignment' })
  @ValidateIf((o: AssignCaseDto) => o.officerId !== null) @IsUUID() officerId: string | null;
}

export class ShareCaseDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ nullable: true, type: String, description: 'An NGO organisation; null ends the sharing' })
  @ValidateIf((o: ShareCaseDto) => o.organisationId !== null) @IsUUID() organisationId: string | null;
  @ApiPropertyOptional({ example: '2026-12-31T00:00:00Z', description: 'Required with an organisation: the sharing ends then' })
  @ValidateIf((o: ShareCaseDto) => o.organisationId !== null) @IsDateString({ strict: true }) sharedUntil?: string;
}

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case number (or its beginning), the child’s name in Chinese characters, pinyin or initials' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 64) q?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES, isArray: true, description: 'One or more, comma separated' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsArray() @IsIn(CASE_STATUSES, { each: true, message: `status must be among ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus[];
  @ApiPropertyOptional({ description: 'This jurisdiction and below' }) @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assignedOfficerId?: string;
  @ApiPropertyOptional({ enum: CHILD_SEXES }) @IsOptional() @IsIn(CHILD_SEXES) sex?: ChildSex;
  @ApiPropertyOptional({ description: 'Age now, in years (from the date of birth or the estimated age)' })
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(40) ageMin?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(40) ageMax?: number;
  @ApiPropertyOptional() @IsOptional() @IsDateString() lastSeenFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() lastSeenTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() createdFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() createdTo?: string;
  @ApiPropertyOptional({ description: `One of ${CASE_SORT_FIELDS.join(', ')}; prefix with - for descending. Default: relevance with q, else -createdAt`, example: '-createdAt' })
  @IsOptional()
  @Matches(SORT_PATTERN, { message: `sort must be one of ${CASE_SORT_FIELDS.join(', ')} (prefix with - for descending)` })
  sort?: string;
}

// ---------- output ----------

export class CaseChildDto {
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) otherNames: string | null;
  @ApiProperty({ enum: CHILD_SEXES }) sex: ChildSex;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: Number }) estimatedAgeYears: number | null;
  @ApiProperty({ description: 'Age today in whole years (estimated when there is no date of birth)' }) ageYears: number;
  @ApiProperty({ nullable: true, type: Number }) heightCm: number | null;
  @ApiProperty({ nullable: true, type: String }) distinguishingMarks: string | null;
  @ApiProperty({ nullable: true, type: String }) disabilities: string | null;
  @ApiProperty({ nullable: true, type: String }) dialect: string | null;
}

export class CaseLastSeenDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
}

export class UserRefDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class CaseSharingDto {
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'date-time' }) sharedUntil: string;
  @ApiProperty({ description: 'false once the date has passed' }) active: boolean;
}

/**
 * A missing-child file as the caller may see it: `view` says which. A reduced view (NGO) has no
 * reporter or family contacts; a minimal view (DNA laboratory) has only the number, the child's
 * name, sex and age, and the jurisdiction.
 */
export class CaseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MC-2026-000123' }) caseNumber: string;
  @ApiProperty({ enum: ['full', 'reduced', 'minimal'] }) view: CaseView;
  @ApiProperty({ type: CaseChildDto }) child: CaseChildDto;
  @ApiPropertyOptional({ type: CaseLastSeenDto }) lastSeen?: CaseLastSeenDto;
  @ApiPropertyOptional({ nullable: true, type: String }) circumstances?: string | null;
  @ApiPropertyOptional({ enum: CASE_PRIORITIES }) priority?: CasePriority;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) status?: CaseStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) closureReason?: string | null;
  @ApiPropertyOptional({ type: [String], enum: CASE_STATUSES, description: 'Where a person may move the file next' })
  allowedTransitions?: CaseStatus[];
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
  @ApiPropertyOptional({ nullable: true, type: UserRefDto }) assignedOfficer?: UserRefDto | null;
  @ApiPropertyOptional({ nullable: true, type: CaseSharingDto }) sharing?: CaseSharingDto | null;
  @ApiPropertyOptional({ nullable: true, type: ReporterDto, description: 'Full view only' }) reporter?: ReporterDto | null;
  @ApiPropertyOptional({ type: [FamilyContactDto], description: 'Full view only' }) familyContacts?: FamilyContactDto[];
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
  @ApiPropertyOptional() version?: number;
}

export class CaseSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ enum: ['full', 'reduced', 'minimal'] }) view: CaseView;
  @ApiProperty() childName: string;
  @ApiProperty({ enum: CHILD_SEXES }) childSex: ChildSex;
  @ApiProperty() childAgeYears: number;
  @ApiPropertyOptional({ enum: CASE_STATUSES }) status?: CaseStatus;
  @ApiPropertyOptional({ enum: CASE_PRIORITIES }) priority?: CasePriority;
  @ApiPropertyOptional({ format: 'date-time' }) lastSeenAt?: string;
  @ApiPropertyOptional() lastSeenPlace?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastSeenLat?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastSeenLng?: number | null;
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
  @ApiPropertyOptional({ nullable: true, type: UserRefDto }) assignedOfficer?: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional() version?: number;
}

export class CasePageDto extends PageMetaDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty({
    description:
      'True for a search so broad (more than about 2,000 matching files) that its files are listed newest first instead of ranked, and `total` is PostgreSQL\'s estimate of the matches.',
  })
  totalIsEstimate: boolean;
}

export class CaseTimelineEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['domain', 'audit'] }) source: 'domain' | 'audit';
  @ApiProperty({ example: 'status_changed', description: 'Domain event type, or audit action such as case.read' }) type: string;
  @ApiProperty({ nullable: true, type: String }) actor: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class CaseTimelineDto {
  @ApiProperty({ type: [CaseTimelineEntryDto] }) items: CaseTimelineEntryDto[];
}
