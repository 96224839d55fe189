import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEFAULT_EXPORT_TIME_ZONE, xlsxValue } from './cells';
import { neutraliseFormula } from './neutralise';
import type { ExportColumn, ExportResult, ExportRow, RowSource, XlsxExportOptions } from './types';

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const YIELD_EVERY = 500;

/** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function cleanSheetName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || 'Export';
}

/** A writable as exceljs' zip library (archiver, on readable-stream 2) builds it. */
interface LegacyWritable {
  _writableState?: { needDrain?: boolean };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs' worksheet stream (a StreamBuf) writes the sheet's XML into archiver without honouring
 * back-pressure, so when deflate (zlib, in the thread pool) is slower than rows are added, the
 * uncompressed XML queues in archiver's input PassThrough until the workbook is committed (~300
 * bytes per row here; docs/performance.md). Waiting for that input to drain keeps memory flat.
 * These are exceljs internals: writers.spec.ts checks that they are still where we look.
 */
export function zipInputsOf(sheet: ExcelJS.Worksheet): LegacyWritable[] {
  const stream = (sheet as unknown as { stream?: { pipes?: LegacyWritable[] } }).stream;
  return stream?.pipes ?? [];
}

async function zipInputDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  for (const input of zipInputsOf(sheet)) {
    if (input._writableState?.needDrain) await new Promise<void>((resolve) => input.once('drain', resolve));
  }
}

/**
 * Streams rows into an XLSX workbook with exceljs' streaming WorkbookWriter: each row is committed
 * as soon as it is added, so it is serialised and zipped out instead of held in memory. Strings go
 * in as plain text cells after formula neutralisation (never as formula objects); inline strings
 * (no shared-string table) keep memory flat. Ends `out` when the workbook is complete.
 */
export async function writeXlsx<Row extends ExportRow>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  out: Writable,
  options: XlsxExportOptions,
): Promise<ExportResult> {
  if (columns.length === 0) throw new RangeError('an export needs at least one column');
  const timeZone = options.timeZone ?? DEFAULT_EXPORT_TIME_ZONE;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Homeward';
  const sheet = workbook.addWorksheet(cleanSheetName(options.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ key: column.key, width: column.width ?? 16 }));
  const header = sheet.addRow(columns.map((column) => neutraliseFormula(column.header[options.language])));
  header.font = { bold: true };
  header.commit();

  let rowCount = 0;
  for await (const row of rows) {
    const values = columns.map((column) => xlsxValue(row[column.key], column.key, timeZone));
    const added = sheet.addRow(values);
    values.forEach((value, i) => {
      if (value instanceof Date) added.getCell(i + 1).numFmt = DATE_FORMAT;
    });
    added.commit();
    rowCount++;
    // Let the zip stream run, and wait for the compressor and a slow consumer, so rows do not pile up in memory.
    if (rowCount % YIELD_EVERY === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await zipInputDrained(sheet);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
  return { rowCount };
}
