import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { RolledUpJurisdiction } from '../reports/rendering/roll-up';
import type { FileStatus, JurisdictionCounts, SummaryFigures, TrendPoint } from '../reports/rendering/types';

export const GRANULARITIES = ['month', 'day'] as const;
const FILE_STATUSES: FileStatus[] = ['open', 'sighted', 'located', 'rescued', 'reunited', 'closed'];

export class StatisticsQueryDto {
  @ApiPropertyOptional({
    description: 'Start (inclusive): a day (YYYY-MM-DD, midnight in Asia/Shanghai) or a date-time. Default: the first day of the month eleven months ago.',
  })
  @IsOptional() @IsISO8601({ strict: true }) from?: string;

  @ApiPropertyOptional({ description: 'End (exclusive), like `from`. Default: the first day of next month.' })
  @IsOptional() @IsISO8601({ strict: true }) to?: string;

  @ApiPropertyOptional({ description: 'A jurisdiction code: that jurisdiction and below, within your own scope' })
  @IsOptional() @IsString() @Length(2, 12) jurisdiction?: string;

  @ApiPropertyOptional({ description: 'Only the records tagged to this campaign' })
  @IsOptional() @IsUUID() campaignId?: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'month', description: 'Of the trend; days for periods up to 400 days' })
  @IsOptional() @IsIn(GRANULARITIES) granularity?: (typeof GRANULARITIES)[number];
}

export class FilesByStatusDto implements Partial<Record<FileStatus, number>> {
  @ApiPropertyOptional() open?: number;
  @ApiPropertyOptional() sighted?: number;
  @ApiPropertyOptional() located?: number;
  @ApiPropertyOptional() rescued?: number;
  @ApiPropertyOptional() reunited?: number;
  @ApiPropertyOptional() closed?: number;
}

export class SummaryFiguresDto implements SummaryFigures {
  @ApiProperty() filesOpened: number;
  @ApiProperty() filesClosed: number;
  @ApiProperty({ type: FilesByStatusDto, description: `The files opened in the period, by where they stand now (${FILE_STATUSES.join(', ')}); absent = 0` })
  filesByStatus: FilesByStatusDto;
  @ApiProperty() sightingsReceived: number;
  @ApiProperty({ description: 'Of the sightings received, how many are now linked to a file' }) sightingsLinked: number;
  @ApiProperty({ description: 'Of the sightings received, how many are now dismissed' }) sightingsDismissed: number;
  @ApiProperty() rescues: number;
  @ApiProperty() childrenRecoveredIdentified: number;
  @ApiProperty() childrenRecoveredUnidentified: number;
  @ApiProperty({ description: 'Verified reunions' }) reunited: number;
  @ApiProperty() suspectsDetained: number;
  @ApiProperty({ nullable: true, type: Number }) medianDaysMissingToFound: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianDaysFoundToReunited: number | null;
  @ApiProperty() dnaMatchesConfirmed: number;
}

export class TrendPointDto implements TrendPoint {
  @ApiProperty({ description: 'YYYY-MM or YYYY-MM-DD (Asia/Shanghai)' }) period: string;
  @ApiProperty() filesOpened: number;
  @ApiProperty() sightingsReceived: number;
  @ApiProperty() childrenRecovered: number;
  @ApiProperty() reunited: number;
}

export class JurisdictionCountsDto implements JurisdictionCounts {
  @ApiProperty() filesOpened: number;
  @ApiProperty() filesClosed: number;
  @ApiProperty() rescues: number;
  @ApiProperty() childrenRecovered: number;
  @ApiProperty() reunited: number;
  @ApiProperty() suspectsDetained: number;
}

export class JurisdictionFiguresDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty({ description: '0 for the top row, 1 for its children, …' }) depth: number;
  @ApiProperty({ type: JurisdictionCountsDto, description: 'Records owned by this jurisdiction itself' }) own: JurisdictionCountsDto;
  @ApiProperty({ type: JurisdictionCountsDto, description: 'Own counts plus every jurisdiction below it' }) totals: JurisdictionCountsDto;
}

export class StatisticsDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity: (typeof GRANULARITIES)[number];
  @ApiProperty({ type: SummaryFiguresDto }) summary: SummaryFiguresDto;
  @ApiProperty({ type: [TrendPointDto] }) trend: TrendPointDto[];
  @ApiProperty({ type: [JurisdictionFiguresDto], description: 'Rolled up the tree, in table order (depth first)' })
  byJurisdiction: JurisdictionFiguresDto[];
}

export function mapRolledUp(rows: RolledUpJurisdiction[]): JurisdictionFiguresDto[] {
  return rows.map(({ row, depth, totals }) => ({
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    parentCode: row.parentCode,
    depth,
    own: row.own,
    totals,
  }));
}
