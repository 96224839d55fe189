/**
 * Case search benchmark (prints figures; not a test):
 *   seeds N missing-child files (default 1,000,000) with INSERT … SELECT generate_series, then runs the
 *   same mix of searches (Chinese name, pinyin, initials, similar-sounding name, case-number prefix)
 *   a) through the API with autocannon at 32 concurrent connections, and
 *   b) as the very SQL the API runs (list + count), straight through pg at 32 concurrent clients,
 *   and prints p50/p95 of each and the ratio API / raw. Targets: API p95 ≤ 50 ms, ratio ≤ 1.5.
 *
 *   SWC_NODE_PROJECT=backend/tsconfig.app.json node -r @swc-node/register backend/scripts/bench-case-search.ts [--files 1000000] [--seconds 20]
 *   (with DATABASE_URL=postgres://… it uses that server; otherwise a throwaway embedded one)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AbilityFactory } from '../src/access/ability.factory';
import type { AccessContext, Actor } from '../src/access/actor';
import { configureApp } from '../src/app';
import { AppModule } from '../src/app.module';
import { CaseQueryDto } from '../src/cases/cases.dto';
import { CasesService } from '../src/cases/cases.service';
import { compact, fullPinyin, pinyinInitials } from '../src/cases/search-text';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { DEMO_PASSWORD, seedDemoData } from '../src/database/seed/demo-seed';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 1_000_000);
const SECONDS = arg('seconds', 20);
const CONNECTIONS = 32;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN_CHARS = '小明红军华丽伟芳娜静敏强磊洋勇艳杰涛超浩宇轩子涵梓萱欣怡俊杰晨博文雨嘉佳琪思睿天乐安一诺可馨家豪鑫鹏飞婷雪梅兰亮辉志刚建国秀英玉兰春燕海波'.split('');
const PLACES = ['太和县城关镇人民路菜市场', '太和县火车站广场', '阜阳市颍州区汽车站', '临泉县城关镇学校门口', '上海市浦东新区世纪公园', '广州市白云区火车站', '深圳市宝安区工业园', '太和县旧县镇集市'];
const COUNTIES = [
  ['341222', 33.16, 115.62, 0.45],
  ['341221', 33.04, 115.26, 0.2],
  ['310115', 31.22, 121.54, 0.15],
  ['440100', 23.13, 113.26, 0.1],
  ['440300', 22.54, 114.06, 0.1],
] as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  let databaseUrl = process.env['DATABASE_URL'];
  let stop = async () => undefined as unknown;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'homeward-bench-pg-')));
    await pg.createDatabase('bench');
    databaseUrl = pg.url('bench');
    stop = () => pg.stop();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    DATA_ENCRYPTION_KEY: '0f'.repeat(32),
    HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'homeward-bench-data-')),
    TRUST_PROXY: 'loopback',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, join(tmpdir(), 'none')), { bodyParser: false, logger: ['error'] });
  configureApp(app, config);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  await runMigrations(dataSource);
  await app.init();
  await seedDemoData(dataSource);

  // ---- seed
  const given: string[] = [];
  for (const a of GIVEN_CHARS) {
    given.push(a);
    for (const b of GIVEN_CHARS.slice(0, 30)) given.push(a + b);
  }
  const surnamePy = SURNAMES.map((s) => fullPinyin(s));
  const givenPy = given.map((g) => fullPinyin(g));
  const givenInitials = given.map((g) => pinyinInitials(g));
  const surnameInitials = SURNAMES.map((s) => pinyinInitials(s));
  const jurisdictions = await dataSource.query(`SELECT id, code, path FROM jurisdictions`);
  const byCode = new Map<string, { id: string; path: string }>(jurisdictions.map((j: { code: string; id: string; path: string }) => [j.code, j]));
  console.log(`Seeding ${FILES.toLocaleString()} files…`);
  const t0 = Date.now();
  const BATCH = 200_000;
  for (let start = 1; start <= FILES; start += BATCH) {
    const end = Math.min(FILES, start + BATCH - 1);
    await dataSource.query(
      `WITH picks AS (
         SELECT g AS n,
                1 + (hashint4(g) & 2147483647) % $1 AS si,
                1 + (hashint4(g * 7 + 1) & 2147483647) % $2 AS gi,
                (hashint4(g * 13 + 5) & 2147483647) % 100 AS area,
                (hashint4(g * 17 + 3) & 2147483647) % 1000 / 1000.0 AS r1,
                (hashint4(g * 19 + 11) & 2147483647) % 1000 / 1000.0 AS r2
           FROM generate_series($3::int, $4::int) g)
       INSERT INTO cases (case_number, child_full_name, search_pinyin, child_sex, child_estimated_age_years, child_birth_date_estimate,
                          last_seen_at, last_seen_place, last_seen_lat, last_seen_lng, priority, status,
                          jurisdiction_id, jurisdiction_path, created_at, updated_at, closure_reason)
       SELECT 'MC-' || (2016 + n % 10) || '-' || lpad((n / 10 + 1)::text, 6, '0'),
              ($5::text[])[si] || ($6::text[])[gi],
              ($7::text[])[si] || ' ' || ($8::text[])[gi] || ' ' || replace(($7::text[])[si] || ($8::text[])[gi], ' ', '') || ' ' || ($9::text[])[si] || ($10::text[])[gi],
              CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END,
              (n % 15) + 1,
              (date '2026-06-01' - ((n % 15 + 1) * 365 + n % 300))::date,
              timestamptz '2016-01-01' + (n % 3650) * interval '1 day',
              ($11::text[])[1 + n % 8],
              CASE WHEN area < 45 THEN 33.16 WHEN area < 65 THEN 33.04 WHEN area < 80 THEN 31.22 WHEN area < 90 THEN 23.13 ELSE 22.54 END + (r1 - 0.5) * 0.4,
              CASE WHEN area < 45 THEN 115.62 WHEN area < 65 THEN 115.26 WHEN area < 80 THEN 121.54 WHEN area < 90 THEN 113.26 ELSE 114.06 END + (r2 - 0.5) * 0.4,
              (ARRAY['low','normal','normal','high','urgent'])[1 + n % 5],
              (ARRAY['open','open','open','sighted','located','rescued','reunited','closed'])[1 + n % 8],
              CASE WHEN area < 45 THEN $12::uuid WHEN area < 65 THEN $13::uuid WHEN area < 80 THEN $14::uuid WHEN area < 90 THEN $15::uuid ELSE $16::uuid END,
              CASE WHEN area < 45 THEN $17 WHEN area < 65 THEN $18 WHEN area < 80 THEN $19 WHEN area < 90 THEN $20 ELSE $21 END,
              timestamptz '2016-01-02' + (n % 3650) * interval '1 day',
              timestamptz '2016-01-02' + (n % 3650) * interval '1 day',
              CASE WHEN n % 8 = 7 THEN 'bench' END
         FROM picks`,
      [
        SURNAMES.length, given.length, start, end,
        SURNAMES, given, surnamePy, givenPy, surnameInitials, givenInitials, PLACES,
        ...COUNTIES.map(([code]) => byCode.get(code)!.id),
        ...COUNTIES.map(([code]) => byCode.get(code)!.path),
      ],
    );
    process.stdout.write(`  ${end.toLocaleString()}\r`);
  }
  // Flush the trigram index's pending list and gather statistics, as autovacuum would in service.
  await dataSource.query('VACUUM ANALYZE cases');
  console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ---- the query mix: what officers type
  const sample: { child_full_name: string; case_number: string }[] = await dataSource.query(
    `SELECT child_full_name, case_number FROM cases WHERE jurisdiction_path LIKE 'CN/340000/341200/341222/%' ORDER BY md5(id::text) LIMIT 200`,
  );
  const queries: string[] = [];
  sample.forEach((s, i) => {
    const name = s.child_full_name;
    switch (i % 6) {
      case 0: queries.push(name); break; // Chinese characters
      case 1: queries.push(fullPinyin(name)); break; // pinyin with spaces
      case 2: queries.push(compact(fullPinyin(name))); break; // pinyin run together
      case 3: queries.push(name.slice(1)); break; // given name only
      case 4: queries.push(s.case_number); break; // exact case number
      default: queries.push(`${compact(fullPinyin(name)).slice(0, -1)}`); break; // a typo: fuzzy
    }
  });

  // ---- API
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const warm = await fetch(`${url}/api/v1/cases?q=${encodeURIComponent(queries[0])}`, { headers: { authorization: `Bearer ${accessToken}` } });
  const warmBody = (await warm.json()) as { total: number };
  console.log(`Example: q=${queries[0]} → ${warmBody.total} file(s)`);
  let next = 0;
  const apiResult = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${accessToken}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/cases?q=${encodeURIComponent(queries[next++ % queries.length])}` }) }],
  });
  const non2xx = apiResult.non2xx;

  // ---- the same SQL straight through pg
  const cases = app.get(CasesService);
  const [officerRow] = await dataSource.query(
    `SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, o.kind, u.jurisdiction_id, j.code, j.path
       FROM users u JOIN organisations o ON o.id = u.organisation_id JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.username = 'officer'`,
  );
  const actor: Actor = {
    id: officerRow.id, username: officerRow.username, displayName: officerRow.display_name, role: officerRow.role,
    organisationId: officerRow.organisation_id, organisationKind: officerRow.kind, jurisdictionId: officerRow.jurisdiction_id,
    jurisdictionCode: officerRow.code, jurisdictionPath: officerRow.path, sessionId: 'bench', mustChangePassword: false,
  };
  const access: AccessContext = { actor, ability: app.get(AbilityFactory).createFor(actor), ip: null, requestId: null };
  type Pair = { list: [string, unknown[]]; count: [string, unknown[]] };
  const pair = async (q: string, fuzzy: boolean): Promise<Pair> => {
    const qb = await cases.listQuery(access, Object.assign(new CaseQueryDto(), { q }), fuzzy);
    return {
      list: qb.clone().offset(0).limit(25).getQueryAndParameters(),
      count: qb.clone().orderBy().select('COUNT(DISTINCT c.id)', 'n').offset(undefined).limit(undefined).getQueryAndParameters(),
    };
  };
  // As the API does: the similarity pass only when nothing matched as typed.
  const statements: (Pair & { fuzzy: Pair | null })[] = [];
  for (const q of queries) statements.push({ ...(await pair(q, false)), fuzzy: CasesService.fuzzyApplies(q) ? await pair(q, true) : null });
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  for (const k of [0, 1, 4, 5]) {
    const st = k === 5 && statements[k].fuzzy ? statements[k].fuzzy! : statements[k];
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${st.list[0]}`, st.list[1]);
    console.log(`Plan for q=${queries[k]}:\n${plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n')}`);
  }
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const s = statements[i++ % statements.length];
        const start = process.hrtime.bigint();
        // As the API: the count only when the first page is full; the similarity pass only when nothing matched.
        const page = await pool.query(s.list[0], s.list[1]);
        if (page.rowCount === 25) await pool.query(s.count[0], s.count[1]);
        if (page.rowCount === 0 && s.fuzzy) {
          const fuzzyPage = await pool.query(s.fuzzy.list[0], s.fuzzy.list[1]);
          if (fuzzyPage.rowCount === 25) await pool.query(s.fuzzy.count[0], s.fuzzy.count[1]);
        }
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const raw = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), count: latencies.length };
  const api = { p50: apiResult.latency.p50, p95: apiResult.latency.p97_5 !== undefined ? apiResult.latency.p97_5 : apiResult.latency.p99, rps: apiResult.requests.average };
  // autocannon reports p50/p90/p97.5/p99 (no p95): interpolate between p90 and p97.5 for p95.
  const p95 = apiResult.latency.p90 + ((apiResult.latency.p97_5 - apiResult.latency.p90) * (95 - 90)) / (97.5 - 90);
  console.log('');
  console.log(`Case search over ${FILES.toLocaleString()} files, ${CONNECTIONS} concurrent, ${SECONDS} s each, ${queries.length} distinct queries (officer scope: Taihe)`);
  console.log(`  API  (autocannon): p50 ${api.p50.toFixed(1)} ms, p95 ≈ ${p95.toFixed(1)} ms (p90 ${apiResult.latency.p90} / p97.5 ${apiResult.latency.p97_5}), ${api.rps.toFixed(0)} req/s, non-2xx ${non2xx}`);
  console.log(`  raw SQL (pg, same statements): p50 ${raw.p50.toFixed(1)} ms, p95 ${raw.p95.toFixed(1)} ms, ${(raw.count / SECONDS).toFixed(0)} searches/s`);
  console.log(`  ratio API / raw: p50 ${(api.p50 / raw.p50).toFixed(2)}, p95 ${(p95 / raw.p95).toFixed(2)}   (targets: API p95 ≤ 50 ms, ratio ≤ 1.5)`);
  await app.close();
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
