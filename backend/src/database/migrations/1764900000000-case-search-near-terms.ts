import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillSearchTerms } from './1764810000000-case-search-terms';

/**
 * A misspelt name by an exact index lookup: each file's search terms gain the near pass's keys (each
 * pinyin run of five letters or more, and each way of leaving one letter out of it; `nearKeys`), which
 * a name one typo away shares. Existing files get them here, in batches (pinyin is computed in Node).
 *
 * The list also asks the planner how many files a search matches (a broad search is listed newest
 * first). With the default statistics, a rare term is estimated at thousands of files, which makes both
 * that estimate and the plans of near lookups wrong (ANDed with a bitmap of the whole county: 40 ms
 * instead of 0.5). Ten times the statistics keep the 10,000 most common terms, and rare ones small.
 */
export class CaseSearchNearTerms1764900000000 implements MigrationInterface {
  name = 'CaseSearchNearTerms1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Files whose terms have no near key yet: on a database that ran the previous migration in the same
    // upgrade, that one already wrote them with the near keys, and they are not rewritten twice.
    await fillSearchTerms(q, `NOT EXISTS (SELECT 1 FROM unnest(search_terms) AS t WHERE t LIKE '~%')`);
    await q.query(`ALTER TABLE cases ALTER COLUMN search_terms SET STATISTICS 1000`);
    await q.query(`ANALYZE cases`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN search_terms SET STATISTICS -1`);
    await q.query(`UPDATE cases SET search_terms = ARRAY(SELECT t FROM unnest(search_terms) AS t WHERE t NOT LIKE '~%')`);
  }
}
