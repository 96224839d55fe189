import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** Canonical locus → allele pair (homozygote as two equal alleles), AMEL not included. */
export type StoredLoci = Record<string, [string, string]>;

export interface ParsedProfile {
  barcode: string;
  loci: StoredLoci;
  sexMarker: string | null;
  reviewNotes: string[];
  /** First line of the file with this sample. */
  row?: number;
}

@Entity({ name: 'dna_profiles' })
export class DnaProfileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ type: 'uuid', name: 'sample_id' }) sampleId: string;
  @Column('text') kit: string;
  @Column('jsonb') loci: StoredLoci;
  @Column({ type: 'text', name: 'sex_marker', nullable: true }) sexMarker:
    string | null;
  @Column({ type: 'boolean', name: 'needs_review' }) needsReview: boolean;
  @Column({ type: 'jsonb', name: 'review_notes' }) reviewNotes: string[];
  @Column({ type: 'uuid', name: 'import_id', nullable: true }) importId:
    string | null;
  @Column({ type: 'timestamptz', name: 'searched_at', nullable: true })
  searchedAt: Date | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export interface ImportProblem {
  row: number;
  field: string;
  problem: string;
  /** 'review': flagged for review, does not block the commit. */
  kind?: 'review';
}

@Entity({ name: 'dna_profile_imports' })
export class ProfileImportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') format: 'long' | 'wide';
  @Column({ type: 'text', name: 'file_name' }) fileName: string;
  @Column('text') kit: string;
  @Column('text') status: 'validated' | 'committing' | 'committed' | 'failed';
  @Column('integer') rows: number;
  @Column('jsonb') problems: ImportProblem[];
  @Column({ type: 'jsonb', nullable: true }) payload: ParsedProfile[] | null;
  @Column('integer') total: number;
  @Column('integer') processed: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'text', name: 'jurisdiction_path' }) jurisdictionPath: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
  @Column({ type: 'timestamptz', name: 'committed_at', nullable: true })
  committedAt: Date | null;
}
