// One shape for every benchmark figure, and the table `npm run bench` prints.
export type BenchRow = {
  figure: string;
  median: number;
  p95: number;
  unit: string;
  /** e.g. "<= 100" or ">= 2000"; empty when the figure has no goal. */
  goal: string;
  pass: boolean | null;
};

export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** A row from repeated samples, judged against an upper (`<=`) or lower (`>=`) goal on its p95 / median. */
export function rowFrom(
  figure: string,
  samples: readonly number[],
  unit: string,
  goal?: { atMost?: number; atLeast?: number },
): BenchRow {
  const median = percentile(samples, 0.5);
  const p95 = percentile(samples, 0.95);
  if (goal?.atMost !== undefined) {
    return { figure, median, p95, unit, goal: `<= ${goal.atMost}`, pass: p95 <= goal.atMost };
  }
  if (goal?.atLeast !== undefined) {
    // Throughput: p95 of a throughput is its optimistic tail; judge the median.
    return { figure, median, p95, unit, goal: `>= ${goal.atLeast}`, pass: median >= goal.atLeast };
  }
  return { figure, median, p95, unit, goal: '', pass: null };
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

export function printTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'median', 'p95', 'unit', 'goal', 'result'];
  const body = rows.map((row) => [
    row.figure,
    format(row.median),
    format(row.p95),
    row.unit,
    row.goal,
    row.pass === null ? '' : row.pass ? 'pass' : 'MISS',
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((line) => (line[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
