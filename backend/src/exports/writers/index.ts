export { cleanSheetName, writeXlsx } from './xlsx-writer';
export { writeCsv } from './csv-writer';
export { isFormulaLike, neutraliseFormula } from './neutralise';
export type { CellValue, ExportColumn, ExportLanguage, ExportOptions, ExportResult, ExportRow, RowSource, XlsxExportOptions } from './types';
