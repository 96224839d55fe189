/**
 * What the 1M-file benchmarks share: a throwaway embedded PostgreSQL (or DATABASE_URL) with the whole
 * API on it, migrated and seeded with the demo users, and a million missing-child files written with
 * INSERT … SELECT generate_series (names, places, statuses and lifecycle times spread over ten years
 * and five counties).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AbilityFactory } from '../src/access/ability.factory';
import type { AccessContext, Actor } from '../src/access/actor';
import { configureApp } from '../src/app';
import { AppModule } from '../src/app.module';
import { nameSearchColumns } from '../src/cases/search-text';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/database/seed/demo-seed';

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN_CHARS = '小明红军华丽伟芳娜静敏强磊洋勇艳杰涛超浩宇轩子涵梓萱欣怡俊杰晨博文雨嘉佳琪思睿天乐安一诺可馨家豪鑫鹏飞婷雪梅兰亮辉志刚建国秀英玉兰春燕海波'.split('');
const PLACES = ['太和县城关镇人民路菜市场', '太和县火车站广场', '阜阳市颍州区汽车站', '临泉县城关镇学校门口', '上海市浦东新区世纪公园', '广州市白云区火车站', '深圳市宝安区工业园', '太和县旧县镇集市'];
export const COUNTIES = [
  ['341222', 33.16, 115.62, 0.45],
  ['341221', 33.04, 115.26, 0.2],
  ['310115', 31.22, 121.54, 0.15],
  ['440100', 23.13, 113.26, 0.1],
  ['440300', 22.54, 114.06, 0.1],
] as const;

export interface BenchApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  databaseUrl: string;
  stop: () => Promise<unknown>;
}

/**
 * The API on a fresh database (DATABASE_URL, else a throwaway embedded server), migrated, with the
 * demo users (and the features' demo records with `demoFeatures`).
 */
