import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { ChildSex } from '../cases/case.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RescueEntity } from './rescue.entity';

export const RESCUED_CHILD_STATUSES = ['in_care', 'reunited', 'transferred'] as const;
export type RescuedChildStatus = (typeof RESCUED_CHILD_STATUSES)[number];
export const PLACEMENT_KINDS = ['shelter', 'ngo'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

/** A child recovered in a rescue: identified (linked to a file) or still seeking family. */
@Entity({ name: 'rescued_children' })
export class RescuedChildEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'rescue_id' }) rescueId: string;
  @ManyToOne(() => RescueEntity, { nullable: false })
  @JoinColumn({ name: 'rescue_id' })
  rescue?: RescueEntity;
  /** The missing-child file once the child is identified (at rescue, by a DNA match or a reunion). */
  @Column({ type: 'uuid', name: 'case_id', nullable: true }) caseId: string | null;
  /** A name the child gave, if any. */
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', default: 'unknown' }) sex: ChildSex;
  @Column({
    type: 'numeric',
    name: 'estimated_age_years',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  estimatedAgeYears: number | null;
  @Column({ type: 'text', nullable: true }) condition: string | null;
  @Column({ type: 'text', name: 'injuries_or_disabilities', nullable: true }) injuriesOrDisabilities: string | null;
  @Column({ type: 'text', nullable: true }) dialect: string | null;
  @Column({ type: 'text', default: 'in_care' }) status: RescuedChildStatus;
  @Column({ type: 'text', name: 'placement_kind', nullable: true }) placementKind: PlacementKind | null;
  /** The NGO caring for the child: its caseworkers may read and update the child's care record. */
  @Column({ type: 'uuid', name: 'placement_organisation_id', nullable: true }) placementOrganisationId: string | null;
  @ManyToOne(() => OrganisationEntity, { nullable: true })
  @JoinColumn({ name: 'placement_organisation_id' })
  placementOrganisation?: OrganisationEntity | null;
  @Column({ type: 'text', name: 'placement_shelter', nullable: true }) placementShelter: string | null;
  @Column({ type: 'timestamptz', name: 'placed_at', nullable: true }) placedAt: Date | null;
  /** The rescue's jurisdiction path, copied for scope filtering. */
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdById: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
