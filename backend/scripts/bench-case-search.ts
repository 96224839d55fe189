/**
 * Case search benchmark (prints figures; not a test):
 *   seeds N missing-child files (default 1,000,000) with INSERT … SELECT generate_series, then runs the
 *   same mix of searches (Chinese name, pinyin with and without spaces, given name, case number, the beginning
 *   of a name, a misspelt name)
 *   a) through the API with autocannon at 32 concurrent connections (in a process of its own), and
 *   b) as the very SQL the API runs (per pass: the planner's estimate when the pass may be broad, then the page), straight through pg at 32 concurrent clients,
 *   and prints p50/p95 of each and the ratio API / raw. Targets: API p95 ≤ 50 ms, ratio ≤ 1.5.
 *
 *   SWC_NODE_PROJECT=backend/tsconfig.app.json node -r @swc-node/register backend/scripts/bench-case-search.ts [--files 1000000] [--seconds 20]
 *   (with DATABASE_URL=postgres://… it uses that server; otherwise a throwaway embedded one)
 */
import { Pool } from 'pg';
import { CaseQueryDto } from '../src/cases/cases.dto';
import { CasesService } from '../src/cases/cases.service';
import { compact, fullPinyin, type SearchPass, searchPasses } from '../src/cases/search-text';
import { DEMO_PASSWORD } from '../src/database/seed/demo-seed';
import { accessAs, arg, percentile, seedBenchFiles, startBenchApp } from './bench-support';
import { CpuMeter, cpuPer, stealShare } from './bench-cpu';
import { runLoadClient } from './bench-load-client';
import { loadavg } from 'node:os';

const FILES = arg('files', 1_000_000);
const SECONDS = arg('seconds', 20);
const CONNECTIONS = 32;

/** zhangxiaoming → zhangxaioming: a misspelling no name term or substring matches. */
function misspell(text: string): string {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
}

async function main(): Promise<void> {
  const { app, dataSource, databaseUrl, stop } = await startBenchApp();
  // With DATABASE_URL, a database seeded by an earlier run is reused as it is.
  const [{ n: existing }] = await dataSource.query('SELECT count(*)::int AS n FROM cases');
  if (existing >= FILES) console.log(`Reusing the ${existing.toLocaleString()} files already there`);
  else await seedBenchFiles(dataSource, FILES);
  const cpu = await CpuMeter.attach(dataSource);

  // ---- the query mix: what officers type
  const sample: { child_full_name: string; case_number: string }[] = await dataSource.query(
    `SELECT child_full_name, case_number FROM cases WHERE jurisdiction_path LIKE 'CN/340000/341200/341222/%' ORDER BY md5(id::text) LIMIT 200`,
  );
  const queries: string[] = [];
  const KINDS = ['Chinese characters', 'pinyin with spaces', 'pinyin run together', 'given name only', 'case number', 'unfinished name', 'misspelt name'];
  sample.forEach((s, i) => {
    const name = s.child_full_name;
    const typed = compact(fullPinyin(name));
    switch (i % 7) {
      case 0: queries.push(name); break; // Chinese characters
      case 1: queries.push(fullPinyin(name)); break; // pinyin with spaces
      case 2: queries.push(typed); break; // pinyin run together
      case 3: queries.push(name.slice(1)); break; // given name only
      case 4: queries.push(s.case_number); break; // exact case number
      case 5: queries.push(typed.slice(0, -1)); break; // typing not finished: the beginning of a name
      default: queries.push(misspell(typed)); break; // two letters swapped in the middle: the similarity pass
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
  const apiCpu = cpu.read();
  const apiResult = await runLoadClient({
    url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    headers: { authorization: `Bearer ${accessToken}` },
    paths: queries.map((q) => `/api/v1/cases?q=${encodeURIComponent(q)}`),
  });
  const non2xx = apiResult.non2xx;
  const apiCpuAfter = cpu.read();

  // ---- the same SQL straight through pg
  const cases = app.get(CasesService);
  const access = await accessAs(app, dataSource, 'officer');
  type Pass = { name: SearchPass; statements: { sql: string; parameters: unknown[] }[] };
  // As the API does: each query's passes in order, the next only when the one before found nothing; a
  // pass that may be broad asks the planner's estimate first.
  const statements: Pass[][] = [];
  for (const q of queries) {
    const passes: Pass[] = [];
    for (const pass of searchPasses(q)) passes.push({ name: pass, statements: await cases.pageStatements(access, Object.assign(new CaseQueryDto(), { q }), pass) });
    statements.push(passes);
  }
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  /** Runs a pass's statements in turn; true when its page has rows. */
  const runPass = async (pass: Pass): Promise<boolean> => {
    let rows = 0;
    for (const { sql, parameters } of pass.statements) rows = (await pool.query(sql, parameters)).rowCount ?? 0;
    return rows > 0;
  };
  // The plans of every pass each of four queries runs.
  for (const k of [0, 3, 4, 6]) {
    for (const pass of statements[k]) {
      const { sql, parameters } = pass.statements[pass.statements.length - 1];
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${sql}`, parameters);
      console.log(`Plan for q=${queries[k]}, ${pass.name} pass:\n${plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n')}`);
      if (await runPass(pass)) break;
    }
  }
  // Each kind alone, one search at a time (no queueing): what the 32-connection figures are made of.
  const byKind = new Map<string, number[]>();
  for (let round = 0; round < 2; round++) {
    for (const [k, passes] of statements.entries()) {
      const start = process.hrtime.bigint();
      for (const pass of passes) if (await runPass(pass)) break;
      const kind = KINDS[k % KINDS.length];
      if (round === 1) byKind.set(kind, [...(byKind.get(kind) ?? []), Number(process.hrtime.bigint() - start) / 1e6]);
    }
  }
  console.log('One search at a time, by kind (ms):');
  for (const [kind, times] of byKind) {
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`  ${kind.padEnd(20)} mean ${mean.toFixed(1).padStart(6)}  p50 ${percentile(times, 50).toFixed(1).padStart(6)}  max ${times[times.length - 1].toFixed(1).padStart(6)}`);
  }
  const latencies: number[] = [];
  const rawCpu = cpu.read();
  const deadline = Date.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const passes = statements[i++ % statements.length];
        const start = process.hrtime.bigint();
        for (const pass of passes) if (await runPass(pass)) break;
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  const rawCpuAfter = cpu.read();
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
  // CPU per search, not skewed by other work on the machine (the raw side's pg client runs in this process; autocannon in its own).
  console.log(`  API: ${cpuPer(apiCpu, apiCpuAfter, Math.max(1, apiResult.requests.total), 'search')}`);
  console.log(`  raw: ${cpuPer(rawCpu, rawCpuAfter, Math.max(1, latencies.length), 'search')}`);
  console.log(`  during the API run ${stealShare(apiCpu, apiCpuAfter)}; during the raw run ${stealShare(rawCpu, rawCpuAfter)}`);
  console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
