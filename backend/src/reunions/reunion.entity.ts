import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const EVIDENCE_KINDS = ['dna_match', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const VERIFICATION_STATUSES = ['pending_sign_off', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const WELLBEING_LEVELS = ['good', 'fair', 'poor', 'at_risk'] as const;
export type Wellbeing = (typeof WELLBEING_LEVELS)[number];

/** A family member present at the reunion (sensitive: names of relatives). */
export interface FamilyMemberPresent {
  name: string;
  relationship: string;
}

/**
 * A child returned to their family. Recorded only with evidence: a confirmed DNA match (verified at
 * once) or another verification that a supervisor other than the logger signs off (the gate).
 */
@Entity({ name: 'reunions' })
export class ReunionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'case_id' }) caseId: string;
  @Column({ type: 'uuid', name: 'rescued_child_id', nullable: true }) rescuedChildId: string | null;
  @Column({ type: 'date', name: 'reunited_on' }) reunitedOn: string;
  @Column('text') place: string;
  @Column({ type: 'jsonb', name: 'family_present', default: () => `'[]'` }) familyPresent: FamilyMemberPresent[];
  @Column({ type: 'text', name: 'evidence_kind' }) evidenceKind: EvidenceKind;
  @Column({ type: 'uuid', name: 'dna_match_id', nullable: true }) dnaMatchId: string | null;
  @Column({ type: 'text', name: 'other_verification', nullable: true }) otherVerification: string | null;
  @Column({ type: 'text', name: 'verification_status' }) verificationStatus: VerificationStatus;
  @Column({ type: 'uuid', name: 'signed_off_by', nullable: true }) signedOffBy: string | null;
  @Column({ type: 'timestamptz', name: 'signed_off_at', nullable: true }) signedOffAt: Date | null;
  @Column({ type: 'text', name: 'sign_off_note', nullable: true }) signOffNote: string | null;
  /** The NGO caring for the child (its placement): its caseworkers follow the family up. */
  @Column({ type: 'uuid', name: 'organisation_id', nullable: true }) organisationId: string | null;
  /** The file's jurisdiction path, copied for scope filtering. */
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'uuid', name: 'logged_by' }) loggedBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
  @OneToMany(() => ReunionFollowUpEntity, (f) => f.reunion) followUps?: ReunionFollowUpEntity[];
}

/** A follow-up visit planned N months after a verified reunion, and what the visitor found. */
@Entity({ name: 'reunion_follow_ups' })
export class ReunionFollowUpEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'reunion_id' }) reunionId: string;
  @ManyToOne(() => ReunionEntity, (r) => r.followUps, { nullable: false })
  @JoinColumn({ name: 'reunion_id' })
  reunion?: ReunionEntity;
  @Column({ type: 'integer', name: 'months_after' }) monthsAfter: number;
  @Column({ type: 'date', name: 'due_on' }) dueOn: string;
  @Column({ type: 'date', name: 'visited_on', nullable: true }) visitedOn: string | null;
  @Column({ type: 'text', nullable: true }) visitor: string | null;
  @Column({ type: 'text', nullable: true }) wellbeing: Wellbeing | null;
  @Column({ type: 'boolean', name: 'attending_school', nullable: true }) attendingSchool: boolean | null;
  @Column({ type: 'text', name: 'risk_flags', array: true, default: () => `'{}'` }) riskFlags: string[];
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'uuid', name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at', nullable: true }) recordedAt: Date | null;
}
