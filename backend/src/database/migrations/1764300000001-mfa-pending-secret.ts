import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Enrolling a new authenticator must not switch off the one in use until the new one is confirmed. */
export class MfaPendingSecret1764300000001 implements MigrationInterface {
  name = 'MfaPendingSecret1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN mfa_pending_secret_encrypted text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN mfa_pending_secret_encrypted`);
  }
}
