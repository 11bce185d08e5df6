// Sync figures in real Chromium against a team server this bench starts itself (PGlite in a temp
// folder), loaded with the large seeded book through the admin load path: the first sync in
// records/s with its ratio to a raw Dexie bulkPut of the same rows in the same run, a push of
// 5,000 queued mutations, and the time from a write on one console until the other shows it.
// Run alone with `npx tsx bench/syncBench.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runAdminCommand } from '../src/server/adminCli';
import { buildServer } from '../src/server/app';
import { migrate } from '../src/server/db/migrations';
import { openPgliteDatabase } from '../src/server/db/pgliteDatabase';
import { createTeam, createToken, createUser } from '../src/server/teamAdmin';
import { version1 } from '../src/renderer/src/db/schema';
import { freshPgliteDir } from '../test/server/support/testDatabase';
import { launchChromium } from '../test/e2e/browser';
import { printTable, rowFrom, type BenchRow } from './figures';

export type SyncBenchOptions = { customers?: number; pushes?: number; latencySamples?: number };

type WebServer = { url: string; close: () => Promise<void> };
type Mark = { rows?: number; mutations?: number; ms: number };

/** The detail of the first mark of that name, once the page has set it. */
async function markDetail(page: Page, name: string, timeout = 600_000): Promise<Mark> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout });
  return page.evaluate(
    (mark) => (performance.getEntriesByName(mark)[0] as { detail?: unknown } | undefined)?.detail as Mark,
    name,
  );
}

