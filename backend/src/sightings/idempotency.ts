import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Problem } from '../common/problem';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** An Idempotency-Key header, checked: 16–128 letters, digits, '-' or '_' (a UUID fits). */
export function requireIdempotencyKey(header: string | undefined, required: boolean): string | null {
  if (header === undefined || header === '') {
    if (!required) return null;
    throw new Problem(HttpStatus.BAD_REQUEST, 'Send an Idempotency-Key header (for example a new UUID per report, reused for its retries).', {
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      errors: [{ field: 'Idempotency-Key', message: 'required' }],
    });
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new Problem(HttpStatus.BAD_REQUEST, 'The Idempotency-Key must be 16–128 letters, digits, "-" or "_".', {
      code: 'IDEMPOTENCY_KEY_INVALID',
      errors: [{ field: 'Idempotency-Key', message: 'invalid format' }],
    });
  }
  return header;
}

/** A stable hash of a request: JSON with sorted keys, plus whatever else identifies it (photo hashes). */
export function requestHash(body: unknown, extra: string[] = []): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).update('\0').update(extra.join(',')).digest('hex');
}

export interface StoredResponse<T> {
  status: number;
  body: T;
}

class LostTheRace extends Error {}

function mismatch(): Problem {
  return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'This Idempotency-Key was already used for a different request. Use a new key for a new report.', {
    code: 'IDEMPOTENCY_KEY_REUSED',
    errors: [{ field: 'Idempotency-Key', message: 'used before with another body' }],
  });
}

/**
 * Requests that must take effect once however often they are retried. The key row is inserted first
 * in the transaction that makes the change: a concurrent retry blocks on the unique key until the
 * first commits, then finds its answer; if the first rolls back, the retry does the work itself.
 */
export class Idempotency {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: string,
  ) {}

  /** The stored answer for this key, 422 if the key was used with another request, or null. */
  async replay<T>(key: string, hash: string, manager: EntityManager = this.dataSource.manager): Promise<StoredResponse<T> | null> {
    const [row]: { request_hash: string; response_status: number | null; response_body: T }[] = await manager.query(
      'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [this.scope, key],
    );
    if (!row) return null;
    if (row.request_hash !== hash) throw mismatch();
    if (row.response_status === null) return null;
    return { status: row.response_status, body: row.response_body };
  }

  /** Runs `work` once per key, in one transaction with the key; a retry gets the first answer. */
  async once<T>(key: string, hash: string, now: Date, work: (manager: EntityManager) => Promise<StoredResponse<T>>): Promise<StoredResponse<T> & { replayed: boolean }> {
    try {
      const fresh = await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
          [this.scope, key, hash, now],
        );
        if (!inserted.length) throw new LostTheRace();
        const response = await work(manager);
        await manager.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE scope = $1 AND key = $2', [
          this.scope,
          key,
          response.status,
          JSON.stringify(response.body),
        ]);
        return response;
      });
      return { ...fresh, replayed: false };
    } catch (error) {
      if (!(error instanceof LostTheRace)) throw error;
      const stored = await this.replay<T>(key, hash);
      if (!stored) {
        throw new Problem(HttpStatus.CONFLICT, 'The same report is being processed right now; try again in a moment.', { code: 'IDEMPOTENCY_IN_PROGRESS' });
      }
      return { ...stored, replayed: true };
    }
  }
}
