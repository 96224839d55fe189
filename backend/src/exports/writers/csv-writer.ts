import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvField, csvText, DEFAULT_EXPORT_TIME_ZONE } from './cells';
import { neutraliseFormula } from './neutralise';
import type { ExportColumn, ExportOptions, ExportResult, ExportRow, RowSource } from './types';

const BOM = '\uFEFF';
const CHUNK = 64 * 1024;

/**
 * Streams rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed) in
 * UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Honours back-pressure: it
 * waits for `out` to drain, so memory stays flat however many rows come. Does not end `out`.
 */
export async function writeCsv<Row extends ExportRow>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  out: Writable,
  options: ExportOptions,
): Promise<ExportResult> {
  if (columns.length === 0) throw new RangeError('an export needs at least one column');
  const timeZone = options.timeZone ?? DEFAULT_EXPORT_TIME_ZONE;
  let buffer = BOM + columns.map((column) => csvField(neutraliseFormula(column.header[options.language]))).join(',') + '\r\n';
  let rowCount = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk, 'utf8')) await once(out, 'drain');
  };
  for await (const row of rows) {
    buffer += columns.map((column) => csvField(csvText(row[column.key], column.key, timeZone))).join(',') + '\r\n';
    rowCount++;
    if (buffer.length >= CHUNK) await flush();
  }
  await flush();
  return { rowCount };
}
