import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '../access/permissions';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Column({ type: 'text', name: 'password_hash', select: false }) passwordHash: string;
  @Column('text') role: Role;
  @Column({ type: 'uuid', name: 'organisation_id' }) organisationId: string;
  @ManyToOne(() => OrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
  @Column({ type: 'uuid', name: 'jurisdiction_id' }) jurisdictionId: string;
  @ManyToOne(() => JurisdictionEntity, { nullable: false })
  @JoinColumn({ name: 'jurisdiction_id' })
  jurisdiction?: JurisdictionEntity;
  @Column({ type: 'boolean', name: 'must_change_password', default: false }) mustChangePassword: boolean;
  @Column({ type: 'text', name: 'mfa_secret_encrypted', nullable: true, select: false }) mfaSecretEncrypted: string | null;
  @Column({ type: 'timestamptz', name: 'mfa_enabled_at', nullable: true }) mfaEnabledAt: Date | null;
  /** A secret being enrolled; it replaces the active one only when a code from the app confirms it. */
  @Column({ type: 'text', name: 'mfa_pending_secret_encrypted', nullable: true, select: false }) mfaPendingSecretEncrypted: string | null;
  @Column({ type: 'bigint', name: 'mfa_last_used_step', nullable: true, select: false }) mfaLastUsedStep: string | null;
  @Column({ type: 'boolean', name: 'mfa_exempt', default: false }) mfaExempt: boolean;
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true }) disabledAt: Date | null;
  @Column({ type: 'timestamptz', name: 'locked_at', nullable: true }) lockedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'password_changed_at', nullable: true }) passwordChangedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true }) lastSignInAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
