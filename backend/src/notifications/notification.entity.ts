import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An alert for one user. Title and body are i18n keys with parameters, so each reader sees their language. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'recipient_id' }) recipientId: string;
  @Column('text') kind: string;
  @Column({ type: 'text', name: 'title_key' }) titleKey: string;
  @Column({ type: 'text', name: 'body_key' }) bodyKey: string;
  @Column({ type: 'jsonb', default: {} }) params: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ type: 'text', name: 'dedupe_key', nullable: true }) dedupeKey: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt: Date | null;
}
