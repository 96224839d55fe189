import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CaseQueryDto } from '../cases/cases.dto';
import { RescueQueryDto } from '../rescues/rescues.dto';
import { SightingQueryDto } from '../sightings/sightings.dto';
import type { ExportLanguage } from './writers';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const EXPORT_LANGUAGES: readonly ExportLanguage[] = ['zh-CN', 'en'];
const REUNION_STATUSES = ['pending_sign_off', 'verified', 'rejected'] as const;

/** How the file is written: format and the language of its headers. */
export class ExportFormatDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' }) @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
  @ApiPropertyOptional({ enum: EXPORT_LANGUAGES, default: 'zh-CN', description: 'Language of the column headers' })
  @IsOptional() @IsIn(EXPORT_LANGUAGES) language?: ExportLanguage;
}

/** A period and a place, shared by the kinds that have no list of their own to borrow filters from. */
export class PeriodFilterDto {
  @ApiPropertyOptional({ description: 'This jurisdiction and below (within your own scope)' }) @IsOptional() @IsString() @Length(2, 12) jurisdictionCode?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'At or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/** The files list's filters (without paging: an export has every matching file). */
export class CaseExportQueryDto extends IntersectionType(OmitType(CaseQueryDto, ['page', 'pageSize'] as const), ExportFormatDto) {}

/** The sightings queue's filters (without paging). */
export class SightingExportQueryDto extends IntersectionType(OmitType(SightingQueryDto, ['page', 'pageSize'] as const), ExportFormatDto) {}

/** The rescues list's filters (without paging). */
export class RescueExportQueryDto extends IntersectionType(OmitType(RescueQueryDto, ['page', 'pageSize'] as const), ExportFormatDto) {}

export class ReunionExportQueryDto extends IntersectionType(PeriodFilterDto, ExportFormatDto) {
  @ApiPropertyOptional({ enum: REUNION_STATUSES }) @IsOptional() @IsIn(REUNION_STATUSES) status?: (typeof REUNION_STATUSES)[number];
}

export class StatisticsExportQueryDto extends IntersectionType(PeriodFilterDto, ExportFormatDto) {
  @ApiPropertyOptional({ description: 'Only records tagged to this campaign' }) @IsOptional() @IsUUID() campaignId?: string;
}
