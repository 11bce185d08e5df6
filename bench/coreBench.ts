// Core recompute benchmark: every customer's term, ledger, cadence and open response
// objectives over a large seeded book. Run alone with `npx tsx bench/coreBench.ts`.
import { performance } from 'node:perf_hooks';
import { customerStatus } from '../src/core/customerStatus';
import { planTemplates } from '../src/core/plans';
import type { CustomerBook } from '../src/core/records';
import { againstBaseline, percentile, printTable, rowFrom, type BenchRow } from './figures';
import { generateTeamBook } from '../src/core/demoBook';

export type CoreBenchOptions = { customers?: number; passes?: number; seed?: number };

/** Every string's length and every number of a record tree, summed: one read of each field. */
function touchEveryField(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return 1;
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  if (Array.isArray(value)) {
    for (const item of value) sum += touchEveryField(item);
  } else {
    for (const key in value) sum += touchEveryField((value as Record<string, unknown>)[key]);
  }
  return sum;
}

export async function runCoreBench(options: CoreBenchOptions = {}): Promise<BenchRow[]> {
  const customers = options.customers ?? 5000;
  const passes = options.passes ?? 7;
  const today = '2026-11-21';
  const now = `${today}T09:30:00.000Z`;
  const generated = performance.now();
  const { books, recordCount } = generateTeamBook({ customers, seed: options.seed ?? 1, today });
  const generateMs = performance.now() - generated;
  console.log(
    `core: generated ${customers} customers, ${recordCount} records in ${generateMs.toFixed(0)} ms`,
  );

  // Each pass works on fresh objects, parsed from a stored copy as after a load from storage:
  // no memo keyed by object identity can carry over from the pass before. Only one copy is
  // alive at a time, and its garbage is collected before the timed part, which pays only for its own.
  // In chunks: a 50,000-customer book is longer than the longest string V8 allows.
  const stored: string[] = [];
  for (let start = 0; start < books.length; start += 1000) {
    stored.push(JSON.stringify(books.slice(start, start + 1000)));
  }
  books.length = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.log('core: run with node --expose-gc for steadier figures');
  const freshCopies = (): CustomerBook[] => {
    gc?.();
    const copies = stored.flatMap((chunk) => JSON.parse(chunk) as CustomerBook[]);
    gc?.();
    return copies;
  };

  const wholeBook: number[] = [];
  const perCustomer: number[] = [];
  let firstPass = Number.NaN;
  // Passes before the counted ones warm the JIT up: about 5,000 customers' worth, so that a small
  // book is not measured on cold code.
  const warmUp = Math.max(1, Math.ceil(5000 / customers));
  for (let pass = 0; pass < passes + warmUp; pass += 1) {
    const copies = freshCopies();
    const started = performance.now();
    for (const book of copies) {
      const one = performance.now();
      customerStatus(book, planTemplates, now);
      if (pass >= warmUp) perCustomer.push(performance.now() - one);
    }
    const elapsed = performance.now() - started;
    if (pass === 0) firstPass = elapsed;
    else if (pass >= warmUp) wholeBook.push(elapsed);
  }

  // The same objects again: what a view pays when it recomputes after an unrelated change.
  const warm: number[] = [];
  const copies = freshCopies();
  for (const book of copies) customerStatus(book, planTemplates, now);
  for (let pass = 0; pass < passes; pass += 1) {
    const started = performance.now();
    for (const book of copies) customerStatus(book, planTemplates, now);
    warm.push(performance.now() - started);
  }

  // The physical floor of a pass over fresh objects: read every field of every record once.
  const walk: number[] = [];
  let touched = 0;
  for (let pass = 0; pass < passes + warmUp; pass += 1) {
    const fresh = freshCopies();
    const started = performance.now();
    for (const book of fresh) touched += touchEveryField(book);
    if (pass >= warmUp) walk.push(performance.now() - started);
  }
  if (touched === 0) throw new Error('the walk read nothing');

  const worst = perCustomer.reduce((a, b) => Math.max(a, b), 0);
  console.log(
    `core: first pass (cold caches, JIT) ${firstPass.toFixed(0)} ms; worst single customer ${worst.toFixed(2)} ms; p99 ${percentile(perCustomer, 0.99).toFixed(3)} ms`,
  );
  const baseline = rowFrom(
    `baseline: read every field of every record once (${customers} customers)`,
    walk,
    'ms',
  );
  // The goal is set for the large book of 5,000 customers; other sizes are for SCALE.md.
  const goal = customers === 5000 ? { atMost: 100 } : undefined;
  return [
    againstBaseline(
      rowFrom(
        `core: recompute whole book (${customers} customers, ${recordCount} records)`,
        wholeBook,
        'ms',
        goal,
      ),
      baseline,
    ),
    baseline,
    rowFrom('core: recompute one customer', perCustomer, 'ms', { atMost: 1 }),
    rowFrom(`core: recompute whole book, same objects again (${customers} customers)`, warm, 'ms'),
  ];
}

if (process.argv[1]?.endsWith('coreBench.ts')) {
  void runCoreBench().then((rows) => console.log(printTable(rows)));
}
