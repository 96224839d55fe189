import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const SAMPLE_KINDS = ['family_reference', 'child'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export const DONOR_RELATIONSHIPS = [
  'mother',
  'father',
  'full_sibling',
  'half_sibling',
  'grandparent',
  'uncle_aunt',
] as const;
export type DonorRelationship = (typeof DONOR_RELATIONSHIPS)[number];
/** Chain-of-custody events in the only order they may happen. */
export const CUSTODY_EVENTS = [
  'collected',
  'sealed',
  'shipped',
  'received',
  'profiled',
  'stored',
  'destroyed',
] as const;
export type CustodyEvent = (typeof CUSTODY_EVENTS)[number];
export const CONSENT_SCOPE = 'search_for_missing_children';

@Entity({ name: 'dna_samples' })
export class DnaSampleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') barcode: string;
  @Column('text') kind: SampleKind;
  @Column({ type: 'text', name: 'donor_relationship', nullable: true })
  donorRelationship: DonorRelationship | null;
  @Column({ type: 'uuid', name: 'case_id', nullable: true }) caseId:
    string | null;
  @Column({ type: 'uuid', name: 'rescued_child_id', nullable: true })
  rescuedChildId: string | null;
  @Column({ type: 'text', name: 'child_description' }) childDescription: string;
  @Column({ type: 'text', name: 'donor_identity_sealed', nullable: true })
  donorIdentitySealed: string | null;
  @Column({ type: 'text', name: 'consent_given_by' }) consentGivenBy: string;
  @Column({ type: 'timestamptz', name: 'consent_given_at' })
  consentGivenAt: Date;
  @Column({ type: 'text', name: 'consent_scope' })
  consentScope: typeof CONSENT_SCOPE;
  @Column({ type: 'uuid', name: 'consent_form_attachment_id', nullable: true })
  consentFormAttachmentId: string | null;
  @Column({ type: 'uuid', name: 'collecting_organisation_id' })
  collectingOrganisationId: string;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'date', name: 'retention_until' }) retentionUntil: string;
  @Column({ type: 'text', name: 'custody_state' }) custodyState: CustodyEvent;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
  @VersionColumn() version: number;
}

@Entity({ name: 'dna_custody_events' })
export class CustodyEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'sample_id' }) sampleId: string;
  @Column('integer') seq: number;
  @Column('text') event: CustodyEvent;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column('text') location: string;
  @Column('text') note: string;
  @Column({ type: 'uuid', name: 'actor_id' }) actorId: string;
  @Column({ type: 'text', name: 'actor_name' }) actorName: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
