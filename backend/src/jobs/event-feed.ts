import type { DataSource, EntityManager } from 'typeorm';

export interface FeedEvent {
  id: string;
  case_id: string;
  type: string;
  occurred_at: Date;
  details: Record<string, unknown>;
}

/** Idempotent consumers re-read this many events behind their cursor, to catch ones committed late. */
const REREAD = 500;

/**
 * Tails the append-only `case_events` timeline for one consumer, durably: the cursor row is locked
 * while a batch is handled (so replicas take turns) and moves in the same transaction as the effects.
 * Events are numbered when inserted but may commit out of order, so `handle` must be idempotent: each
 * batch also re-reads the last events before the cursor, with `isNew` false for those.
 */
export async function consumeCaseEvents(
  dataSource: DataSource,
  consumer: string,
  types: string[],
  handle: (event: FeedEvent, isNew: boolean, manager: EntityManager) => Promise<void>,
  batchSize = 500,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query('INSERT INTO event_feed_cursors (consumer) VALUES ($1) ON CONFLICT DO NOTHING', [consumer]);
    const [cursor]: { last_event_id: string }[] = await manager.query(
      'SELECT last_event_id::text FROM event_feed_cursors WHERE consumer = $1 FOR UPDATE',
      [consumer],
    );
    const last = BigInt(cursor.last_event_id);
    const events: FeedEvent[] = await manager.query(
      `SELECT id::text, case_id, type, occurred_at, details FROM case_events
        WHERE id > $1 AND type = ANY($2) ORDER BY id LIMIT $3`,
      [String(last - BigInt(REREAD) > 0n ? last - BigInt(REREAD) : 0n), types, batchSize + REREAD],
    );
    let max = last;
    let fresh = 0;
    for (const e of events) {
      const id = BigInt(e.id);
      const isNew = id > last;
      await handle(e, isNew, manager);
      if (isNew) fresh++;
      if (id > max) max = id;
    }
    await manager.query('UPDATE event_feed_cursors SET last_event_id = $2 WHERE consumer = $1', [consumer, String(max)]);
    return fresh;
  });
}
