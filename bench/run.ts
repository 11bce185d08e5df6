// `npm run bench`: every benchmark against the large seeded book, one table at the end, with the
// machine it ran on. Each group starts what it needs (Chromium, PGlite in a temp dir, a private
// PostgreSQL cluster) and is imported only when it runs.
//   npm run bench                  all of them
//   npm run bench -- core server   only the named groups (core, renderer, palette, sync, server, scale)
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine, printTable, type BenchRow } from './figures';

type Group = { name: string; run: () => Promise<BenchRow[]>; inAll?: boolean };

/**
 * A group whose file may not exist yet on this branch: run when it does, a "not measured" row
 * when it does not. Adding a benchmark file with this export is all it takes to join the table.
 */
function optionalGroup(name: string, file: string, exportName: string): Group {
  return {
    name,
    async run() {
      const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
      if (!existsSync(path)) {
        console.log(`${name}: bench/${file} is not on this branch; not measured`);
        return [notMeasured(`${name}: not measured (bench/${file} missing)`)];
      }
      const loaded = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      const run = loaded[exportName];
      if (typeof run !== 'function') throw new Error(`bench/${file} does not export ${exportName}()`);
      return (await (run as () => Promise<BenchRow[]>)()) ?? [];
    },
  };
}

function notMeasured(figure: string): BenchRow {
  return { figure, median: Number.NaN, p95: Number.NaN, unit: '', goal: '', pass: null };
}

const groups: Group[] = [
  { name: 'core', run: async () => (await import('./coreBench')).runCoreBench() },
  { name: 'renderer', run: async () => (await import('./rendererBench')).runRendererBench() },
  { name: 'palette', run: async () => (await import('./paletteBench')).runPaletteBench() },
  optionalGroup('sync', 'syncBench.ts', 'runSyncBench'),
  { name: 'server', run: async () => (await import('./serverBench')).runServerBench() },
  // 500 / 5,000 / 50,000 customers and two instances: for bench/SCALE.md, not part of the default run.
  { name: 'scale', run: async () => (await import('./scaleBench')).runScaleBench(), inAll: false },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !groups.some((group) => group.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown group ${unknown.join(', ')}; the groups are ${groups.map((g) => g.name).join(', ')}`,
    );
  }
  const machineBefore = describeMachine();
  const started = new Date();
  console.log(machineBefore.join('\n'));
  const rows: BenchRow[] = [];
  for (const group of groups) {
    if (wanted.length > 0 ? !wanted.includes(group.name) : group.inAll === false) continue;
    console.log(`\n== ${group.name}`);
    const groupStarted = performance.now();
    rows.push(...(await group.run()));
    console.log(`== ${group.name} took ${((performance.now() - groupStarted) / 1000).toFixed(0)} s`);
  }
  const machineAfter = describeMachine();
  console.log(`\nRun of ${started.toISOString()}, groups: ${wanted.length > 0 ? wanted.join(', ') : 'all'}`);
  console.log(machineBefore.filter((line) => !line.startsWith('load')).join('\n'));
  console.log(`${machineBefore.find((line) => line.startsWith('load')) ?? ''} at the start`);
  console.log(`${machineAfter.find((line) => line.startsWith('load')) ?? ''} at the end`);
  console.log(`\n${printTable(rows)}`);
  // The benches hold servers and pools whose sockets may linger; the table is what counts.
  process.exit(0);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
