import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MatchReason } from './scoring';

/** A file suggested for a sighting by matching: a suggestion only, ranked with its reasons. */
@Entity({ name: 'sighting_candidates' })
export class SightingCandidateEntity {
  @PrimaryColumn({ type: 'uuid', name: 'sighting_id' }) sightingId: string;
  @PrimaryColumn({ type: 'uuid', name: 'case_id' }) caseId: string;
  @Column('smallint') rank: number;
  @Column('real') score: number;
  @Column('jsonb') reasons: MatchReason[];
  @Column({ type: 'timestamptz', name: 'computed_at' }) computedAt: Date;
}

/** A link a person confirmed between a sighting and a file, with the score and reasons they saw. */
@Entity({ name: 'sighting_case_links' })
export class SightingCaseLinkEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'sighting_id' }) sightingId: string;
  @Column({ type: 'uuid', name: 'case_id' }) caseId: string;
  @Column({ type: 'real', nullable: true }) score: number | null;
  @Column('jsonb') reasons: MatchReason[];
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'uuid', name: 'linked_by_user_id' }) linkedByUserId: string;
  @Column({ type: 'timestamptz', name: 'linked_at' }) linkedAt: Date;
}
