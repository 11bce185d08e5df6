// A CSV file's content as text cells, before quoting: the core builds these tables and the
// renderer writes and reads the text (papaparse), so the columns and cell formats live here.

export type CsvTable = { columns: string[]; rows: string[][] };

/** Numbers without grouping and with a dot, whatever the user's locale; fractions to two decimals. */
export function csvNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
