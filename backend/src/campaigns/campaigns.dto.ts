import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { SummaryFiguresDto } from '../statistics/statistics.dto';
import { CAMPAIGN_RECORD_TYPES, type CampaignRecordType } from './campaign.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = { message: '$property must be a day, YYYY-MM-DD' };

export class CreateCampaignDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: '太和县2026打拐专项行动' })
  @Transform(trim) @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'What the campaign sets out to achieve' })
  @IsOptional() @IsString() @MaxLength(4000) goals?: string;

  @ApiProperty({ description: 'Its place: this jurisdiction and below (within your own scope)' })
  @IsString() @Length(2, 12) jurisdictionCode: string;

  @ApiProperty({ format: 'date', description: 'First day (Asia/Shanghai)' })
  @IsISO8601({ strict: true }) @Matches(DAY, DAY_MESSAGE) startsOn: string;

  @ApiProperty({ format: 'date', description: 'Last day, included; not before the first' })
  @IsISO8601({ strict: true }) @Matches(DAY, DAY_MESSAGE) endsOn: string;
}

export class UpdateCampaignDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(4000) goals?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DAY, DAY_MESSAGE) startsOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DAY, DAY_MESSAGE) endsOn?: string;
}

export class CampaignQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class CampaignRecordsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_RECORD_TYPES }) @IsOptional() @IsIn(CAMPAIGN_RECORD_TYPES) recordType?: CampaignRecordType;
  @ApiPropertyOptional({ description: 'true: the records taken out by hand instead of the tagged ones' })
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) excluded?: boolean;
}

export class AddCampaignRecordDto {
  @ApiProperty({ enum: CAMPAIGN_RECORD_TYPES }) @IsIn(CAMPAIGN_RECORD_TYPES) recordType: CampaignRecordType;
  @ApiProperty() @IsUUID() recordId: string;
}

export class CampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) goals: string | null;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty() jurisdictionNameEn: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: ['upcoming', 'active', 'ended'], description: 'On today’s date in Asia/Shanghai' }) phase: 'upcoming' | 'active' | 'ended';
  @ApiProperty({ description: 'Records tagged and not taken out' }) taggedRecords: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class CampaignPageDto extends PageMetaDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
}

export class CampaignDetailDto extends CampaignDto {
  @ApiProperty({ type: SummaryFiguresDto, description: 'Figures of its tagged records, within your scope' }) figures: SummaryFiguresDto;
}

export class CampaignRecordDto {
  @ApiProperty({ enum: CAMPAIGN_RECORD_TYPES }) recordType: CampaignRecordType;
  @ApiProperty() recordId: string;
  @ApiProperty({ description: 'File number and child’s name, or the place of a sighting or a rescue' }) label: string;
  @ApiProperty({ format: 'date-time', description: 'Opened, seen or carried out at' }) at: string;
  @ApiProperty({ description: 'Status of a file or sighting; children recovered in a rescue' }) detail: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: ['auto', 'manual'] }) origin: 'auto' | 'manual';
  @ApiProperty() excluded: boolean;
  @ApiProperty({ format: 'date-time' }) taggedAt: string;
}

export class CampaignRecordPageDto extends PageMetaDto {
  @ApiProperty({ type: [CampaignRecordDto] }) items: CampaignRecordDto[];
}
