// One shape for every benchmark figure, the ratio to a physical baseline measured in the same
// run, the machine it ran on, and the table `npm run bench` prints.
import { spawnSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export type BenchRow = {
  figure: string;
  median: number;
  p95: number;
  unit: string;
  /** e.g. "<= 100" or ">= 2000"; empty when the figure has no goal. */
  goal: string;
  pass: boolean | null;
  /**
   * How many times the physical baseline's cost this figure's median is (1 = as fast as the
   * baseline; for rates, the baseline's rate over this one). Absent where there is no baseline.
   */
  ratio?: number;
  /** The baseline row's figure, printed under the table. */
  baseline?: string;
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

/** Units where more is better: the ratio turns round so that it always reads "times the baseline's cost". */
const rateUnits = new Set(['mut/s', 'rows/s', 'records/s', '/s']);

/** The row with its ratio to a baseline measured in the same run, in the same unit. */
export function againstBaseline(row: BenchRow, baseline: BenchRow): BenchRow {
  if (row.unit !== baseline.unit) {
    throw new Error(
      `${row.figure} (${row.unit}) cannot be compared with ${baseline.figure} (${baseline.unit})`,
    );
  }
  const ratio = rateUnits.has(row.unit) ? baseline.median / row.median : row.median / baseline.median;
  return { ...row, ratio, baseline: baseline.figure };
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

export function printTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'median', 'p95', 'unit', 'goal', 'result', 'x baseline'];
  const body = rows.map((row) => [
    row.figure,
    format(row.median),
    format(row.p95),
    row.unit,
    row.goal,
    row.pass === null ? '' : row.pass ? 'pass' : 'MISS',
    row.ratio === undefined || !Number.isFinite(row.ratio) ? '' : `${row.ratio.toFixed(2)}x`,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((line) => (line[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const baselines = rows.flatMap((row) =>
    row.baseline === undefined ? [] : [`- ${row.figure}: x baseline = against "${row.baseline}"`],
  );
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map(line),
    ...(baselines.length > 0 ? ['', ...baselines] : []),
  ].join('\n');
}

function versionOf(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : 'not found';
}

/** The machine a run measured: figures from different machines (or loads) are not comparable. */
export function describeMachine(): string[] {
  const cores = cpus();
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  return [
    `cpu: ${cores[0]?.model ?? 'unknown'} x ${cores.length} cores`,
    `memory: ${gb(totalmem())} GB, ${gb(freemem())} GB free`,
    `load average (1, 5, 15 min): ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
    `node ${process.version}; ${versionOf(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'])}`,
  ];
}
