import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
} from 'class-validator';
import { CASE_STATUSES, CHILD_SEXES, type CaseStatus, type ChildSex } from '../cases/case.entity';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { CUSTODY_EVENTS, type CustodyEvent } from '../dna/samples/sample.entity';
import { JurisdictionRefDto } from '../jurisdictions/jurisdictions.dto';
import { PLACEMENT_KINDS, type PlacementKind, RESCUED_CHILD_STATUSES, type RescuedChildStatus } from './rescued-child.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const nullIfBlank = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

// ---------------------------------------------------------------- rescues: input

export class CreateRescueDto {
  @ApiProperty({ example: '2026-09-14T06:00:00Z' }) @IsDateString({ strict: true }) occurredAt: string;
  @ApiProperty({ example: '太和县城关镇汽车站' }) @Transform(trim) @IsString() @Length(1, 500) place: string;
  @ApiPropertyOptional({ example: 33.16, nullable: true, type: Number })
  @IsOptional() @IsLatitude({ message: 'lat must be a latitude between -90 and 90' }) lat?: number | null;
  @ApiPropertyOptional({ example: 115.62, nullable: true, type: Number })
  @IsOptional() @IsLongitude({ message: 'lng must be a longitude between -180 and 180' }) lng?: number | null;
  @ApiProperty({ example: '341222', description: 'The jurisdiction of the operation: yours or one below it' })
  @IsString() @Length(2, 12) jurisdictionCode: string;
  @ApiPropertyOptional({ description: 'Tag the rescue to this crackdown campaign by hand' }) @IsOptional() @IsUUID() campaignId?: string;
  @ApiPropertyOptional({ type: [String], example: ['太和县公安局', '太和县民政局'], description: 'Agencies involved' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 200, { each: true }) agencies?: string[];
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(10000) suspectsDetained?: number;
  @ApiPropertyOptional({ description: 'Police notes: never shown to NGOs, printed or exported' })
  @IsOptional() @IsString() @MaxLength(8000) notes?: string;
}

export class UpdateRescueDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) occurredAt?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 500) place?: string;
  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional() @IsLatitude({ message: 'lat must be a latitude between -90 and 90' }) lat?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional() @IsLongitude({ message: 'lng must be a longitude between -180 and 180' }) lng?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ description: 'Also tag the rescue to this campaign (tags are removed on the campaign page)' })
  @IsOptional() @IsUUID() campaignId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 200, { each: true }) agencies?: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) suspectsDetained?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(8000) notes?: string | null;
}

export class RescueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'This jurisdiction and those below it' }) @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Rescues at or after' }) @IsOptional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Rescues before' }) @IsOptional() @IsDateString({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Rescues tagged to this campaign' }) @IsOptional() @IsUUID() campaignId?: string;
}

// ---------------------------------------------------------------- rescues: output

export class CampaignRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class RescueSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
  @ApiProperty({ type: [String] }) agencies: string[];
  @ApiProperty() suspectsDetained: number;
  @ApiProperty({ description: 'Children recovered' }) childrenCount: number;
  @ApiProperty({ description: 'Of which linked to a file' }) identifiedCount: number;
  @ApiProperty({ type: [CampaignRefDto] }) campaigns: CampaignRefDto[];
  @ApiProperty() version: number;
}

export class RescuePageDto extends PageMetaDto {
  @ApiProperty({ type: [RescueSummaryDto] }) items: RescueSummaryDto[];
}

// ---------------------------------------------------------------- rescued children: input

export class AddRescuedChildDto {
  @ApiPropertyOptional({ description: 'Identified: the missing-child file (it moves to rescued). Leave out for an unidentified child.' })
  @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ description: 'A name the child gave', nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(100) name?: string | null;
  @ApiPropertyOptional({ enum: CHILD_SEXES, description: 'Default: the file’s, else unknown' }) @IsOptional() @IsIn(CHILD_SEXES) sex?: ChildSex;
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(25) estimatedAgeYears?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(2000) condition?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(2000) injuriesOrDisabilities?: string | null;
  @ApiPropertyOptional({ example: '皖北方言 (northern Anhui)', nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(100) dialect?: string | null;
}

/** The care record (what an NGO caring for the child may change too). */
export class UpdateRescuedChildDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(100) name?: string | null;
  @ApiPropertyOptional({ enum: CHILD_SEXES }) @IsOptional() @IsIn(CHILD_SEXES) sex?: ChildSex;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(25) estimatedAgeYears?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(2000) condition?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(2000) injuriesOrDisabilities?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @Transform(nullIfBlank) @IsString() @MaxLength(100) dialect?: string | null;
}

export class PlacementDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: PLACEMENT_KINDS }) @IsIn(PLACEMENT_KINDS) kind: PlacementKind;
  @ApiPropertyOptional({ description: 'kind shelter: the shelter’s name' })
  @ValidateIf((o: PlacementDto) => o.kind === 'shelter') @Transform(trim) @IsString() @Length(1, 200) shelter?: string;
  @ApiPropertyOptional({ description: 'kind ngo: an NGO organisation; its caseworkers then see the child' })
  @ValidateIf((o: PlacementDto) => o.kind === 'ngo') @IsUUID() organisationId?: string;
}

