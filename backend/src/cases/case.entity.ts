import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';

export const CASE_STATUSES = ['open', 'sighted', 'located', 'rescued', 'reunited', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const CHILD_SEXES = ['male', 'female', 'unknown'] as const;
export type ChildSex = (typeof CHILD_SEXES)[number];

/** Who reported the child missing (sensitive: never in a reduced view). */
export interface CaseReporter {
  name: string;
  relationship?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

/** A family member to reach (sensitive). */
export interface FamilyContact {
  name: string;
  relationship?: string;
  phone?: string;
  address?: string;
}

/** A missing-child file. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** MC-YYYY-NNNNNN, unique; numbered per year of creation. */
  @Column({ type: 'text', name: 'case_number', unique: true }) caseNumber: string;
  @Column({ type: 'text', name: 'child_full_name' }) childFullName: string;
  @Column({ type: 'text', name: 'child_other_names', nullable: true }) childOtherNames: string | null;
  @Column({ type: 'text', name: 'search_pinyin', select: false }) searchPinyin: string;
  @Column({ type: 'text', array: true, name: 'search_terms', select: false }) searchTerms: string[];
  @Column({ type: 'text', name: 'child_sex' }) childSex: ChildSex;
  @Column({ type: 'date', name: 'child_date_of_birth', nullable: true }) childDateOfBirth: string | null;
  @Column({
    type: 'numeric',
    name: 'child_estimated_age_years',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  childEstimatedAgeYears: number | null;
  @Column({ type: 'date', name: 'child_birth_date_estimate' }) childBirthDateEstimate: string;
  @Column({ type: 'integer', name: 'child_height_cm', nullable: true }) childHeightCm: number | null;
  @Column({ type: 'text', name: 'child_distinguishing_marks', nullable: true }) childDistinguishingMarks: string | null;
  @Column({ type: 'text', name: 'child_disabilities', nullable: true }) childDisabilities: string | null;
  @Column({ type: 'text', name: 'child_dialect', nullable: true }) childDialect: string | null;
  @Column({ type: 'timestamptz', name: 'last_seen_at' }) lastSeenAt: Date;
  @Column({ type: 'text', name: 'last_seen_place' }) lastSeenPlace: string;
  @Column({ type: 'double precision', name: 'last_seen_lat', nullable: true }) lastSeenLat: number | null;
  @Column({ type: 'double precision', name: 'last_seen_lng', nullable: true }) lastSeenLng: number | null;
  @Column({ type: 'jsonb', nullable: true }) reporter: CaseReporter | null;
  @Column({ type: 'jsonb', name: 'family_contacts', default: () => `'[]'` }) familyContacts: FamilyContact[];
  @Column({ type: 'text', nullable: true }) circumstances: string | null;
  @Column({ type: 'text', default: 'normal' }) priority: CasePriority;
  @Column({ type: 'text', default: 'open' }) status: CaseStatus;
  @Column({ type: 'text', name: 'closure_reason', nullable: true }) closureReason: string | null;
  /** When the file first reached located, rescued or reunited (statistics: days from missing to found). */
  @Column({ type: 'timestamptz', name: 'found_at', nullable: true }) foundAt: Date | null;
  @Column({ type: 'timestamptz', name: 'reunited_at', nullable: true }) reunitedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @ManyToOne(() => JurisdictionEntity, { nullable: false })
  @JoinColumn({ name: 'jurisdiction_id' })
  jurisdiction?: JurisdictionEntity;
  /** Copied from the jurisdiction so that scope filtering is one indexed prefix match. */
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'uuid', name: 'assigned_officer_id', nullable: true }) assignedOfficerId: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'assigned_officer_id' })
  assignedOfficer?: UserEntity | null;
  @Column({ type: 'uuid', name: 'shared_with_organisation_id', nullable: true }) sharedWithOrganisationId: string | null;
  @ManyToOne(() => OrganisationEntity, { nullable: true })
  @JoinColumn({ name: 'shared_with_organisation_id' })
  sharedWithOrganisation?: OrganisationEntity | null;
  @Column({ type: 'timestamptz', name: 'shared_until', nullable: true }) sharedUntil: Date | null;
  @Column({ type: 'uuid', name: 'created_by_id', nullable: true }) createdById: string | null;
  /** Set from the Clock (not the database) so that date filters follow the same time as the rules. */
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
  @VersionColumn() version: number;
}

/** The last number given out per year: `UPDATE … RETURNING` on this row serialises concurrent creations. */
@Entity({ name: 'case_number_counters' })
export class CaseNumberCounterEntity {
  @PrimaryColumn('integer') year: number;
  @Column({ type: 'integer', name: 'last_value' }) lastValue: number;
}

/** A domain event on a file's timeline: created, status changed, assigned, shared, sighting linked … */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'case_id' }) caseId: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column('text') type: string;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
}
