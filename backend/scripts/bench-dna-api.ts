/**
 * Benchmark of one DNA database search through the API (issue 4 §9), next to the same search in-process.
 *   node --expose-gc -r @swc-node/register backend/scripts/bench-dna-api.ts [--n 1000000] [--runs 20]
 * N family references (23 loci drawn from NIST 1036 Asian, the search's default table) are inserted with
 * SQL into a throwaway database (an embedded PostgreSQL in a temporary folder, or DATABASE_URL), with the
 * father and mother of the query child planted among them. Then, `--runs` times:
 *   - through the API, over HTTP on a loopback port as `lab`: `POST /api/v1/dna/profiles` with a new
 *     rescued child's profile (checks, insert, the search queued as a background job), then
 *     `GET /api/v1/dna/matches?sampleId=…`, which answers once that profile is searched (parent–child,
 *     full sibling, both parents against every reference; candidates in the reporting range stored, audit);
 *   - in-process: `DnaSearchService.searchChildProfile` (the scan and top 50 only, nothing stored).
 * Process CPU time (all threads) is printed next to wall times: on a shared machine the wall time
 * includes waiting for a core.
 * The first search loads the index from PostgreSQL; its time is printed separately.
 */
import { DEMO_PASSWORD } from '../src/database/seed/demo-seed';
import { FrequencyTableEntity } from '../src/dna/frequency-tables/frequency-table.entity';
import {
  floorOf,
  FrequencyTablesService,
  rawTableOf,
} from '../src/dna/frequency-tables/frequency-tables.service';
import { adjustFrequencyTable, type FrequencyTable } from '../src/dna/kinship';
import { DnaSearchService } from '../src/dna/search/dna-search.service';
import { AuditService } from '../src/audit/audit.service';
import { Clock } from '../src/common/clock';
import { JobQueue } from '../src/jobs/job-queue.service';
import { KIT_23_LOCI } from '../src/dna/kinship/loci';
import { startBenchApp } from './bench-support';

const LOCI: readonly string[] = KIT_23_LOCI;
const BATCH = 20_000;
const DECOY_RELATIONSHIPS = [
  'full_sibling',
  'half_sibling',
  'grandparent',
  'uncle_aunt',
];

type Genotypes = Record<string, [string, string]>;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32: reproducible runs. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (t: number): string => `${t.toFixed(1)} ms`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const cpuMs = (usage: NodeJS.CpuUsage): number =>
  (usage.user + usage.system) / 1000;

