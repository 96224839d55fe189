/**
 * A campaign report job end to end, through the database (issue 5 §8: 10,000 rescued children,
 * ≤ 10 s and ≤ 500 MB): seeds a campaign in Taihe with N rescued children in N/3 rescues (30 %
 * identified, linked to files), then times ReportsService.run — figures from the statistics service,
 * the rescue list from SQL, pdfmake rendering, storing the PDF. Prints figures; asserts nothing.
 *   SWC_NODE_PROJECT=backend/tsconfig.app.json node -r @swc-node/register backend/scripts/bench-report-job.ts [--children 10000]
 */
import { loadavg } from 'node:os';
import { JobQueue } from '../src/jobs/job-queue.service';
import { ReportsService } from '../src/reports/reports.service';
import { CpuMeter, cpuPer } from './bench-cpu';
import { highWaterMark, startSampler } from './bench-memory';
import { accessAs, arg, startBenchApp } from './bench-support';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const children = arg('children', 10_000);
  const rescues = Math.ceil(children / 3);
  const identified = Math.floor(children * 0.3);
  const bench = await startBenchApp();
  const { app, dataSource } = bench;
  const sampler = startSampler();
  try {
    const t0 = Date.now();
    const [taihe]: { id: string; path: string }[] = await dataSource.query(`SELECT id, path FROM jurisdictions WHERE code = '341222'`);
    const [{ id: campaignId }] = await dataSource.query(
      `INSERT INTO campaigns (name, goals, jurisdiction_id, jurisdiction_path, starts_on, ends_on)
       VALUES ('太和县2026打拐专项行动', '解救被拐卖和被迫乞讨的儿童', $1, $2, '2026-03-01', '2026-08-31') RETURNING id`,
      [taihe.id, taihe.path],
    );
    await dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, search_pinyin, child_sex, child_date_of_birth, child_birth_date_estimate,
                          last_seen_at, last_seen_place, last_seen_lat, last_seen_lng, priority, status, jurisdiction_id, jurisdiction_path, created_at, updated_at)
       SELECT 'MC-2025-' || lpad(g::text, 6, '0'), (ARRAY['王','李','张','刘','陈'])[1 + g % 5] || '小' || (ARRAY['明','红','军','华','丽'])[1 + g % 5], '',
              CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, date '2016-01-01' + (g % 2000), date '2016-01-01' + (g % 2000),
              timestamptz '2025-01-01' + g * interval '1 hour', '太和县城关镇', 33.16, 115.62, 'normal', 'rescued', $1, $2, now(), now()
         FROM generate_series(1, $3) g`,
      [taihe.id, taihe.path, identified],
    );
    await dataSource.query(
      `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, agencies, suspects_detained)
       SELECT timestamptz '2026-03-01 08:00+08' + (g % 180) * interval '1 day', '太和县城关镇火车站广场 ' || g, $1, $2, ARRAY['太和县公安局'], g % 4
         FROM generate_series(1, $3) g`,
      [taihe.id, taihe.path, rescues],
    );
    await dataSource.query(
      `WITH r AS (SELECT id, row_number() OVER (ORDER BY occurred_at, id) - 1 AS n FROM rescues),
            c AS (SELECT id, row_number() OVER (ORDER BY case_number) AS n FROM cases WHERE case_number LIKE 'MC-2025-%')
       INSERT INTO rescued_children (rescue_id, case_id, name, sex, estimated_age_years, jurisdiction_path)
       SELECT r.id, c.id, CASE WHEN c.id IS NULL THEN '小孩' || g END, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 4 + g % 10, $1
         FROM generate_series(1, $2) g JOIN r ON r.n = g % $3 LEFT JOIN c ON c.n = g`,
      [taihe.path, children, rescues],
    );
    await dataSource.query(
      `INSERT INTO campaign_records (campaign_id, record_type, record_id, origin) SELECT $1, 'rescue', id, 'auto' FROM rescues ON CONFLICT DO NOTHING`,
      [campaignId],
    );
    await dataSource.query('ANALYZE');
    console.log(`seeded ${children} rescued children (${identified} identified) in ${rescues} rescues in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const reports = app.get(ReportsService);
    await app.get(JobQueue).stopWorkers(); // run the job here, not on a worker
    const access = await accessAs(app, dataSource, 'supervisor');
    // Warm-up (modules, fonts, echarts), as in a running server.
    const warm = await reports.request(access, { type: 'monthly', month: '2026-03', language: 'zh-CN' });
    await reports.run(warm.id);
    const job = await reports.request(access, { type: 'campaign', campaignId, language: 'zh-CN', childNames: 'initials' });
    global.gc?.();
    const before = process.memoryUsage().rss;
    const cpu = await CpuMeter.attach(dataSource);
    const cpuBefore = cpu.read();
    sampler.reset();
    const started = performance.now();
    await reports.run(job.id);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpu.read();
    const done = await reports.get(access, job.id);
    console.log(`campaign report job: ${done.status}, ${done.pages} pages, ${((done.fileBytes ?? 0) / 1024).toFixed(0)} kB`);
    console.log(`  wall ${seconds.toFixed(2)} s; ${cpuPer(cpuBefore, cpuAfter, 1, 'report')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`  RSS before ${(before / MB).toFixed(0)} MB, peak ${(sampler.peak() / MB).toFixed(0)} MB (sampled); process VmHWM ${highWaterMark()}`);
  } finally {
    await sampler.stop();
    await bench.stop();
  }
}

void main();
