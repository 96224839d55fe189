import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import type { ChildNameMode, ReportLanguage } from './rendering';

export const REPORT_TYPES = ['campaign', 'monthly'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['zh-CN', 'en'];
export const CHILD_NAME_MODES: readonly ChildNameMode[] = ['initials', 'full'];
export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_TYPES }) @IsIn(REPORT_TYPES) type: ReportType;
  @ApiPropertyOptional({ description: 'Required for a campaign report (and only then)' })
  @ValidateIf((o: CreateReportDto) => o.type === 'campaign' || o.campaignId !== undefined)
  @IsUUID(undefined, { message: 'campaignId must be the id of a campaign (required for a campaign report)' })
  campaignId?: string;
  @ApiPropertyOptional({ example: '2026-03', description: 'Required for a monthly report (and only then): YYYY-MM' })
  @ValidateIf((o: CreateReportDto) => o.type === 'monthly' || o.month !== undefined)
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM (required for a monthly report)' })
  month?: string;
  @ApiProperty({ enum: REPORT_LANGUAGES }) @IsIn(REPORT_LANGUAGES) language: ReportLanguage;
  @ApiPropertyOptional({ enum: CHILD_NAME_MODES, default: 'initials', description: "'full' prints children's full names in a campaign report; the choice is audited" })
  @IsOptional() @IsIn(CHILD_NAME_MODES) childNames?: ChildNameMode;
}

export class ReportJobDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REPORT_TYPES }) type: ReportType;
  @ApiProperty({ nullable: true, type: String }) campaignId: string | null;
  @ApiProperty({ nullable: true, type: String }) campaignName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-03' }) month: string | null;
  @ApiProperty({ enum: REPORT_LANGUAGES }) language: ReportLanguage;
  @ApiProperty({ enum: CHILD_NAME_MODES }) childNames: ChildNameMode;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed job failed, in words a person can act on' }) error: string | null;
  @ApiProperty({ nullable: true, type: Number }) fileBytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) pages: number | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class ReportJobListDto {
  @ApiProperty({ type: [ReportJobDto] }) items: ReportJobDto[];
}

/** A report_jobs row joined with the campaign's name and the requester's display name. */
export interface ReportJobRow {
  id: string;
  type: ReportType;
  campaign_id: string | null;
  campaign_name: string | null;
  month: string | null;
  language: ReportLanguage;
  child_names: ChildNameMode;
  status: ReportStatus;
  progress: number;
  error: string | null;
  file_key: string | null;
  file_bytes: number | null;
  pages: number | null;
  requested_by: string;
  requested_by_name: string;
  jurisdiction_path: string;
  created_at: Date;
  finished_at: Date | null;
}

export function toReportJobDto(row: ReportJobRow): ReportJobDto {
  return {
    id: row.id,
    type: row.type,
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    month: row.month,
    language: row.language,
    childNames: row.child_names,
    status: row.status,
    progress: row.progress,
    error: row.error,
    fileBytes: row.file_bytes,
    pages: row.pages,
    requestedBy: row.requested_by_name,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
