// Renderer figures in real Chromium, with the large seeded book (5,000 customers) in IndexedDB:
// time until Today and the customers grid are painted with data after a cold load, the latency of
// one filter keystroke in the grid, and the JS heap. Run alone with `npx tsx bench/rendererBench.ts`.
// The page marks "painted" itself (src/renderer/src/platform/performanceMarks.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser';
import { percentile, printTable, rowFrom, type BenchRow } from './figures';

export type RendererBenchOptions = { customers?: number; loads?: number; keystrokes?: string };

type WebServer = { url: string; close: () => Promise<void> };

/** The start time of the first mark of that name, once the page has set it. */
async function markTime(page: Page, name: string): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, {
    timeout: 120_000,
  });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, name);
}

/**
 * Types each character into the grid's search and times keydown -> grid painted with that search.
 * Page code as text: this file is checked with Node's types, without the DOM's.
 */
const typeAndTime = `async (characters) => {
  const input = document.querySelector('input[aria-label="Search customers"]');
  if (!input) throw new Error('no search box');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const samples = [];
  let typed = '';
  for (const character of characters) {
    typed += character;
    const expected = typed.toLowerCase();
    performance.clearMarks('console:grid-painted');
    const started = performance.now();
    setValue.call(input, typed);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The grid marks each paint with the search it shows; wait for this one.
    const painted = await new Promise((done) => {
      const poll = () => {
        const mark = performance.getEntriesByName('console:grid-painted').find((entry) => entry.detail?.search === expected);
        if (mark) done(mark.startTime);
        else setTimeout(poll, 1);
      };
      poll();
    });
    samples.push(painted - started);
    await new Promise((done) => setTimeout(done, 50));
  }
  return samples;
}`;

/** The same Chromium loading an empty page and painting once: what any page costs on this machine. */
const emptyPage =
  "<!doctype html><html><head><title>empty</title></head><body><script>requestAnimationFrame(() => performance.mark('empty:painted'));</script></body></html>";

async function emptyPageLoads(page: Page, url: string, loads: number): Promise<number[]> {
  await page.route(url, (route) => route.fulfill({ body: emptyPage, contentType: 'text/html' }));
  const times: number[] = [];
  for (let load = 0; load < loads; load += 1) {
    await page.goto(url);
    times.push(await markTime(page, 'empty:painted'));
  }
  await page.unroute(url);
  return times;
}

async function keystrokeLatencies(page: Page, text: string): Promise<number[]> {
  return (await page.evaluate(`(${typeAndTime})(${JSON.stringify(text)})`)) as number[];
}

export async function runRendererBench(options: RendererBenchOptions = {}): Promise<BenchRow[]> {
  const customers = options.customers ?? 5000;
  const loads = options.loads ?? 5;
  if (!existsSync(resolve('out/renderer/index.html'))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('electron-vite build failed');
  }
  // A dynamic import: the script is ESM with top-level await, which require() cannot load.
  // @ts-expect-error: plain ESM script without types
  const { startWebServer } = (await import('../scripts/serve-web.mjs')) as {
    startWebServer: () => Promise<WebServer>;
  };
  const server = await startWebServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      timezoneId: 'Europe/Zurich',
    });
    // tsx keeps function names with a helper the page does not have; give it one.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Bench TAM');
    await page.getByRole('combobox', { name: 'Demo customers' }).click();
    await page.getByRole('option', { name: String(customers), exact: true }).click();
    const loadStarted = Date.now();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor({ timeout: 300_000 });
    await markTime(page, 'console:today-ready');
    console.log(
      `renderer: ${customers} demo customers generated and stored in ${Date.now() - loadStarted} ms`,
    );
    // The start-up snapshot of Today and the grid is written once the books are in memory.
    await markTime(page, 'console:snapshot-saved');

    const today: number[] = [];
    const grid: number[] = [];
    const books: number[] = [];
    const empty: number[] = [];
    for (let load = 0; load < loads; load += 1) {
      // Interleaved with the console's loads, so both see the same load on the machine.
      empty.push(...(await emptyPageLoads(page, `${server.url}empty-baseline.html`, 1)));
      await page.goto(`${server.url}#/today`);
      await page.reload();
      today.push(await markTime(page, 'console:today-ready'));
      books.push(await markTime(page, 'console:books-loaded'));
      await page.goto(`${server.url}#/customers`);
      await page.reload();
      grid.push(await markTime(page, 'console:grid-painted'));
    }
    // Keystrokes against the live grid (every book in memory), not the snapshot's rows.
    await markTime(page, 'console:books-loaded');
    const keystrokes = await keystrokeLatencies(page, options.keystrokes ?? 'auroraxyz');

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const heapMb = heap.usedSize / (1024 * 1024);
    const todayRatio = percentile(today, 0.5) / percentile(empty, 0.5);
    const gridRatio = percentile(grid, 0.5) / percentile(empty, 0.5);
    console.log(
      `renderer: empty page ${empty.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `Today ${todayRatio.toFixed(1)}x and grid ${gridRatio.toFixed(1)}x the empty page (medians)`,
    );
    console.log(
      `renderer: Today ${today.map((ms) => ms.toFixed(0)).join(', ')} ms; grid ${grid.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `every book in memory ${books.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `keystrokes ${keystrokes.map((ms) => ms.toFixed(1)).join(', ')} ms; heap ${heapMb.toFixed(0)} MB`,
    );
    await context.close();
    return [
      rowFrom(`renderer: Today painted after a cold load (${customers} customers)`, today, 'ms', {
        atMost: 600,
      }),
      rowFrom(`renderer: customers grid painted after a cold load (${customers})`, grid, 'ms', {
        atMost: 600,
      }),
      rowFrom('renderer: an empty page painted in the same Chromium (baseline)', empty, 'ms'),
      rowFrom('renderer: Today cold load ÷ empty page (medians)', [todayRatio], 'x'),
      rowFrom('renderer: grid cold load ÷ empty page (medians)', [gridRatio], 'x'),
      rowFrom(`renderer: every book in memory, live figures (${customers})`, books, 'ms'),
      rowFrom('renderer: one filter keystroke in the grid', keystrokes, 'ms', { atMost: 50 }),
      rowFrom('renderer: JS heap after Today and the grid', [heapMb], 'MB', { atMost: 250 }),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('bench/rendererBench.ts')) {
  runRendererBench().then(
    (rows) => console.log(`\n${printTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
