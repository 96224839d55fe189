import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One sign-in. Its refresh tokens form a rotation family that is revoked together. */
@Entity({ name: 'auth_sessions' })
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'last_activity_at' }) lastActivityAt: Date;
  /** The absolute end of the session, whatever the activity. */
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', name: 'revoked_reason', nullable: true }) revokedReason: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'text', name: 'user_agent', nullable: true }) userAgent: string | null;
}

@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'session_id' }) sessionId: string;
  /** SHA-256 of the token; the token itself exists only in the user's cookie. */
  @Column({ type: 'text', name: 'token_hash', unique: true }) tokenHash: string;
  @Column({ type: 'timestamptz', name: 'issued_at' }) issuedAt: Date;
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true }) usedAt: Date | null;
}

@Entity({ name: 'mfa_recovery_codes' })
export class MfaRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'text', name: 'code_hash' }) codeHash: string;
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true }) usedAt: Date | null;
}

@Entity({ name: 'sign_in_failures' })
export class SignInFailureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
}
