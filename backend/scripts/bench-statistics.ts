/**
 * Statistics benchmark (issue 5 §8; prints figures, asserts nothing). Target: ≤ 500 ms over 1,000,000 files.
 *   seeds N files (default 1,000,000; bench-support.ts) and, in proportion, 200 sightings, 2 rescues
 *   (1–3 children each), a verified reunion for every reunited file and 1 confirmed DNA match per
 *   100 files, through the roll-up's statement triggers, and folds their changes into the daily
 *   roll-up once (StatisticsRollup.compact, what the minute job does); then times
 *   StatisticsService.summary, byJurisdiction and trend (month), each on its own, for the officer's
 *   county (Taihe, ~45% of the data) and the national scope, over the last full year of data and over
 *   all time (both read the roll-up: whole Shanghai days), and prints median and p95 wall time.
 *
 *   SWC_NODE_PROJECT=backend/tsconfig.app.json node -r @swc-node/register backend/scripts/bench-statistics.ts [--files 1000000] [--runs 15]
 *   (with DATABASE_URL=postgres://… it uses that server; otherwise a throwaway embedded one)
 */
import type { INestApplication } from '@nestjs/common';
import { loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import { StatisticsRollup } from '../src/statistics/statistics-rollup.service';
import { StatisticsService, type StatisticsFilter, type StatisticsScope } from '../src/statistics/statistics.service';
import { arg, percentile, seedBenchFiles, startBenchApp } from './bench-support';

const FILES = arg('files', 1_000_000);
const RUNS = arg('runs', 15);

/** Sightings, rescues with their children, reunions and confirmed matches, in proportion to the files. */
async function seedRelated(dataSource: DataSource): Promise<void> {
  const t0 = Date.now();
  const [{ id: userId, organisation_id: organisationId }] = await dataSource.query(`SELECT id, organisation_id FROM users WHERE username = 'officer'`);
  const sightings = Math.round(FILES / 5);
  // Sightings take the place and a time of a file (every fifth), status by turns.
  await dataSource.query(
    `INSERT INTO sightings (receipt_code, source, status, seen_at, seen_at_source, latitude, longitude, location_source,
                            jurisdiction_id, jurisdiction_path, created_at, updated_at)
     SELECT lpad(upper(to_hex(g)), 28, '0'), 'public', (ARRAY['new','triaged','linked','dismissed','duplicate'])[1 + g % 5],
            c.created_at, 'reporter', c.last_seen_lat, c.last_seen_lng, 'reporter', c.jurisdiction_id, c.jurisdiction_path, c.created_at, c.created_at
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS g FROM cases c LIMIT $1) c`,
    [sightings],
  );
  await dataSource.query(
    `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, suspects_detained, created_by)
     SELECT c.created_at + interval '30 days', c.last_seen_place, c.jurisdiction_id, c.jurisdiction_path, c.n % 4, $1
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS n FROM cases c) c WHERE c.n % 50 = 0`,
    [userId],
  );
  await dataSource.query(
    `INSERT INTO rescued_children (rescue_id, jurisdiction_path, created_by)
     SELECT r.id, r.jurisdiction_path, $1 FROM rescues r, generate_series(1, 1 + (hashint4(r.suspects_detained + extract(epoch FROM r.occurred_at)::int) & 3) % 3)`,
    [userId],
  );
  // A third of the children are identified: linked to a rescued file.
  await dataSource.query(
    `WITH k AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM rescued_children),
          f AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM cases WHERE status = 'rescued')
     UPDATE rescued_children rc SET case_id = f.id FROM k JOIN f ON f.rn = k.rn WHERE rc.id = k.id AND k.rn % 3 = 0`,
  );
  await dataSource.query(
    `INSERT INTO reunions (case_id, reunited_on, place, evidence_kind, other_verification, verification_status, jurisdiction_path, logged_by)
     SELECT id, (reunited_at AT TIME ZONE 'Asia/Shanghai')::date, last_seen_place, 'other', 'bench', 'verified', jurisdiction_path, $1
       FROM cases WHERE reunited_at IS NOT NULL`,
    [userId],
  );
  const matches = Math.round(FILES / 100);
  await dataSource.query(
    `INSERT INTO dna_samples (barcode, kind, case_id, donor_relationship, consent_given_by, consent_given_at, consent_scope,
                              collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
     SELECT 'BENCH-' || k || '-' || c.n, k, CASE WHEN k = 'child' THEN NULL ELSE c.id END, CASE WHEN k = 'child' THEN NULL ELSE 'mother' END,
            'donor', c.created_at, 'search_for_missing_children', $2, c.jurisdiction_id, c.jurisdiction_path, '2040-01-01', 'profiled', $3
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS n FROM cases c WHERE c.found_at IS NOT NULL LIMIT $1) c,
            unnest(ARRAY['child', 'family_reference']) AS k`,
    [matches, organisationId, userId],
  );
  await dataSource.query(
    `INSERT INTO kinship_matches (child_sample_id, reference_sample_id, case_id, relationship, log10_lr, log10_lr_by_relationship, per_locus,
                                  inconsistent_loci, loci_compared, conclusion, frequency_table_id, frequency_table_version, model,
                                  status, decided_at, jurisdiction_path, child_jurisdiction_path)
     SELECT ch.id, ref.id, ref.case_id, 'parent_child', 9, '{}', '[]', 0, 23, 'supported', (SELECT id FROM dna_frequency_tables LIMIT 1), 'v1', '{}',
            'confirmed', c.found_at, ref.jurisdiction_path, ref.jurisdiction_path
       FROM dna_samples ref JOIN cases c ON c.id = ref.case_id
       JOIN dna_samples ch ON ch.barcode = replace(ref.barcode, 'BENCH-family_reference-', 'BENCH-child-')
      WHERE ref.barcode LIKE 'BENCH-family_reference-%'`,
  );
  await dataSource.query('VACUUM ANALYZE sightings, rescues, rescued_children, reunions, kinship_matches, campaign_records');
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM sightings) AS sightings, (SELECT count(*) FROM rescues) AS rescues,
            (SELECT count(*) FROM rescued_children) AS children, (SELECT count(*) FROM reunions) AS reunions,
            (SELECT count(*) FROM kinship_matches) AS matches`,
  );
  console.log(`Related records in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
}

