import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { LocusFrequencies } from '../kinship';

@Entity({ name: 'dna_frequency_tables' })
export class FrequencyTableEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') population: string;
  @Column('text') source: string;
  @Column('text') note: string;
  @Column('boolean') placeholder: boolean;
  /** Content hash of the raw table. */
  @Column('text') version: string;
  @Column({ type: 'text', name: 'floor_kind' }) floorKind:
    'sampleSize' | 'fixed';
  @Column({ type: 'double precision', name: 'floor_value', nullable: true })
  floorValue: number | null;
  @Column('jsonb') loci: Record<string, LocusFrequencies>;
  @Column({ type: 'integer', name: 'locus_count' }) locusCount: number;
  @Column({ type: 'boolean', name: 'search_default' }) searchDefault: boolean;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy:
    string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
