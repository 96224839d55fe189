import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsDateString,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination';
import {
  CONSENT_SCOPE,
  CUSTODY_EVENTS,
  type CustodyEvent,
  type CustodyEventEntity,
  DONOR_RELATIONSHIPS,
  type DonorRelationship,
  type DnaSampleEntity,
  SAMPLE_KINDS,
  type SampleKind,
} from './sample.entity';

export class ConsentDto {
  @ApiProperty({
    description: 'Who gave consent (the donor, or the guardian of a child)',
  })
  @IsString()
  @Length(1, 200)
  givenBy: string;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  givenAt: string;
  @ApiProperty({
    enum: [CONSENT_SCOPE],
    description:
      'Fixed: the sample may only be used to search for missing children',
  })
  @Equals(CONSENT_SCOPE, { message: `scope must be ${CONSENT_SCOPE}` })
  scope: typeof CONSENT_SCOPE;
  @ApiPropertyOptional({
    description: 'Attachment id of the scanned consent form',
  })
  @IsOptional()
  @IsUUID()
  formAttachmentId?: string;
}

export class DonorIdentityDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ description: 'Identity document number' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  idNumber?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phone?: string;
}

export class CollectedDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) at: string;
  @ApiProperty({ description: 'Where the sample was taken' })
  @IsString()
  @Length(1, 300)
  location: string;
}

export class CreateSampleDto {
  @ApiProperty({
    example: 'TH-REF-2026-0001',
    description: '3–64 letters, digits, ".", "-" or "_"; unique',
  })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
    message: 'barcode must be 3–64 letters, digits, ".", "-" or "_"',
  })
  barcode: string;
  @ApiProperty({ enum: SAMPLE_KINDS }) @IsIn(SAMPLE_KINDS) kind: SampleKind;
  @ApiPropertyOptional({
    enum: DONOR_RELATIONSHIPS,
    description:
      'family_reference only: the donor’s relationship to the missing child',
  })
  @IsOptional()
  @IsIn(DONOR_RELATIONSHIPS)
  donorRelationship?: DonorRelationship;
  @ApiPropertyOptional({
    description: 'family_reference only: the missing-child file',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;
  @ApiPropertyOptional({
    description: 'child only: the rescued-child record, when it exists',
  })
  @IsOptional()
  @IsUUID()
  rescuedChildId?: string;
  @ApiPropertyOptional({
    description: 'child only: who the child is, where found',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  childDescription?: string;
  @ApiPropertyOptional({
    type: DonorIdentityDto,
    description: 'Sensitive: stored encrypted, shown to lab technicians only',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DonorIdentityDto)
  donorIdentity?: DonorIdentityDto;
  @ApiProperty({ type: ConsentDto })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
  @ApiPropertyOptional({ description: 'Default: your organisation' })
  @IsOptional()
  @IsUUID()
  collectingOrganisationId?: string;
  @ApiPropertyOptional({
    description:
      'Default: the file’s jurisdiction (references) or yours (children)',
  })
  @IsOptional()
  @IsString()
  @Length(2, 12)
  jurisdictionCode?: string;
  @ApiProperty({
    example: '2046-06-01',
    description:
      'Date after which the sample and its profile must be destroyed',
  })
  @IsDateString({ strict: true })
  retentionUntil: string;
  @ApiProperty({ type: CollectedDto, description: 'The first custody event' })
  @ValidateNested()
  @Type(() => CollectedDto)
  collected: CollectedDto;
}

export class AddCustodyEventDto {
  @ApiProperty({ enum: CUSTODY_EVENTS })
  @IsIn(CUSTODY_EVENTS)
  event: CustodyEvent;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  occurredAt: string;
  @ApiProperty() @IsString() @Length(1, 300) location: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SampleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SAMPLE_KINDS })
  @IsOptional()
  @IsIn(SAMPLE_KINDS)
  kind?: SampleKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ description: 'Start of a barcode' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  barcode?: string;
  @ApiPropertyOptional({ enum: CUSTODY_EVENTS })
  @IsOptional()
  @IsIn(CUSTODY_EVENTS)
  custodyState?: CustodyEvent;
}

export class CustodyEventDto {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: CUSTODY_EVENTS }) event: CustodyEvent;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() location: string;
  @ApiProperty() note: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorName: string;
}

export class ConsentOutDto {
  @ApiProperty() givenBy: string;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ enum: [CONSENT_SCOPE] }) scope: string;
  @ApiProperty({ nullable: true, type: String }) formAttachmentId:
    string | null;
}

export class SampleDto {
  @ApiProperty() id: string;
  @ApiProperty() barcode: string;
  @ApiProperty({ enum: SAMPLE_KINDS }) kind: SampleKind;
  @ApiProperty({ enum: DONOR_RELATIONSHIPS, nullable: true })
  donorRelationship: DonorRelationship | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) rescuedChildId: string | null;
  @ApiProperty() childDescription: string;
  @ApiProperty({
    description:
      'Whether a donor identity is on record (read it through /donor-identity)',
  })
  hasDonorIdentity: boolean;
  @ApiProperty({ type: ConsentOutDto }) consent: ConsentOutDto;
  @ApiProperty() collectingOrganisationId: string;
  @ApiProperty() jurisdictionPath: string;
  @ApiProperty({ example: '2046-06-01' }) retentionUntil: string;
  @ApiProperty({ enum: CUSTODY_EVENTS }) custodyState: CustodyEvent;
  @ApiProperty({
    enum: CUSTODY_EVENTS,
    isArray: true,
    description: 'Custody events that may be recorded next',
  })
  allowedNextEvents: CustodyEvent[];
  @ApiProperty() hasProfile: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class SampleDetailDto extends SampleDto {
  @ApiProperty({ type: [CustodyEventDto] }) custody: CustodyEventDto[];
}

export class SamplePageDto extends PageMetaDto {
  @ApiProperty({ type: [SampleDto] }) items: SampleDto[];
}

export class DonorIdentityOutDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) idNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

/** Events that may follow `state`: the next one in order, or destruction at any point; nothing after destruction. */
export function allowedNextEvents(state: CustodyEvent): CustodyEvent[] {
  if (state === 'destroyed') return [];
  const next = CUSTODY_EVENTS[CUSTODY_EVENTS.indexOf(state) + 1];
  return next === 'destroyed' ? ['destroyed'] : [next, 'destroyed'];
}

export function mapSample(s: DnaSampleEntity, hasProfile: boolean): SampleDto {
  return {
    id: s.id,
    barcode: s.barcode,
    kind: s.kind,
    donorRelationship: s.donorRelationship,
    caseId: s.caseId,
    rescuedChildId: s.rescuedChildId,
    childDescription: s.childDescription,
    hasDonorIdentity: !!s.donorIdentitySealed,
    consent: {
      givenBy: s.consentGivenBy,
      givenAt: s.consentGivenAt.toISOString(),
      scope: s.consentScope,
      formAttachmentId: s.consentFormAttachmentId,
    },
    collectingOrganisationId: s.collectingOrganisationId,
    jurisdictionPath: s.jurisdictionPath,
    retentionUntil: s.retentionUntil,
    custodyState: s.custodyState,
    allowedNextEvents: allowedNextEvents(s.custodyState),
    hasProfile,
    createdAt: s.createdAt.toISOString(),
    version: s.version,
  };
}

export function mapCustodyEvent(e: CustodyEventEntity): CustodyEventDto {
  return {
    seq: e.seq,
    event: e.event,
    occurredAt: e.occurredAt.toISOString(),
    location: e.location,
    note: e.note,
    actorId: e.actorId,
    actorName: e.actorName,
  };
}
