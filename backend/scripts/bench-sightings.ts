/**
 * Benchmarks for sightings (prints figures; not a test):
 *   1. candidate ranking for one sighting among 100,000 open files (target ≤ 100 ms);
 *   2. sighting intake with a 2-megapixel photo, sustained per second (target ≥ 50/s on 2 cores).
 *
 *   node -r @swc-node/register backend/scripts/bench-sightings.ts [--files 100000] [--intake-seconds 20] [--concurrency 8] [--phases ranking,intake,matching]
 *   (with DATABASE_URL=postgres://… it uses that server; otherwise a throwaway embedded one)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import sharp from 'sharp';
import request from 'supertest';
import { JobQueue } from '../src/jobs/job-queue.service';
import { MatchingService } from '../src/sightings/matching/matching.service';
import { CpuMeter, cpuPer } from './bench-cpu';
import { startBenchApp } from './bench-support';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 100_000);
const INTAKE_SECONDS = arg('intake-seconds', 20);
const CONCURRENCY = arg('concurrency', 8);
const phasesAt = process.argv.indexOf('--phases');
const PHASES = new Set((phasesAt >= 0 ? process.argv[phasesAt + 1] : 'ranking,intake,matching').split(','));

// Round trips to PostgreSQL (every statement, BEGIN and COMMIT included), to report per sighting.
let statements = 0;
const query = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '小明红军华丽伟芳娜静敏强磊洋勇艳杰涛超'.split('');
const MARKS = ['左脸颊有胎记', '右手缺一根手指', '额头有疤', '戴眼镜', '门牙缺失', '左耳有痣', '卷发', '跛脚', '右眉有疤', '脖子有红色胎记'];

async function main(): Promise<void> {
  const { app, dataSource, stop } = await startBenchApp({ demoFeatures: true });

  const cpu = await CpuMeter.attach(dataSource);
  // Intake does not depend on the files; ranking and matching rank against them.
  if (PHASES.has('ranking') || PHASES.has('matching')) {
    // ---- 1. ranking among FILES open files spread over eastern China
    const [{ id: jurisdictionId, path }] = await dataSource.query(`SELECT id, path FROM jurisdictions WHERE code = '341222'`);
    // With DATABASE_URL the files of an earlier run are reused.
    const [{ n: existing }] = await dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE case_number LIKE 'MC-1999-%'`);
    console.log(existing ? `Reusing ${existing.toLocaleString()} files seeded earlier, seeding up to ${FILES.toLocaleString()}…` : `Seeding ${FILES.toLocaleString()} open files…`);
    const t0 = Date.now();
    const batch = 5000;
    for (let start = existing; start < FILES; start += batch) {
      const rows = [];
      for (let i = start; i < Math.min(FILES, start + batch); i++) {
        const year = 2010 + (i % 15);
        rows.push({
          n: `MC-1999-${String(i).padStart(6, "0")}`,
          name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
          sex: i % 2 ? 'male' : 'female',
          dob: `${year}-0${1 + (i % 9)}-1${i % 9}`,
          marks: `${MARKS[i % MARKS.length]}，${MARKS[(i * 3) % MARKS.length]}`,
          lat: 22 + ((i * 7919) % 2000) / 100,
          lng: 104 + ((i * 104729) % 1800) / 100,
          seen: new Date(Date.UTC(2015 + (i % 11), i % 12, 1 + (i % 27))).toISOString(),
        });
      }
      await dataSource.query(
        `INSERT INTO cases (case_number, child_full_name, search_pinyin, child_sex, child_date_of_birth, child_birth_date_estimate, child_distinguishing_marks,
                            last_seen_at, last_seen_place, last_seen_lat, last_seen_lng, priority, status, jurisdiction_id, jurisdiction_path)
         SELECT x.n, x.name, '', x.sex, x.dob::date, x.dob::date, x.marks, x.seen::timestamptz, '某地', x.lat, x.lng, 'normal', 'open', $2, $3
           FROM jsonb_to_recordset($1::jsonb) AS x(n text, name text, sex text, dob text, marks text, lat float8, lng float8, seen text)`,
        [JSON.stringify(rows), jurisdictionId, path],
      );
    }
    // Statistics and the visibility map (for index-only scans), as autovacuum keeps them in service.
    await dataSource.query('VACUUM ANALYZE cases');
    console.log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (PHASES.has('ranking')) {
    const matching = app.get(MatchingService);
    const timings: number[] = [];
    const rankingCpu = cpu.read();
    for (let i = 0; i < 30; i++) {
      const facts = { seenAt: new Date(), latitude: 30 + (i % 7), longitude: 112 + (i % 9), estimatedAgeYears: 6 + (i % 8), sex: (i % 2 ? 'male' : 'female') as 'male' | 'female', description: '左脸颊有胎记，在车站乞讨', visibleInjuryOrDisability: false, phashes: [] };
      const s = process.hrtime.bigint();
      await matching.rank(facts);
      timings.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    const rankingCpuAfter = cpu.read();
    timings.sort((a, b) => a - b);
    const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))].toFixed(1);
    console.log(`Ranking among ${FILES.toLocaleString()} open files (30 sightings): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${timings[timings.length - 1].toFixed(1)} ms (target ≤ 100 ms)`);
    console.log(`  ${cpuPer(rankingCpu, rankingCpuAfter, timings.length, 'ranking')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  }
  if (!PHASES.has('intake')) {
    await app.close();
    await stop();
    return;
  }

  // ---- 2. intake with a 2-megapixel photo
  const side = [1632, 1224]; // 2.0 MP
  const noise = Buffer.alloc(side[0] * side[1] * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const jpeg = await sharp(noise, { raw: { width: side[0], height: side[1], channels: 3 } }).blur(2).jpeg({ quality: 85 }).toBuffer();
  console.log(`Intake: ${INTAKE_SECONDS} s with a ${(jpeg.length / 1024).toFixed(0)} KB ${side[0]}×${side[1]} JPEG, ${CONCURRENCY} concurrent clients…`);
  const server = app.getHttpServer();
  let done = 0;
  let failed = 0;
  let address = 0;
  const until = Date.now() + INTAKE_SECONDS * 1000;
  // Matching is background work: measure intake alone, then how fast the queued matching catches up.
  const jobs = app.get(JobQueue);
  await jobs.stopWorkers();
  const started = Date.now();
  const intakeCpu = cpu.read();
  const intakeStatements = statements;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        address++;
        const res = await request(server)
          .post('/api/v1/public/sightings')
          .set('X-Forwarded-For', `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`)
          .set('Idempotency-Key', randomUUID())
          .field('latitude', '33.16')
          .field('longitude', '115.62')
          .field('description', '乞讨')
          .attach('photos', jpeg, 'p.jpg');
        if (res.status === 201) done++;
        else failed++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`  ${done} sightings in ${seconds.toFixed(1)} s = ${(done / seconds).toFixed(1)} per second (${failed} failed; target ≥ 50/s on 2 cores)`);
  console.log(`  ${cpuPer(intakeCpu, cpu.read(), Math.max(1, done), 'sighting')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`  ${((statements - intakeStatements) / Math.max(1, done + failed)).toFixed(1)} SQL statements per report (BEGIN and COMMIT included)`);
  if (PHASES.has('matching')) {
    const matchingCpu = cpu.read();
    const matchStarted = Date.now();
    await jobs.startWorkers();
    // Until every sighting taken in has its ranked candidates (the jobs, or the minute sweep for a job
    // that was taken just as the workers stopped).
    let unmatched = done;
    while (unmatched > 0 && Date.now() - matchStarted < 900_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      // (1 s of slack: created_at comes from the application's clock)
      [{ n: unmatched }] = await dataSource.query(`SELECT count(*)::int AS n FROM sightings WHERE matched_at IS NULL AND created_at >= $1`, [new Date(started - 1000)]);
    }
    const matchSeconds = (Date.now() - matchStarted) / 1000;
    console.log(`  then matched the ${done - unmatched} of ${done} sightings in ${matchSeconds.toFixed(1)} s = ${((done - unmatched) / matchSeconds).toFixed(1)} per second (background jobs, one at a time)`);
    console.log(`  ${cpuPer(matchingCpu, cpu.read(), Math.max(1, done), 'matched sighting')}`);
  }
  await app.close();
  await stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
