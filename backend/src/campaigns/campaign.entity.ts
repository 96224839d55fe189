import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CAMPAIGN_RECORD_TYPES = ['case', 'sighting', 'rescue'] as const;
export type CampaignRecordType = (typeof CAMPAIGN_RECORD_TYPES)[number];

/** A crackdown campaign: a jurisdiction subtree and a range of days (Asia/Shanghai, both included). */
@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) goals: string | null;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'starts_on' }) startsOn: string;
  @Column({ type: 'date', name: 'ends_on' }) endsOn: string;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'integer' }) version: number;
}