/** Folds what the triggers appended while seeding into the daily roll-up, as the minute job does. */
async function compactRollup(app: INestApplication, dataSource: DataSource): Promise<void> {
  const t0 = Date.now();
  const changes = await app.get(StatisticsRollup).compact();
  await dataSource.query('VACUUM ANALYZE statistics_daily, statistics_changes');
  const [{ n }] = await dataSource.query(`SELECT count(*) AS n FROM statistics_daily`);
  console.log(`Roll-up: ${changes.toLocaleString()} changes folded in ${((Date.now() - t0) / 1000).toFixed(1)} s into ${Number(n).toLocaleString()} daily rows`);
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const { app, dataSource, stop } = await startBenchApp();
  await seedBenchFiles(dataSource, FILES);
  await seedRelated(dataSource);
  await compactRollup(app, dataSource);
  const statistics = app.get(StatisticsService);

  const scopes: [string, StatisticsScope][] = [
    ['county (Taihe)', { jurisdictionPath: 'CN/340000/341200/341222/' }],
    ['national', { jurisdictionPath: 'CN/' }],
  ];
  // The seeded files span 2016–2025: the last full year, and everything.
  const periods: [string, StatisticsFilter][] = [
    ['2025 (12 months)', { from: new Date('2025-01-01T00:00:00+08:00'), to: new Date('2026-01-01T00:00:00+08:00') }],
    ['all time', {}],
  ];
  console.log(`\nStatistics over ${FILES.toLocaleString()} files, ${RUNS} runs each (wall time, ms; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log('scope            period            summary p50/p95   byJurisdiction p50/p95   trend(month) p50/p95   all three p50/p95');
  for (const [scopeName, scope] of scopes) {
    for (const [periodName, filter] of periods) {
      const summary = await time(() => statistics.summary(scope, filter));
      const byJurisdiction = await time(() => statistics.byJurisdiction(scope, filter));
      const trend = await time(() => statistics.trend(scope, filter, 'month'));
      const all = await time(() => Promise.all([statistics.summary(scope, filter), statistics.byJurisdiction(scope, filter), statistics.trend(scope, filter, 'month')]));
      const f = (x: { p50: number; p95: number }) => `${x.p50.toFixed(0).padStart(6)} / ${x.p95.toFixed(0).padEnd(6)}`;
      console.log(`${scopeName.padEnd(17)}${periodName.padEnd(18)}${f(summary)}     ${f(byJurisdiction)}            ${f(trend)}          ${f(all)}`);
    }
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
