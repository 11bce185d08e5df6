// Command palette search over a large seeded book: building the name index once per read of the
// team's books, and one search per keystroke while a name is typed. Run alone with
// `npx tsx bench/paletteBench.ts`, or `npm run bench -- palette`.
import { performance } from 'node:perf_hooks';
import { customerIndex, findCustomers } from '../src/renderer/src/keyboard/customerSearch';
import { printTable, rowFrom, type BenchRow } from './figures';
import { generateTeamBook } from '../src/core/demoBook';

export type PaletteBenchOptions = { customers?: number; names?: number };

export async function runPaletteBench(options: PaletteBenchOptions = {}): Promise<BenchRow[]> {
  const customers = options.customers ?? 5000;
  const { books } = generateTeamBook({ customers, seed: 1, today: '2026-11-21' });

  const indexTimes: number[] = [];
  let index = customerIndex(books);
  for (let pass = 0; pass < 20; pass += 1) {
    // A fresh array, as each read of the team's books gives: the index is cached per array.
    const read = [...books];
    const started = performance.now();
    index = customerIndex(read);
    indexTimes.push(performance.now() - started);
  }

  // Type names of customers spread over the book, one keystroke at a time, as a TAM would.
  const step = Math.max(1, Math.floor(index.length / (options.names ?? 50)));
  const keystrokes: number[] = [];
  for (let at = 0; at < index.length; at += step) {
    const name = index[at]?.name ?? '';
    for (let length = 1; length <= name.length; length += 1) {
      const started = performance.now();
      findCustomers(index, name.slice(0, length), 7);
      keystrokes.push(performance.now() - started);
    }
  }
  console.log(`palette: ${customers} customers, ${keystrokes.length} keystrokes typed`);
  return [
    rowFrom(`palette: name index of ${customers} customers`, indexTimes, 'ms', { atMost: 16 }),
    rowFrom(`palette: search per keystroke over ${customers} customers`, keystrokes, 'ms', { atMost: 4 }),
  ];
}

if (process.argv[1]?.endsWith('paletteBench.ts'))
  void runPaletteBench().then((rows) => console.log(`\n${printTable(rows)}`));
