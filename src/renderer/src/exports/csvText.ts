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

/** The 1-based line of a character offset: papaparse counts quote errors' rows differently. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

export function parseCsv(text: string): ParsedCsv {
  const body = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  return {
    columns: result.meta.fields ?? [],
    rows: result.data,
    // Missing trailing cells are empty cells (spreadsheets drop them); more cells than the header
    // names, or a quote that never closes, are problems.
    problems: result.errors
      .filter((error) => error.code !== 'TooFewFields')
      .map((error) => ({
        row: error.index === undefined ? (error.row ?? 0) + 2 : lineAt(body, error.index),
        message: error.message,
      })),
  };
}
