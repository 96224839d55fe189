import { neutraliseFormula } from './neutralise';
import type { CellValue } from './types';

export const DEFAULT_EXPORT_TIME_ZONE = 'Asia/Shanghai';

function assertCell(value: unknown, key: string): asserts value is CellValue {
  if (value === null || value === undefined || value instanceof Date) return;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return;
  throw new TypeError(`export column "${key}": unsupported cell value of type ${type === 'object' ? 'object' : type}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock parts of `date` in `timeZone`. */
export function wallClock(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 with the zone's offset: `2026-03-01T10:00:00+08:00`. */
export function isoInZone(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  const offsetMinutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A cell as CSV text (before quoting). */
export function csvText(value: unknown, key: string, timeZone: string): string {
  assertCell(value, key);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutraliseFormula(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Number.isNaN(value.getTime())) return '';
  return isoInZone(value, timeZone);
}

/** RFC 4180: quote a field containing a comma, a double quote, CR or LF; double inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell for exceljs: strings neutralised (and always plain strings, never `{ formula }` objects),
 * Dates as the zone's wall-clock time (Excel dates have no time zone).
 */
export function xlsxValue(value: unknown, key: string, timeZone: string): string | number | boolean | Date | null {
  assertCell(value, key);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return neutraliseFormula(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (Number.isNaN(value.getTime())) return null;
  const w = wallClock(value, timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}