export class StartDnaSampleDto {
  @ApiPropertyOptional({ example: 'RC-20261120-7F3A', description: 'The tube’s barcode; generated when left out' })
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, { message: 'barcode must be 3–64 letters, digits, ".", "-" or "_"' }) barcode?: string;
  @ApiProperty({ example: '太和县儿童之家 (guardian NGO)', description: 'Who consented for the child (guardian or caring organisation)' })
  @Transform(trim) @IsString() @Length(1, 200) consentGivenBy: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString({ strict: true }) consentGivenAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the swab was taken; default now' }) @IsOptional() @IsDateString({ strict: true }) collectedAt?: string;
  @ApiPropertyOptional({ description: 'Where the swab was taken; default the child’s placement or the rescue’s place' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 300) location?: string;
  @ApiPropertyOptional({ example: '2046-11-20', description: 'Destroy by; default 20 years from today' })
  @IsOptional() @IsDateString({ strict: true }) retentionUntil?: string;
}

export class RescuedChildQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RESCUED_CHILD_STATUSES }) @IsOptional() @IsIn(RESCUED_CHILD_STATUSES) status?: RescuedChildStatus;
  @ApiPropertyOptional({ description: 'true: linked to a file; false: still seeking family' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'identified must be true or false' })
  identified?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsUUID() rescueId?: string;
  @ApiPropertyOptional({ description: 'Children placed with this organisation' }) @IsOptional() @IsUUID() placementOrganisationId?: string;
}

// ---------------------------------------------------------------- rescued children: output

export class RescueRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() place: string;
  @ApiProperty({ type: JurisdictionRefDto }) jurisdiction: JurisdictionRefDto;
}

export class LinkedCaseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() childFullName: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
}

export class PlacementOutDto {
  @ApiProperty({ enum: PLACEMENT_KINDS }) kind: PlacementKind;
  @ApiProperty({ nullable: true, type: String }) shelter: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) placedAt: string | null;
}

export class ChildSampleRefDto {
  @ApiProperty() id: string;
  @ApiProperty() barcode: string;
  @ApiProperty({ enum: CUSTODY_EVENTS }) custodyState: CustodyEvent;
}

/**
 * A rescued child as the caller may see them: police see everything, an NGO caring for the child the
 * care view (no DNA), a laboratory an outline. Fields the caller may not read are left out.
 */
export class RescuedChildDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['full', 'care', 'outline'] }) view: 'full' | 'care' | 'outline';
  @ApiProperty({ type: RescueRefDto }) rescue: RescueRefDto;
  @ApiPropertyOptional({ type: LinkedCaseDto, nullable: true }) case?: LinkedCaseDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) name?: string | null;
  @ApiProperty({ enum: CHILD_SEXES }) sex: ChildSex;
  @ApiProperty({ nullable: true, type: Number }) estimatedAgeYears: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) condition?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) injuriesOrDisabilities?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dialect?: string | null;
  @ApiPropertyOptional({ enum: RESCUED_CHILD_STATUSES }) status?: RescuedChildStatus;
  @ApiPropertyOptional({ type: PlacementOutDto, nullable: true }) placement?: PlacementOutDto | null;
  @ApiPropertyOptional({ type: [ChildSampleRefDto], description: 'DNA samples of the child (police and laboratory)' })
  dnaSamples?: ChildSampleRefDto[];
  @ApiProperty({ description: 'Fields of the care record the caller may change', type: [String] }) editableFields: string[];
  @ApiProperty({ description: 'Whether the caller may place the child' }) canPlace: boolean;
  @ApiProperty({ description: 'Whether the caller may start a DNA sample for the child' }) canStartDnaSample: boolean;
  @ApiProperty({ description: 'Whether the caller may add or remove photos of the child' }) canChangePhotos: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class RescuedChildPageDto extends PageMetaDto {
  @ApiProperty({ type: [RescuedChildDto] }) items: RescuedChildDto[];
}

export class RescueDto extends RescueSummaryDto {
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [RescuedChildDto] }) children: RescuedChildDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