async function main(): Promise<void> {
  const n = argument('n', 1_000_000);
  const runs = argument('runs', 20);
  const random = seededRandom(20261128);
  const { app, dataSource, stop } = await startBenchApp();
  try {
    const tableRow = await dataSource.manager.findOneOrFail(
      FrequencyTableEntity,
      { where: { searchDefault: true } },
    );
    const table: FrequencyTable = adjustFrequencyTable(rawTableOf(tableRow), {
      floor: floorOf(tableRow),
    });
    const draw = (locus: string): string => {
      const { alleles, frequencies } = table.loci[locus];
      let u = random();
      for (let i = 0; i < alleles.length; i++)
        if ((u -= frequencies[i]) < 0) return alleles[i];
      return alleles[alleles.length - 1];
    };
    const person = (): Genotypes =>
      Object.fromEntries(LOCI.map((l) => [l, [draw(l), draw(l)]]));
    const pick = (g: [string, string]) => g[random() < 0.5 ? 0 : 1];
    const childOf = (father: Genotypes, mother: Genotypes): Genotypes =>
      Object.fromEntries(
        LOCI.map((l) => [l, [pick(father[l]), pick(mother[l])]]),
      );

    const [lab] = await dataSource.query(
      `SELECT u.id, j.id AS jurisdiction_id, j.path, u.organisation_id FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.username = 'lab'`,
    );
    const [file] = await dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place, jurisdiction_id, jurisdiction_path)
       VALUES ('MC-2026-999999', '基准儿童', 'male', '2019-01-01', '2026-05-01T00:00:00Z', '太和县', $1, $2) RETURNING id`,
      [lab.jurisdiction_id, lab.path],
    );
    const insertSamples = async (
      rows: {
        barcode: string;
        kind: string;
        relationship: string | null;
        loci: Genotypes | null;
      }[],
    ): Promise<void> => {
      await dataSource.query(
        `WITH s AS (
           INSERT INTO dna_samples (barcode, kind, donor_relationship, case_id, child_description, consent_given_by, consent_given_at,
             consent_scope, collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
           SELECT b, k, r, CASE WHEN k = 'child' THEN NULL ELSE $4::uuid END, '', 'benchmark', now(), 'search_for_missing_children',
                  $5, $6, $7, '2046-01-01', 'received', $8
             FROM unnest($1::text[], $2::text[], $3::text[]) AS x(b, k, r)
           RETURNING id, barcode)
         INSERT INTO dna_profiles (sample_id, kit, loci, needs_review, review_notes, created_by, searched_at)
         SELECT s.id, 'bench', x.l, false, '[]', $8, now()
           FROM s JOIN unnest($1::text[], $9::jsonb[]) AS x(b, l) ON x.b = s.barcode
          WHERE x.l IS NOT NULL`,
        [
          rows.map((r) => r.barcode),
          rows.map((r) => r.kind),
          rows.map((r) => r.relationship),
          file.id,
          lab.organisation_id,
          lab.jurisdiction_id,
          lab.path,
          lab.id,
          rows.map((r) => (r.loci ? JSON.stringify(r.loci) : null)),
        ],
      );
    };

    const father = person();
    const mother = person();
    const children = Array.from({ length: runs + 1 }, () =>
      childOf(father, mother),
    );
    const plantedAt = new Map<number, [string, Genotypes]>([
      [Math.floor(n / 3), ['father', father]],
      [Math.floor((2 * n) / 3), ['mother', mother]],
    ]);
    let started = performance.now();
    for (let from = 0; from < n; from += BATCH) {
      const rows = [];
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const [relationship, loci] = plantedAt.get(i) ?? [
          // Decoys are not declared parents, so the only both-parents pair on the file is the planted one.
          DECOY_RELATIONSHIPS[i % DECOY_RELATIONSHIPS.length],
          person(),
        ];
        rows.push({
          barcode: `BENCH-REF-${i}`,
          kind: 'family_reference',
          relationship,
          loci,
        });
      }
      await insertSamples(rows);
    }
    // The rescued children's samples, registered without profiles: each API run posts one profile.
    await insertSamples(
      children.map((_, i) => ({
        barcode: `BENCH-CHILD-${i}`,
        kind: 'child',
        relationship: null,
        loci: null,
      })),
    );
    console.log(
      `DNA search through the API: N = ${n.toLocaleString()} references inserted with SQL in ${ms(performance.now() - started)} (23 loci, ${tableRow.name}, table ${table.version})`,
    );

    const search = app.get(DnaSearchService);
    // The application's index has caught up while the rows went in (its poll); a second instance shows a
    // whole load from PostgreSQL, as at start, and the memory it adds.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const fresh = new DnaSearchService(
      dataSource,
      app.get(FrequencyTablesService),
      app.get(AuditService),
      app.get(Clock),
      app.get(JobQueue),
    );
    started = performance.now();
    const loadCpu = process.cpuUsage();
    const stats = await fresh.stats();
    const loadMs = performance.now() - started;
    const loadCpuMs = cpuMs(process.cpuUsage(loadCpu));
    gc?.();
    const after = process.memoryUsage();
    console.log(
      `index loaded from PostgreSQL: ${ms(loadMs)} [CPU ${ms(loadCpuMs)}]; ${stats.references.toLocaleString()} references, genotype matrix ${mib(stats.genotypeBytes)}; the index adds RSS ${mib(after.rss - before.rss)}, JS heap ${mib(after.heapUsed - before.heapUsed)}${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
    );
    await fresh.onApplicationShutdown();
    await search.stats(); // the application's own index, up to date

    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lab', password: DEMO_PASSWORD }),
    });
    const auth = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const headers = { authorization: auth, 'content-type': 'application/json' };
    const sampleIdOf = new Map(
      (
        await dataSource.query(
          `SELECT id, barcode FROM dna_samples WHERE barcode LIKE 'BENCH-CHILD-%'`,
        )
      ).map((r: { id: string; barcode: string }) => [r.barcode, r.id]),
    );
    /** One search through the API: commit the child's profile, then list its candidates (the search done). */
    const searchThroughApi = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`${base}/dna/profiles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          sampleBarcode: `BENCH-CHILD-${i}`,
          kit: 'bench',
          loci: children[i],
        }),
      });
      if (response.status !== 201)
        throw new Error(
          `POST /dna/profiles: ${response.status} ${await response.text()}`,
        );
      await response.json();
      const committed = performance.now() - started;
      const listed = await fetch(
        `${base}/dna/matches?sampleId=${sampleIdOf.get(`BENCH-CHILD-${i}`)}&pageSize=100`,
        { headers },
      );
      if (listed.status !== 200)
        throw new Error(`GET /dna/matches: ${listed.status}`);
      const items = ((await listed.json()) as { items: unknown[] }).items;
      return {
        committed,
        total: performance.now() - started,
        found: items.length,
      };
    };
    await searchThroughApi(runs); // warm-up (JIT, connection pool, workers)
    const commits: number[] = [];
    const throughApi: number[] = [];
    let found = 0;
    let cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const run = await searchThroughApi(i);
      commits.push(run.committed);
      throughApi.push(run.total);
      found += run.found;
    }
    const apiCpu = cpuMs(process.cpuUsage(cpu)) / runs;
    // The part of every search that checks PostgreSQL for profiles committed since (none here).
    const syncOnly: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      await search.stats();
      syncOnly.push(performance.now() - started);
    }
    const inProcess: number[] = [];
    let top: Awaited<ReturnType<DnaSearchService['searchChildProfile']>> = [];
    cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      top = await search.searchChildProfile(children[i]);
      inProcess.push(performance.now() - started);
    }
    const inProcessCpu = cpuMs(process.cpuUsage(cpu)) / runs;
    const [stored] = await dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE relationship = 'trio_both')::int AS trios FROM kinship_matches`,
    );
    // With --expose-gc, garbage left by the set-up is not counted as the index's memory.
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    console.log(
      `memory: genotype matrix ${mib(stats.genotypeBytes)}; process RSS ${mib(memory.rss)}, JS heap used ${mib(memory.heapUsed)}, array buffers ${mib(memory.arrayBuffers)}`,
    );
    console.log(
      `medians of ${runs} runs (process CPU per search, all threads, in brackets):`,
    );
    console.log(
      `  in-process (DnaSearchService.searchChildProfile: catch-up check + per-query tables + scan + top 50): ${ms(median(inProcess))} [CPU ${ms(inProcessCpu)}]   target ≤ 25 ms`,
    );
    console.log(
      `  of which the index's catch-up check with PostgreSQL (no new profiles):                          ${ms(median(syncOnly))}`,
    );
    console.log(
      `  through the API: POST /dna/profiles + GET /dna/matches?sampleId (store, search, candidates, audit): ${ms(median(throughApi))} [CPU ${ms(apiCpu)}]   target ≤ 60 ms`,
    );
    console.log(
      `  of which POST /dna/profiles alone (the search itself runs as a background job):                 ${ms(median(commits))}`,
    );
    console.log(
      `top candidates of the last in-process search: ${top
        .slice(0, 2)
        .map((c) => `${c.referenceId} (${c.bestRelationship})`)
        .join(
          ', ',
        )}; candidates stored by the API runs: ${stored.n} (${stored.trios} for both parents), listed ${found} over ${runs} runs`,
    );
    const loadAverage = (await import('node:os')).loadavg();
    console.log(
      `load average at the end: ${loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    );
  } finally {
    await stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
