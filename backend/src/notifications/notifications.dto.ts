import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import type { NotificationEntity } from './notification.entity';

export const NOTIFICATION_KINDS = ['case_alert', 'sighting_match', 'case_shared', 'dna_match_confirmed', 'child_placed', 'child_family_found'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ description: 'i18n key of the title, e.g. notifications.caseAlert.title' }) titleKey: string;
  @ApiProperty({ description: 'i18n key of the body' }) bodyKey: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Parameters of the title and body' })
  params: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Dashboard path to open, e.g. /cases/<id>' }) link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
}

export class NotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications of the signed-in user (all pages)' }) unread: number;
}

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class ReadAllResultDto {
  @ApiProperty({ description: 'How many were marked read' }) marked: number;
}

export function mapNotification(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    titleKey: n.titleKey,
    bodyKey: n.bodyKey,
    params: n.params,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
