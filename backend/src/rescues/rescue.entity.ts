import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';

/** A rescue operation: where and when police recovered children, who took part, how many suspects were held. */
@Entity({ name: 'rescues' })
export class RescueEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column('text') place: string;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @ManyToOne(() => JurisdictionEntity, { nullable: false })
  @JoinColumn({ name: 'jurisdiction_id' })
  jurisdiction?: JurisdictionEntity;
  /** Copied from the jurisdiction so that scope filtering is one indexed prefix match. */
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) agencies: string[];
  @Column({ type: 'integer', name: 'suspects_detained', default: 0 }) suspectsDetained: number;
  /** Police notes: never shown to NGOs, printed in a report or exported. */
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdById: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
