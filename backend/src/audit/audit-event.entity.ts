import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/**
 * One row of the append-only audit log. The id, prev_hash and hash are set by the database trigger
 * that chains rows; UPDATE, DELETE and TRUNCATE are refused by the database itself.
 */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'text', name: 'actor_username', nullable: true }) actorUsername: string | null;
  @Column('text') action: string;
  @Column({ type: 'text', name: 'entity_type', nullable: true }) entityType: string | null;
  @Column({ type: 'text', name: 'entity_id', nullable: true }) entityId: string | null;
  @Column({ type: 'text', name: 'jurisdiction_path', nullable: true }) jurisdictionPath: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'text', name: 'request_id', nullable: true }) requestId: string | null;
  @Column('text') outcome: AuditOutcome;
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
  @Column({ type: 'text', name: 'prev_hash' }) prevHash: string;
  @Column('text') hash: string;
}
