import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const SIGHTING_STATUSES = ['new', 'triaged', 'linked', 'dismissed', 'duplicate'] as const;
export type SightingStatus = (typeof SIGHTING_STATUSES)[number];
export const SIGHTING_SOURCES = ['public', 'officer'] as const;
export type SightingSource = (typeof SIGHTING_SOURCES)[number];
export const SIGHTING_SEXES = ['male', 'female', 'unknown'] as const;
export type SightingSex = (typeof SIGHTING_SEXES)[number];

/** A citizen's or officer's report of a child seen. */
@Entity({ name: 'sightings' })
export class SightingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored form of the public receipt (see receipt.ts). */
  @Column({ type: 'text', name: 'receipt_code', select: false }) receiptCode: string;
  @Column('text') source: SightingSource;
  @Column('text') status: SightingStatus;
  @Column({ type: 'timestamptz', name: 'seen_at' }) seenAt: Date;
  @Column({ type: 'text', name: 'seen_at_source' }) seenAtSource: 'reporter' | 'photo' | 'received';
  @Column('double precision') latitude: number;
  @Column('double precision') longitude: number;
  @Column({ type: 'text', name: 'location_source' }) locationSource: 'reporter' | 'photo';
  @Column({ type: 'text', name: 'place_text', nullable: true }) placeText: string | null;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column('boolean') begging: boolean;
  @Column({ type: 'boolean', name: 'with_adult' }) withAdult: boolean;
  @Column({ type: 'boolean', name: 'visible_injury_or_disability' }) visibleInjuryOrDisability: boolean;
  @Column('boolean') distressed: boolean;
  @Column({ type: 'smallint', name: 'estimated_age_years', nullable: true }) estimatedAgeYears: number | null;
  @Column('text') sex: SightingSex;
  @Column('text') description: string;
  /** SecretBox-sealed contact of the reporter; never selected unless asked for. */
  @Column({ type: 'text', name: 'reporter_contact_sealed', nullable: true, select: false }) reporterContactSealed: string | null;
  @Column({ type: 'uuid', name: 'reported_by_user_id', nullable: true }) reportedByUserId: string | null;
  @Column({ type: 'uuid', name: 'group_id', nullable: true }) groupId: string | null;
  @Column({ type: 'uuid', name: 'duplicate_of_id', nullable: true }) duplicateOfId: string | null;
  @Column({ type: 'text', name: 'dismissed_reason', nullable: true }) dismissedReason: string | null;
  @Column({ type: 'uuid', name: 'linked_case_id', nullable: true }) linkedCaseId: string | null;
  @Column({ type: 'uuid', name: 'triaged_by_user_id', nullable: true }) triagedByUserId: string | null;
  @Column({ type: 'timestamptz', name: 'triaged_at', nullable: true }) triagedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'matched_at', nullable: true }) matchedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}

/** A stored answer to a request that carried an Idempotency-Key. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn('text') scope: string;
  @PrimaryColumn('text') key: string;
  @Column({ type: 'text', name: 'request_hash' }) requestHash: string;
  @Column({ type: 'integer', name: 'response_status', nullable: true }) responseStatus: number | null;
  @Column({ type: 'jsonb', name: 'response_body', nullable: true }) responseBody: unknown;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
