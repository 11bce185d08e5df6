// CSV text in and out (RFC 4180, via papaparse). Kept out of src/core because papaparse's types
// bring Node's into whatever compiles them; the core hands over tables of text cells instead.
import Papa from 'papaparse';
import type { CsvTable } from '../../../core/csvTable';

/** RFC 4180 text: comma separated, CRLF line ends, quotes only where a cell needs them. */
export function csvText(table: CsvTable): string {
  return Papa.unparse({ fields: table.columns, data: table.rows }, { newline: '\r\n', quotes: false });
}

export type ParsedCsv = {
  columns: string[];
  /** Cells by column name; row i of the data is spreadsheet row i + 2 (the header is row 1). */
  rows: Record<string, string>[];
  /** Problems of the file itself (quotes, stray delimiters), by spreadsheet row. */
  problems: { row: number; message: string }[];
};

export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  return {
    columns: result.meta.fields ?? [],
    rows: result.data,
    problems: result.errors.map((error) => ({
      row: (error.row ?? 0) + 2,
      message: error.message,
    })),
  };
}
