import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type JurisdictionLevel = 'nation' | 'province' | 'prefecture' | 'county';

@Entity({ name: 'jurisdictions' })
export class JurisdictionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** GB/T 2260 administrative division code ('CN' for the nation). */
  @Column({ type: 'varchar', length: 12, unique: true }) code: string;
  @Column('text') name: string;
  @Column({ type: 'text', name: 'name_en' }) nameEn: string;
  @Column('text') level: JurisdictionLevel;
  @Index() @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId: string | null;
  @ManyToOne(() => JurisdictionEntity, { nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: JurisdictionEntity | null;
  /** Codes from the root, each followed by '/': a subtree is every path with this prefix. */
  @Column({ type: 'text', unique: true }) path: string;
  @Column('double precision') latitude: number;
  @Column('double precision') longitude: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
