// How cost grows with the book: core recompute and the server at 500, 5,000 and 50,000 customers,
// and two server instances on one PostgreSQL. Figures for bench/SCALE.md, not the default run:
//   npm run bench -- scale   (SCALE_CUSTOMERS=500,5000 to leave out 50,000; SCALE_GROUPS=server for one half)
import { runCoreBench } from './coreBench';
import { printTable, rowFrom, type BenchRow } from './figures';
import {
  aTeamWithBook,
  mutationsPerSecond,
  pullLatency,
  pushToPoke,
  wholePull,
  withPostgres,
  withPostgresInstances,
} from './serverBench';

const CONSOLES = 10;

function sizes(): number[] {
  return (process.env['SCALE_CUSTOMERS'] ?? '500,5000,50000')
    .split(',')
    .map((text) => Number(text.trim()))
    .filter((size) => Number.isInteger(size) && size > 0);
}

async function coreRows(customers: number): Promise<BenchRow[]> {
  const rows = await runCoreBench({ customers, passes: customers >= 50_000 ? 3 : 7 });
  return rows.filter((row) => !row.figure.includes('one customer'));
}

async function serverRows(adminUrl: string, customers: number): Promise<BenchRow[]> {
  return withPostgresInstances(adminUrl, 2, async (db, [serverA, serverB]) => {
    if (!serverA || !serverB) throw new Error('two instances expected');
    const loadStarted = performance.now();
    const team = await aTeamWithBook(db, customers, CONSOLES);
    const loadMs = performance.now() - loadStarted;
    const [tokenA = ''] = team.tokens;
    const load = { consoles: CONSOLES, batch: 10, pushes: 20 };
    const sync = await wholePull(serverA, tokenA, 10_000);
    console.log(
      `scale: ${customers} customers loaded in ${(loadMs / 1000).toFixed(1)} s; first sync of ${sync.rows} rows in ${(sync.ms / 1000).toFixed(1)} s`,
    );
    const rows: BenchRow[] = [
      rowFrom(`server, ${customers} customers: load the team (admin import)`, [loadMs / 1000], 's'),
      rowFrom(
        `server, ${customers} customers: first sync over HTTP, ${sync.rows} rows`,
        [sync.ms / 1000],
        's',
      ),
      rowFrom(
        `server, ${customers} customers: pull 1,000 changes`,
        await pullLatency(serverA, tokenA, 1_000, 20),
        'ms',
      ),
      rowFrom(
        `server, ${customers} customers: mutations/s, one instance`,
        await mutationsPerSecond(db, serverA, load, team),
        'mut/s',
      ),
      rowFrom(
        `server, ${customers} customers: mutations/s, two instances`,
        await mutationsPerSecond(db, [serverA, serverB], load, team),
        'mut/s',
      ),
      rowFrom(
        `server, ${customers} customers: push to poke across two instances`,
        await pushToPoke(db, serverA, serverB, 30),
        'ms',
      ),
    ];
    return rows;
  });
}

export async function runScaleBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Each size's rows as soon as they are in: a long run that fails late keeps what it measured.
  const add = (found: BenchRow[]) => {
    rows.push(...found);
    console.log(printTable(found));
  };
  const only = process.env['SCALE_GROUPS'] ?? 'core,server';
  if (only.includes('core')) for (const customers of sizes()) add(await coreRows(customers));
  if (only.includes('server')) {
    await withPostgres(async (url) => {
      for (const customers of sizes()) add(await serverRows(url, customers));
    });
  }
  return rows;
}
