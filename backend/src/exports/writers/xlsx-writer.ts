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
    // Let the zip stream run, and wait for a slow consumer, so rows do not pile up in memory.
    if (rowCount % YIELD_EVERY === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
  return { rowCount };
}
