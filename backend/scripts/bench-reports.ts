/**
 * Benchmarks of report rendering and export writing (issue 5 §8). Prints figures; asserts nothing.
 *   node -r @swc-node/register backend/scripts/bench-reports.ts [--only pdf|xlsx|csv] [--children 10000] [--rows 100000]
 * - pdf: a campaign report with N rescued children (targets: ≤ 10 s, ≤ 500 MB peak RSS).
 * - xlsx / csv: an export of N rows through the streaming writers into a byte-counting sink; prints
 *   RSS (and Buffer memory, `arrayBuffers`) every tenth of the rows to show that memory stays flat.
 * Peak RSS is sampled every 5 ms by a worker thread (`process.memoryUsage().rss` is process-wide, so
 * the sampler keeps running while the main thread is busy laying out pages), and cross-checked
 * against the kernel's high-water mark (VmHWM) where /proc is available.
 */
import { Writable } from 'node:stream';
import { campaignReport, renderPdf } from '../src/reports/rendering';
import { constructedCampaign } from '../src/reports/rendering/testing/fixtures';
import { writeCsv, writeXlsx, type ExportColumn } from '../src/exports/writers';
import { highWaterMark, startSampler } from './bench-memory';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function benchPdf(sampler: ReturnType<typeof startSampler>, children: number): Promise<void> {
  // Warm-up: load pdfmake, fontkit, echarts and the fonts once, as a running server would have.
  await renderPdf(campaignReport(constructedCampaign(5), { language: 'zh-CN', childNames: 'initials' }));
  const data = constructedCampaign(children);
  const rescues = data.rescues.length;
  global.gc?.();
  const before = process.memoryUsage().rss;
  sampler.reset();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const definition = campaignReport(data, { language: 'zh-CN', childNames: 'initials' });
  const built = performance.now();
  const pdf = await renderPdf(definition);
  const done = performance.now();
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  console.log(`campaign report: ${children} children in ${rescues} rescues, ${pages} pages, ${(pdf.length / 1024).toFixed(0)} kB`);
  console.log(`  wall ${((done - started) / 1000).toFixed(2)} s (document definition + charts ${((built - started) / 1000).toFixed(2)} s, layout + render ${((done - built) / 1000).toFixed(2)} s); CPU ${(cpuMs(cpu) / 1000).toFixed(2)} s`);
  console.log(`  RSS before ${mb(before)}, peak ${mb(sampler.peak())} (sampled); process VmHWM ${highWaterMark()}`);
}

type Row = { number: string; status: string; child: string; place: string; note: string; count: number; at: Date };
const COLUMNS: ExportColumn<Row>[] = [
  { key: 'number', header: { 'zh-CN': '案件编号', en: 'File number' } },
  { key: 'status', header: { 'zh-CN': '状态', en: 'Status' } },
  { key: 'child', header: { 'zh-CN': '儿童', en: 'Child' } },
  { key: 'place', header: { 'zh-CN': '地点', en: 'Place' } },
  { key: 'note', header: { 'zh-CN': '备注', en: 'Note' } },
  { key: 'count', header: { 'zh-CN': '数量', en: 'Count' } },
  { key: 'at', header: { 'zh-CN': '时间', en: 'Time' } },
];

async function benchExport(sampler: ReturnType<typeof startSampler>, format: 'xlsx' | 'csv', total: number): Promise<void> {
  global.gc?.();
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  const checkpoints: string[] = [];
  async function* rows(): AsyncGenerator<Row> {
    for (let i = 0; i < total; i++) {
      if (i > 0 && i % (total / 10) === 0) {
        const { rss, arrayBuffers } = process.memoryUsage();
        checkpoints.push(`${mb(rss)} (buffers ${mb(arrayBuffers)})`);
      }
      yield {
        number: `MC-2026-${String(i).padStart(6, '0')}`,
        status: ['open', 'sighted', 'located', 'rescued', 'reunited'][i % 5],
        child: i % 7 === 0 ? '=HYPERLINK("http://evil.example")' : '王某',
        place: '安徽省阜阳市太和县城关镇火车站广场',
        note: '在火车站附近乞讨，由一名成年男子看管。',
        count: i,
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      };
    }
  }
  const before = process.memoryUsage().rss;
  sampler.reset();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = format === 'xlsx' ? await writeXlsx(rows(), COLUMNS, sink, { language: 'zh-CN' }) : await writeCsv(rows(), COLUMNS, sink, { language: 'zh-CN' });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${format} export: ${result.rowCount} rows × ${COLUMNS.length} columns, ${(bytes / MB).toFixed(1)} MB written`);
  console.log(`  wall ${seconds.toFixed(2)} s (${Math.round(result.rowCount / seconds)} rows/s); CPU ${(cpuMs(cpu) / 1000).toFixed(2)} s`);
  console.log(`  RSS before ${mb(before)}, peak ${mb(sampler.peak())} (sampled); RSS at each tenth: ${checkpoints.join(', ')}`);
}

async function main(): Promise<void> {
  const only = option('only');
  const sampler = startSampler();
  try {
    console.log(`node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    if (!only || only === 'pdf') await benchPdf(sampler, argument('children', 10_000));
    if (!only || only === 'xlsx') await benchExport(sampler, 'xlsx', argument('rows', 100_000));
    if (!only || only === 'csv') await benchExport(sampler, 'csv', argument('rows', 100_000));
  } finally {
    await sampler.stop();
  }
}

void main();
