import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { KinshipConclusion } from '../kinship';

export const MATCH_STATUSES = [
  'candidate',
  'proposed',
  'confirmed',
  'rejected',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const MATCH_RELATIONSHIPS = [
  'parent_child',
  'full_sibling',
  'trio_both',
] as const;
export type MatchRelationship = (typeof MATCH_RELATIONSHIPS)[number];

export interface MatchModel {
  mutation: {
    model: string;
    rate: number;
    rate2?: number;
    range?: number;
  } | null;
  theta: number;
  policy: string;
  frequencyTable: string;
}

@Entity({ name: 'kinship_matches' })
export class KinshipMatchEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'child_sample_id' }) childSampleId: string;
  @Column({ type: 'uuid', name: 'reference_sample_id' })
  referenceSampleId: string;
  @Column({ type: 'uuid', name: 'second_reference_sample_id', nullable: true })
  secondReferenceSampleId: string | null;
  @Column({ type: 'uuid', name: 'case_id', nullable: true }) caseId:
    string | null;
  @Column('text') relationship: MatchRelationship;
  @Column({ type: 'double precision', name: 'log10_lr', nullable: true })
  log10Lr: number | null;
  @Column({ type: 'jsonb', name: 'log10_lr_by_relationship' })
  log10LrByRelationship: Record<string, number | null>;
  @Column({ type: 'jsonb', name: 'per_locus' }) perLocus: Record<
    string,
    number
  >;
  @Column({ type: 'integer', name: 'inconsistent_loci' })
  inconsistentLoci: number;
  @Column({ type: 'integer', name: 'loci_compared' }) lociCompared: number;
  @Column('text') conclusion: KinshipConclusion;
  @Column({ type: 'uuid', name: 'frequency_table_id' })
  frequencyTableId: string;
  @Column({ type: 'text', name: 'frequency_table_version' })
  frequencyTableVersion: string;
  @Column('jsonb') model: MatchModel;
  @Column('text') status: MatchStatus;
  @Column({ type: 'uuid', name: 'proposed_by', nullable: true }) proposedBy:
    string | null;
  @Column({ type: 'timestamptz', name: 'proposed_at', nullable: true })
  proposedAt: Date | null;
  @Column({ type: 'text', name: 'proposal_note', nullable: true })
  proposalNote: string | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy:
    string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;
  @Column({ type: 'text', name: 'decision_reason', nullable: true })
  decisionReason: string | null;
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'text', name: 'child_jurisdiction_path' })
  childJurisdictionPath: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
  @VersionColumn() version: number;
}
