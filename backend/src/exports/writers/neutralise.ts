/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text begins with `=`, `+`,
 * `-` or `@` is evaluated as a formula by Excel, LibreOffice and Google Sheets when a CSV (or a
 * careless XLSX) is opened, so text that a citizen typed into a sighting — `=HYPERLINK(...)`,
 * `=cmd|' /C calc'!A0` (DDE, hence `|`), `@SUM(...)` — could run or exfiltrate data on a
 * supervisor's machine. `%` and a leading tab or carriage return are on OWASP's list too (some
 * spreadsheet programs strip them, or treat `%` specially, before deciding).
 *
 * Neutralised by prefixing a single quote, which spreadsheets show as text and never evaluate; the
 * original text is kept after it, so nothing is lost. Text whose first non-blank character is a
 * trigger is neutralised as well (`" =1+2"`), since some importers trim leading spaces.
 *
 * Only strings are touched: numbers and dates the system itself produced are written as typed cells.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '|', '%', '\t', '\r']);

export function isFormulaLike(text: string): boolean {
  if (text.length === 0) return false;
  if (TRIGGERS.has(text[0])) return true;
  const firstVisible = /^[ \u00a0\u3000\n]+(.)/su.exec(text);
  return firstVisible !== null && TRIGGERS.has(firstVisible[1]);
}

export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
