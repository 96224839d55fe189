export type ExportLanguage = 'zh-CN' | 'en';

/**
 * What a cell may hold. Anything else (objects, which exceljs would read as formulas, hyperlinks or
 * rich text) is refused with a TypeError.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

export type ExportRow = Record<string, CellValue>;

/**
 * A column of an export: only keys listed here reach the file, so a row object carrying more fields
 * than the user's role may see still exports only the columns chosen for that role.
 */
export interface ExportColumn<Row extends ExportRow = ExportRow> {
  key: keyof Row & string;
  header: Record<ExportLanguage, string>;
  /** XLSX column width in characters (default 16). */
  width?: number;
}

export interface ExportOptions {
  language: ExportLanguage;
  /** Time zone for Date cells (default Asia/Shanghai). */
  timeZone?: string;
}

export interface XlsxExportOptions extends ExportOptions {
  /** Worksheet name (cleaned to Excel's rules: at most 31 characters, none of []:*?/\). */
  sheetName?: string;
}

export interface ExportResult {
  /** Data rows written (the header row not counted): what the audit entry records. */
  rowCount: number;
}

export type RowSource<Row> = AsyncIterable<Row> | Iterable<Row>;