async function startConsole(
  browser: Browser,
  webUrl: string,
  serverUrl: string,
  user: string,
  token: string,
): Promise<{ context: BrowserContext; page: Page }> {
  // The bench adds Dexie's own build to the page for the raw bulkPut; the console's CSP forbids that.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: 'Europe/Zurich',
    bypassCSP: true,
  });
  // tsx keeps function names with a helper the page does not have; give it one. The console
  // records its sync steps as performance measures (src/renderer/src/sync/syncTrace.ts).
  await context.addInitScript({
    content: 'globalThis.__name = (target) => target; globalThis.__tamSyncTrace = true;',
  });
  const page = await context.newPage();
  await page.goto(webUrl);
  await page.getByLabel('Your name').fill(`Bench ${user}`);
  await page.getByLabel('Your user id').fill(user);
  await page.getByRole('button', { name: 'Start with an empty book' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.goto(`${webUrl}#/settings`);
  await page.getByLabel('Sync server URL').fill(serverUrl);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Save team server' }).click();
  return { context, page };
}

/**
 * The same rows as the first sync, fetched page by page beforehand, then written into a fresh
 * Dexie database with the console's tables: one transaction and one bulkPut per table per page,
 * as the sync writes them. Page code as text: this file is checked without the DOM's types.
 */
const rawBulkPut = `async ({ serverUrl, token, stores, limit }) => {
  const pages = [];
  let cursor = 0;
  for (;;) {
    const response = await fetch(serverUrl + '/pull', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'raw-bench', cursor, limit }),
    });
    const page = await response.json();
    pages.push(page.changes);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const raw = new Dexie('raw-bulk-put-bench');
  raw.version(1).stores(stores);
  await raw.open();
  let rows = 0;
  const started = performance.now();
  for (const changes of pages) {
    const byTable = new Map();
    for (const change of changes) {
      if (!byTable.has(change.table)) byTable.set(change.table, []);
      byTable.get(change.table).push(change.record);
    }
    await raw.transaction('rw', [...byTable.keys()], async () => {
      for (const [table, records] of byTable) await raw.table(table).bulkPut(records);
    });
    rows += changes.length;
  }
  const ms = performance.now() - started;
  await raw.delete();
  return { rows, ms };
}`;

/** Queues `count` plain edits in the outbox as a console offline for a while would have them. */
const queueEdits = `async ({ count }) => {
  const db = new Dexie('tam-console');
  await db.open();
  const customers = await db.table('customers').limit(count).toArray();
  const last = (await db.table('meta').get('lastMutationId'))?.value ?? 0;
  const clientTime = new Date().toISOString();
  const entries = [];
  for (let index = 0; index < count; index += 1) {
    const customer = customers[index % customers.length];
    entries.push({
      mutationId: last + index + 1,
      name: 'updateCustomer',
      version: 1,
      args: { id: customer.id, patch: { notes: 'bench note ' + index } },
      clientTime,
      customerId: customer.id,
      summary: 'bench edit',
      status: 'pending',
      rejection: null,
    });
  }
  await db.transaction('rw', db.table('outbox'), db.table('meta'), async () => {
    await db.table('outbox').bulkAdd(entries);
    await db.table('meta').put({ key: 'lastMutationId', value: last + count });
  });
  db.close();
}`;

/**
 * Records when the next "Log ticket" submit is clicked (page A) or when `title` appears (page B),
 * in ms since the epoch with the fraction, so the two pages' times and their sync steps compare.
 */
const watchClick = `() => {
  window.__clickedAt = null;
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[role=dialog] button[type=submit]')) window.__clickedAt = performance.timeOrigin + performance.now();
  }, { capture: true, once: true });
}`;
const watchText = `(title) => new Promise((resolve) => {
  const at = () => performance.timeOrigin + performance.now();
  // textContent, not innerText: innerText lays the page out on every mutation, which cost B's main
  // thread 40 ms a sample in a profile and delayed the very render being timed.
  const seen = () => document.body.textContent.includes(title);
  if (seen()) return resolve(at());
  const observer = new MutationObserver(() => { if (seen()) { observer.disconnect(); resolve(at()); } });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})`;

/** A sync step the console measured (syncTrace.ts), in ms since the epoch. */
type Step = { name: string; start: number; end: number; detail?: Record<string, unknown> };

/** The page's sync steps so far, and forgets them. */
const takeSteps = `(() => {
  const steps = performance.getEntriesByType('measure').filter((entry) => entry.name.startsWith('sync:')).map((entry) => ({
    name: entry.name.slice(5), start: performance.timeOrigin + entry.startTime,
    end: performance.timeOrigin + entry.startTime + entry.duration, detail: entry.detail ?? undefined,
  }));
  performance.clearMeasures();
  return steps;
})()`;

async function takeStepsOf(page: Page): Promise<Step[]> {
  return (await page.evaluate(takeSteps)) as Step[];
}

/** One line per step, "who name +start..+end (duration)" in ms from `origin`. */
function describeSteps(origin: number, steps: readonly (Step & { who: string })[]): string {
  return [...steps]
    .sort((a, b) => a.start - b.start)
    .map((step) => {
      const detail = step.detail ? ` ${JSON.stringify(step.detail)}` : '';
      return `    ${step.who} ${step.name.padEnd(12)} +${(step.start - origin).toFixed(0).padStart(4)}..+${(step.end - origin).toFixed(0).padStart(4)} (${(step.end - step.start).toFixed(1)} ms)${detail}`;
    })
    .join('\n');
}

/** Sums of the steps by name: how often, and how long in all. */
function sumSteps(steps: readonly Step[]): string {
  const sums = new Map<string, { count: number; ms: number }>();
  for (const step of steps) {
    const sum = sums.get(step.name) ?? { count: 0, ms: 0 };
    sum.count += 1;
    sum.ms += step.end - step.start;
    sums.set(step.name, sum);
  }
  return [...sums].map(([name, sum]) => `${name} ${sum.count}x ${sum.ms.toFixed(0)} ms`).join(', ');
}

export async function runSyncBench(options: SyncBenchOptions = {}): Promise<BenchRow[]> {
  const customers = options.customers ?? 5000;
  const pushes = options.pushes ?? 5000;
  const latencySamples = options.latencySamples ?? 7;
  if (!existsSync(resolve('out/renderer/index.html'))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('electron-vite build failed');
  }
  // @ts-expect-error: plain ESM script without types
  const { startWebServer } = (await import('../scripts/serve-web.mjs')) as {
    startWebServer: () => Promise<WebServer>;
  };
  const dataDir = await freshPgliteDir();
  const db = await openPgliteDatabase(dataDir);
  await migrate(db);
  const app = await buildServer({ db, rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the bench server did not listen');
  const serverUrl = `http://127.0.0.1:${address.port}`;
  const web = await startWebServer();
  const browser = await launchChromium();
  try {
    await createTeam(db, { id: 'bench', name: 'Bench team' });
    await createUser(db, { teamId: 'bench', id: 'ana', name: 'Ana', role: 'tam' });
    await createUser(db, { teamId: 'bench', id: 'ben', name: 'Ben', role: 'tam' });
    const ana = (await createToken(db, 'bench', 'ana')).token;
    const ben = (await createToken(db, 'bench', 'ben')).token;
    const loaded = await runAdminCommand(
      db,
      ['load-demo', 'bench', '--customers', String(customers), '--seed', '20260401'],
      new Date().toISOString(),
    );
    console.log(`sync: ${loaded}`);

    // First sync of the large book, and the raw bulkPut of the same rows in the same browser.
    const first = await startConsole(browser, web.url, serverUrl, 'ana', ana);
    const sync = await markDetail(first.page, 'console:first-sync');
    const firstSteps = await takeStepsOf(first.page);
    console.log(`sync: first sync steps: ${sumSteps(firstSteps)}`);
    if (process.env['SYNC_BENCH_STEPS'])
      console.log(
        describeSteps(
          firstSteps[0]?.start ?? 0,
          firstSteps.map((step) => ({ ...step, who: 'A' })),
        ),
      );
    await first.page.addScriptTag({ path: resolve('node_modules/dexie/dist/dexie.js') });
    const raw = (await first.page.evaluate(
      `(${rawBulkPut})(${JSON.stringify({ serverUrl, token: ana, stores: version1, limit: 5000 })})`,
    )) as {
      rows: number;
      ms: number;
    };
    const syncRate = (sync.rows ?? 0) / (sync.ms / 1000);
    const rawRate = raw.rows / (raw.ms / 1000);
    console.log(
      `sync: first sync ${sync.rows} rows in ${sync.ms.toFixed(0)} ms (${syncRate.toFixed(0)}/s); raw bulkPut ${raw.rows} rows in ${raw.ms.toFixed(0)} ms (${rawRate.toFixed(0)}/s)`,
    );

    // A second console, online, on one customer's tickets.
    const second = await startConsole(browser, web.url, serverUrl, 'ben', ben);
    await markDetail(second.page, 'console:first-sync');
    const customerId = (await first.page.evaluate(`(async () => {
      const db = new Dexie('tam-console'); await db.open();
      const customer = await db.table('customers').orderBy('id').first(); db.close(); return customer.id;
    })()`)) as string;
    for (const { page } of [first, second]) {
      await page.goto(`${web.url}#/customers/${encodeURIComponent(customerId)}/tickets`);
      await page.getByRole('button', { name: 'Log ticket' }).waitFor();
      // Both consoles idle, as a TAM's would be: the team's books read after the first sync, which
      // holds a read over every table for seconds (a first sample taken during it waited 6 s).
      await markDetail(page, 'console:books-loaded');
    }
    // SYNC_BENCH_PROFILE=folder: a CPU profile of each console over the samples (open in DevTools).
    const profileDir = process.env['SYNC_BENCH_PROFILE'];
    const profilers = profileDir
      ? await Promise.all(
          [first, second].map(async ({ context, page }) => {
            const session = await context.newCDPSession(page);
            await session.send('Profiler.enable');
            await session.send('Profiler.setSamplingInterval', { interval: 200 });
            await session.send('Profiler.start');
            return session;
          }),
        )
      : [];
    const latencies: number[] = [];
    for (let sample = 0; sample < latencySamples; sample += 1) {
      for (const { page } of [first, second]) await takeStepsOf(page);
      const title = `Latency probe ${sample} ${Date.now()}`;
      const appeared = second.page.evaluate(`(${watchText})(${JSON.stringify(title)})`) as Promise<number>;
      await first.page.getByRole('button', { name: 'Log ticket' }).click();
      const dialog = first.page.getByRole('dialog', { name: /Log ticket/ });
      await dialog.getByLabel('Title').fill(title);
      await first.page.evaluate(`(${watchClick})()`);
      await dialog.getByRole('button', { name: 'Log ticket' }).click();
      await dialog.waitFor({ state: 'detached' });
      const shownAt = await appeared;
      const clickedAt = (await first.page.evaluate('window.__clickedAt')) as number;
      latencies.push(shownAt - clickedAt);
      await first.page.waitForTimeout(300);
      const steps = [
        ...(await takeStepsOf(first.page)).map((step) => ({ ...step, who: 'A' })),
        ...(await takeStepsOf(second.page)).map((step) => ({ ...step, who: 'B' })),
        { name: 'visible', start: shownAt, end: shownAt, who: 'B' },
      ].filter((step) => step.end >= clickedAt - 1);
      console.log(
        `sync: sample ${sample}: ${(shownAt - clickedAt).toFixed(0)} ms from the click on A to the text on B\n${describeSteps(clickedAt, steps)}`,
      );
    }
    for (const [index, session] of profilers.entries()) {
      const { profile } = await session.send('Profiler.stop');
      const file = resolve(profileDir ?? '.', `latency-${index === 0 ? 'A' : 'B'}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
    }
    console.log(
      `sync: write to visible on the other console ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );

    // 5,000 queued edits, pushed when the console comes back online.
    await first.context.setOffline(true);
    await first.page.evaluate(`(${queueEdits})(${JSON.stringify({ count: pushes })})`);
    await first.page.evaluate(`performance.clearMarks('console:pushed')`);
    await takeStepsOf(first.page);
    await first.context.setOffline(false);
    const push = await markDetail(first.page, 'console:pushed', 120_000);
    console.log(`sync: pushed ${push.mutations} queued mutations in ${push.ms.toFixed(0)} ms`);
    console.log(`sync: push steps: ${sumSteps(await takeStepsOf(first.page))}`);

    return [
      rowFrom(`sync: first sync of ${customers} customers (${sync.rows} rows)`, [syncRate], 'rec/s', {
        atLeast: 30_000,
      }),
      rowFrom('sync: first sync against a raw Dexie bulkPut (ratio)', [syncRate / rawRate], 'ratio', {
        atLeast: 0.6,
      }),
      rowFrom('sync: raw Dexie bulkPut of the same rows', [rawRate], 'rec/s'),
      rowFrom(`sync: push of ${push.mutations ?? pushes} queued mutations`, [push.ms], 'ms', {
        atMost: 5000,
      }),
      rowFrom('sync: a write on one console visible on the other', latencies, 'ms', { atMost: 200 }),
    ];
  } finally {
    await browser.close();
    await web.close();
    await app.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('bench/syncBench.ts')) {
  // A smaller run while working: SYNC_BENCH_CUSTOMERS=500 npx tsx bench/syncBench.ts
  const customers = Number(process.env['SYNC_BENCH_CUSTOMERS'] ?? 5000);
  runSyncBench({ customers }).then(
    (rows) => console.log(`\n${printTable(rows)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
