/**
 * Benchmark of the DNA search index (KINSHIP.md §A.9, §D.3).
 *   node --expose-gc -r @swc-node/register backend/scripts/bench-dna-search.ts [--n 1000000] [--workers 2] [--runs 20] [--brute 5000]
 * N references on 23 loci drawn from NIST 1036 Asian (5/2N floor), with a planted father (one stepwise
 * mutation), mother and two full siblings of the query child. Checks the index's top 50 against a
 * brute-force `calculateKinship` scan.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  adjustFrequencyTable,
  calculateKinship,
  DEFAULT_SEARCH_MUTATION,
  DnaSearchIndex,
  type FrequencyTable,
  parseFrequencyCsv,
  type Profile,
  type SearchRelationship,
  toFrequencyRecord,
} from '../src/dna/kinship';
import { KIT_23_LOCI } from '../src/dna/kinship/loci';

const LOCI: readonly string[] = KIT_23_LOCI;
const TOP = 50;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32: a small seeded generator, so runs are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function alleleSampler(
  table: FrequencyTable,
  random: () => number,
): (locus: string) => string {
  return (locus) => {
    const { alleles, frequencies } = table.loci[locus];
    let u = random();
    for (let i = 0; i < alleles.length; i++)
      if ((u -= frequencies[i]) < 0) return alleles[i];
    return alleles[alleles.length - 1];
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
  const workers = argument('workers', 2);
  const runs = argument('runs', 20);
  // Exhaustive brute force up to 20,000 references (~1 min); above that a 5,000-reference subset by default.
  const bruteCount = Math.min(n, argument('brute', n <= 20_000 ? n : 5_000));
  const random = seededRandom(20260501);

  const csv = readFileSync(
    join(
      __dirname,
      '../src/assets/str-frequencies/nist1036_us_2017revised.csv',
    ),
    'utf8',
  );
  const raw = parseFrequencyCsv(csv).find(
    (t) => t.population === 'Asian',
  ) as FrequencyTable;
  const table = adjustFrequencyTable(raw, { floor: { kind: 'sampleSize' } });
  const sample = alleleSampler(table, random);
  const randomProfile = (): Profile =>
    Object.fromEntries(LOCI.map((l) => [l, [sample(l), sample(l)]]));
  const pick = (profile: Profile, locus: string): string => {
    const [first, second = first] = profile[locus];
    return random() < 0.5 ? first : second;
  };
  const childOf = (father: Profile, mother: Profile): Profile =>
    Object.fromEntries(
      LOCI.map((l) => [l, [pick(father, l), pick(mother, l)]]),
    );

  const father = randomProfile();
  const mother = randomProfile();
  const child = childOf(father, mother);
  // One paternal one-step mutation, at the first locus where a neighbouring allele exists.
  for (const locus of LOCI) {
    const stepped = String(Number(child[locus][0]) + 1);
    if (
      table.loci[locus].alleles.includes(stepped) &&
      !father[locus].includes(stepped)
    ) {
      child[locus] = [stepped, child[locus][1] as string];
      break;
    }
  }
  const planted = new Map<number, [string, Profile]>(
    [
      ['FATHER', father],
      ['MOTHER', mother],
      ['SIBLING-1', childOf(father, mother)],
      ['SIBLING-2', childOf(father, mother)],
    ].map(([id, profile], i) => [
      Math.floor(((i + 1) * n) / 5),
      [id as string, profile as Profile],
    ]),
  );

  console.log(
    `DNA search benchmark: N = ${n.toLocaleString()} references, ${LOCI.length} loci, NIST 1036 Asian (5/2N floor, table ${table.version})`,
  );
  console.log(
    `model: ${JSON.stringify(DEFAULT_SEARCH_MUTATION)}, relationships parent_child + full_sibling, planted: father (1 mutation), mother, 2 full siblings`,
  );

  const index = new DnaSearchIndex({
    table,
    loci: LOCI,
    workers,
    initialCapacity: n,
  });
  const bruteProfiles = new Map<string, Profile>();
  let started = performance.now();
  for (let row = 0; row < n; row++) {
    const [id, profile] = planted.get(row) ?? [`R${row}`, randomProfile()];
    index.addReference(id, profile);
    if (row < bruteCount || planted.has(row)) bruteProfiles.set(id, profile);
  }
  console.log(`index built: ${ms(performance.now() - started)}`);

  const cold: number[] = [];
  const warm: number[] = [];
  const inProcess: number[] = [];
  const pooled: number[] = [];
  let query = index.prepareQuery(child);
  let top = index.searchInProcess(query, TOP);
  await index.search(query, TOP); // warm up the workers
  let pooledCpu = 0;
  for (let run = 0; run < runs; run++) {
    index.clearQueryCache();
    started = performance.now();
    query = index.prepareQuery(child);
    cold.push(performance.now() - started);
    started = performance.now();
    query = index.prepareQuery(child);
    warm.push(performance.now() - started);
    started = performance.now();
    top = index.searchInProcess(query, TOP);
    inProcess.push(performance.now() - started);
    const cpu = process.cpuUsage();
    started = performance.now();
    await index.search(query, TOP);
    pooled.push(performance.now() - started);
    pooledCpu += cpuMs(process.cpuUsage(cpu));
  }
  // One whole search as the service makes it: a new child's tables (nothing cached) and the pooled scan.
  const whole: number[] = [];
  const wholeCpu = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    index.clearQueryCache();
    started = performance.now();
    top = await index.search(child, TOP);
    whole.push(performance.now() - started);
  }
  // With --expose-gc, garbage left by the set-up is not counted as the index's memory.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  console.log(
    `memory: genotype matrix ${mib(index.genotypeBytes)} (${(index.genotypeBytes / n).toFixed(0)} B/reference); process RSS ${mib(memory.rss)}, JS heap used ${mib(memory.heapUsed)}`,
  );
  console.log(
    `medians of ${runs} runs (process CPU per search, all threads, in brackets; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}):`,
  );
  console.log(
    `  per-query LR tables (23 loci × every genotype × 2 relationships, stepwise): ${ms(median(cold))} from scratch, ${ms(median(warm))} from the per-locus cache`,
  );
  console.log(
    `  scan + top-${TOP}, in-process (1 thread):   ${ms(median(inProcess))}`,
  );
  console.log(
    `  scan + top-${TOP}, ${workers} worker threads:      ${ms(median(pooled))} [CPU ${ms(pooledCpu / runs)}]`,
  );
  console.log(
    `  one search (tables from scratch + ${workers} worker threads): ${ms(median(whole))} [CPU ${ms(cpuMs(process.cpuUsage(wholeCpu)) / runs)}]   target ≤ 25 ms`,
  );
  console.log('top 6:');
  for (const c of top.slice(0, 6)) {
    console.log(
      `  ${c.referenceId.padEnd(10)} best ${c.bestRelationship.padEnd(12)} log10 LR PC ${c.log10Lr.parent_child?.toFixed(2)}  FS ${c.log10Lr.full_sibling?.toFixed(2)}  inconsistent ${c.inconsistentLoci}/${c.lociCompared}`,
    );
  }

  // Brute force with the stateless calculator. For N above the subset, the index's top 50 is added to the subset.
  const frequencies = toFrequencyRecord(table);
  const relationships: SearchRelationship[] = ['parent_child', 'full_sibling'];
  const exhaustive = bruteCount === n;
  for (const candidate of top)
    bruteProfiles.set(
      candidate.referenceId,
      index.referenceProfile(candidate.referenceId),
    );
  started = performance.now();
  const brute = [...bruteProfiles].map(([id, profile]) => {
    const scores = relationships.map(
      (relationship) =>
        calculateKinship({
          frequencies,
          relationship,
          mutation: DEFAULT_SEARCH_MUTATION,
          profiles: { child, alleged: profile },
        }).log10Lr ?? -Infinity,
    );
    return { id, scores, best: Math.max(...scores) };
  });
  brute.sort((a, b) => b.best - a.best);
  const bruteTop = brute.slice(0, TOP);
  const sameIds = bruteTop.every((b, i) => b.id === top[i].referenceId);
  const maxDiff = Math.max(
    ...top.map((c) => {
      const b = brute.find((x) => x.id === c.referenceId);
      return Math.max(
        ...relationships.map(
          (r, i) =>
            Math.abs((c.log10Lr[r] ?? -Infinity) - (b?.scores[i] ?? NaN)) || 0,
        ),
      );
    }),
  );
  console.log(
    `brute force with calculateKinship: ${bruteProfiles.size.toLocaleString()} references ${exhaustive ? '(all)' : `(a subset: the first ${bruteCount.toLocaleString()} + planted + the index's top ${TOP})`} in ${ms(performance.now() - started)}`,
  );
  console.log(
    `  top ${TOP} identical (ids and order): ${sameIds ? 'YES' : 'NO'}; max |Δ log10 LR| over the top ${TOP}: ${maxDiff.toExponential(2)}`,
  );
  await index.close();
  if (!sameIds) process.exitCode = 1;
}

void main();
