import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import type { AuditEventEntity } from './audit-event.entity';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Username of the actor' })
  @IsOptional() @IsString() @MaxLength(64) actor?: string;
  @ApiPropertyOptional({ example: 'auth.sign_in' })
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ example: 'User' })
  @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ enum: ['success', 'failure', 'denied'] })
  @IsOptional() @IsIn(['success', 'failure', 'denied']) outcome?: 'success' | 'failure' | 'denied';
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsDateString() to?: string;
}

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) entityType: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) jurisdictionPath: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ enum: ['success', 'failure', 'denied'] }) outcome: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() hash: string;
}

export class AuditEventPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Rows checked before the first broken one (all rows when ok)' }) checked: number;
  @ApiProperty({ nullable: true, type: String }) firstBrokenId: string | null;
}

export function mapAuditEvent(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorUsername: e.actorUsername,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    jurisdictionPath: e.jurisdictionPath,
    ip: e.ip,
    requestId: e.requestId,
    outcome: e.outcome,
    details: e.details,
    hash: e.hash,
  };
}
