// `npm run bench`: every benchmark against the large seeded book, one table at the end.
//   npm run bench              all of them
//   npm run bench -- core      only the named groups (core, renderer, sync, server)
import { runCoreBench } from './coreBench';
import { printTable, type BenchRow } from './figures';

type Group = { name: string; run: () => Promise<BenchRow[]> };

const groups: Group[] = [
  { name: 'core', run: () => runCoreBench() },
  {
    name: 'renderer',
    run: async () => (await import('./rendererBench')).runRendererBench(),
  },
  {
    name: 'sync',
    run: async () => (await import('./syncBench')).runSyncBench(),
  },
  {
    name: 'server',
    run: async () => {
      const { runServerBench } = await import('./serverBench');
      return (await runServerBench()) as BenchRow[];
    },
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const group of groups) {
    if (wanted.length > 0 && !wanted.includes(group.name)) continue;
    console.log(`\n== ${group.name}`);
    rows.push(...(await group.run()));
  }
  console.log(`\n${printTable(rows)}`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
