import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchTerms } from '../../cases/search-text';

const BATCH = 5_000;

/**
 * Name search without a trigram scan for what officers usually type: each file gets the terms an
 * exact lookup answers (`searchTerms`: beginnings of its names' pinyin from each syllable on, and of
 * their initials) under a GIN index. The trigram index stays for text inside a syllable and for the
 * similarity pass. Existing files get their terms here, in batches (pinyin is computed in Node).
 */
export class CaseSearchTerms1764810000000 implements MigrationInterface {
  name = 'CaseSearchTerms1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN search_terms text[] NOT NULL DEFAULT '{}'`);
    await fillSearchTerms(q);
    await q.query(`CREATE INDEX cases_search_terms_idx ON cases USING gin (search_terms)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN search_terms`);
  }
}

/** Computes the terms of every file (or of those `where` selects) from its names (exported for its test and a later migration). */
export async function fillSearchTerms(q: Pick<QueryRunner, 'query'>, where = 'TRUE'): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; child_full_name: string; child_other_names: string | null }[] = await q.query(
      `SELECT id, child_full_name, child_other_names FROM cases WHERE id > $1 AND (${where}) ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    const terms = rows.map((r) => ({ id: r.id, terms: searchTerms(r.child_full_name, r.child_other_names) }));
    await q.query(
      `UPDATE cases c SET search_terms = t.terms FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, terms text[]) WHERE c.id = t.id`,
      [JSON.stringify(terms)],
    );
    after = rows[rows.length - 1].id;
  }
}