export async function startBenchApp(options: { demoFeatures?: boolean } = {}): Promise<BenchApp> {
  let databaseUrl = process.env['DATABASE_URL'];
  let stop = async () => undefined as unknown;
  // Throwaway folders (database cluster, stored photos), removed again by stop().
  const scratch: string[] = [];
  const scratchDir = (prefix: string) => {
    scratch.push(mkdtempSync(join(tmpdir(), prefix)));
    return scratch[scratch.length - 1];
  };
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(scratchDir('homeward-bench-pg-'));
    await pg.createDatabase('bench');
    databaseUrl = pg.url('bench');
    stop = () => pg.stop();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    DATA_ENCRYPTION_KEY: '0f'.repeat(32),
    HOMEWARD_DATA_DIR: scratchDir('homeward-bench-data-'),
    TRUST_PROXY: 'loopback',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, join(tmpdir(), 'none')), { bodyParser: false, logger: ['error'] });
  configureApp(app, config);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  await runMigrations(dataSource);
  await app.init();
  // Demo users only by default: the benchmark's records are exactly the ones it writes.
  await seedDemoData(dataSource, { features: options.demoFeatures ?? false });
  return {
    app,
    dataSource,
    databaseUrl,
    stop: async () => {
      await app.close();
      await stop();
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A demo user's access context (abilities as the API builds them), for calling services directly. */
export async function accessAs(app: NestExpressApplication, dataSource: DataSource, username: string): Promise<AccessContext> {
  const [row] = await dataSource.query(
    `SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, o.kind, u.jurisdiction_id, j.code, j.path
       FROM users u JOIN organisations o ON o.id = u.organisation_id JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.username = $1`,
    [username],
  );
  const actor: Actor = {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role,
    organisationId: row.organisation_id, organisationKind: row.kind, jurisdictionId: row.jurisdiction_id,
    jurisdictionCode: row.code, jurisdictionPath: row.path, sessionId: 'bench', mustChangePassword: false,
  };
  return { actor, ability: app.get(AbilityFactory).createFor(actor), ip: null, requestId: null };
}

/**
 * Writes `files` files in batches of 200,000 and analyses the table. Statuses cycle through
 * open ×3, sighted, located, rescued, reunited, closed; the found, reunited and closed times follow.
 */
export async function seedBenchFiles(dataSource: DataSource, files: number): Promise<void> {
  const given: string[] = [];
  for (const a of GIVEN_CHARS) {
    given.push(a);
    for (const b of GIVEN_CHARS.slice(0, 30)) given.push(a + b);
  }
  // The search columns of every surname × given name pair, computed by the application's own function.
  const tn = Date.now();
  await dataSource.query(`DROP TABLE IF EXISTS bench_names; CREATE UNLOGGED TABLE bench_names (si int, gi int, full_name text, search_pinyin text, search_terms text[], PRIMARY KEY (si, gi))`);
  for (let si = 1; si <= SURNAMES.length; si++) {
    const names = given.map((g, i) => ({ si, gi: i + 1, fullName: SURNAMES[si - 1] + g, ...nameSearchColumns(SURNAMES[si - 1] + g) }));
    await dataSource.query(
      `INSERT INTO bench_names SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(si int, gi int, "fullName" text, "searchPinyin" text, "searchTerms" text[])`,
      [JSON.stringify(names)],
    );
  }
  console.log(`Search columns of ${(SURNAMES.length * given.length).toLocaleString()} names in ${((Date.now() - tn) / 1000).toFixed(1)} s`);
  const jurisdictions = await dataSource.query(`SELECT id, code, path FROM jurisdictions`);
  const byCode = new Map<string, { id: string; path: string }>(jurisdictions.map((j: { code: string; id: string; path: string }) => [j.code, j]));
  console.log(`Seeding ${files.toLocaleString()} files…`);
  const t0 = Date.now();
  // A million rows go in far faster with the secondary indexes built once afterwards than grown row
  // by row (the GIN indexes especially): drop them and recreate them from their own definitions.
  const indexes: { indexname: string; indexdef: string }[] = await dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename = 'cases' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'cases'::regclass)`,
  );
  for (const { indexname } of indexes) await dataSource.query(`DROP INDEX "${indexname}"`);
  const BATCH = 200_000;
  for (let start = 1; start <= files; start += BATCH) {
    const end = Math.min(files, start + BATCH - 1);
    await dataSource.query(
      `WITH picks AS (
         SELECT g AS n,
                1 + (hashint4(g) & 2147483647) % $1 AS si,
                1 + (hashint4(g * 7 + 1) & 2147483647) % $2 AS gi,
                (hashint4(g * 13 + 5) & 2147483647) % 100 AS area,
                (hashint4(g * 17 + 3) & 2147483647) % 1000 / 1000.0 AS r1,
                (hashint4(g * 19 + 11) & 2147483647) % 1000 / 1000.0 AS r2
           FROM generate_series($3::int, $4::int) g)
       INSERT INTO cases (case_number, child_full_name, search_pinyin, search_terms, child_sex, child_estimated_age_years, child_birth_date_estimate,
                          last_seen_at, last_seen_place, last_seen_lat, last_seen_lng, priority, status,
                          jurisdiction_id, jurisdiction_path, created_at, updated_at, closure_reason, found_at, reunited_at, closed_at)
       SELECT 'MC-' || (2016 + n % 10) || '-' || lpad((n / 10 + 1)::text, 6, '0'),
              b.full_name, b.search_pinyin, b.search_terms,
              CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END,
              (n % 15) + 1,
              (date '2026-06-01' - ((n % 15 + 1) * 365 + n % 300))::date,
              timestamptz '2016-01-01' + (n % 3650) * interval '1 day',
              ($5::text[])[1 + n % 8],
              CASE WHEN area < 45 THEN 33.16 WHEN area < 65 THEN 33.04 WHEN area < 80 THEN 31.22 WHEN area < 90 THEN 23.13 ELSE 22.54 END + (r1 - 0.5) * 0.4,
              CASE WHEN area < 45 THEN 115.62 WHEN area < 65 THEN 115.26 WHEN area < 80 THEN 121.54 WHEN area < 90 THEN 113.26 ELSE 114.06 END + (r2 - 0.5) * 0.4,
              (ARRAY['low','normal','normal','high','urgent'])[1 + n % 5],
              (ARRAY['open','open','open','sighted','located','rescued','reunited','closed'])[1 + n % 8],
              CASE WHEN area < 45 THEN $6::uuid WHEN area < 65 THEN $7::uuid WHEN area < 80 THEN $8::uuid WHEN area < 90 THEN $9::uuid ELSE $10::uuid END,
              CASE WHEN area < 45 THEN $11 WHEN area < 65 THEN $12 WHEN area < 80 THEN $13 WHEN area < 90 THEN $14 ELSE $15 END,
              timestamptz '2016-01-02' + (n % 3650) * interval '1 day',
              timestamptz '2016-01-02' + (n % 3650) * interval '1 day',
              CASE WHEN n % 8 = 7 THEN 'bench' END,
              -- The lifecycle times statistics read: found (located, rescued, reunited), reunited, closed.
              CASE WHEN n % 8 IN (4, 5, 6) THEN timestamptz '2016-01-01' + (n % 3650) * interval '1 day' + (1 + n % 400) * interval '1 day' END,
              CASE WHEN n % 8 = 6 THEN timestamptz '2016-01-01' + (n % 3650) * interval '1 day' + (1 + n % 400 + n % 90) * interval '1 day' END,
              CASE WHEN n % 8 = 7 THEN timestamptz '2016-01-02' + (n % 3650) * interval '1 day' + (n % 500) * interval '1 day' END
         FROM picks JOIN bench_names b USING (si, gi)`,
      [
        SURNAMES.length, given.length, start, end, PLACES,
        ...COUNTIES.map(([code]) => byCode.get(code)!.id),
        ...COUNTIES.map(([code]) => byCode.get(code)!.path),
      ],
    );
    process.stdout.write(`  ${end.toLocaleString()}\r`);
  }
  await dataSource.query('DROP TABLE bench_names');
  const ti = Date.now();
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    for (const { indexdef } of indexes) await manager.query(indexdef);
  });
  console.log(`${indexes.length} indexes built in ${((Date.now() - ti) / 1000).toFixed(1)} s`);
  // Flush the trigram index's pending list and gather statistics, as autovacuum would in service.
  await dataSource.query('VACUUM ANALYZE cases');
  console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
