// One page of the real console in Node: the renderer's own modules (Dexie outbox under
// fake-indexeddb, the sync engine, its HTTP transport) evaluated afresh, on a named database that
// outlives the page. `reload` is what a browser reload does to them: the page's requests are
// aborted (the server may already have applied a push: its answer is lost), its database
// connection closes (a transaction that committed stays, anything after fails), and its code never
// runs again; the next page opens the same database with freshly evaluated modules.
import { vi } from 'vitest';
import type { ConsoleDatabase } from '../../../src/renderer/src/db/schema';
import type { SyncConnection } from '../../../src/renderer/src/sync/syncTransport';

type PageModules = typeof import('./consolePageModules');
type SyncEngine = InstanceType<PageModules['SyncEngine']>;

export type RequestKind = 'push' | 'pull' | 'other';

/** Where a test may reload the page: as a request leaves, or once its answer is in but unread. */
export type PageHooks = {
  sent?(page: ConsolePage, kind: RequestKind): void;
  /** Return true to reload the page before the engine sees this answer. */
  answered?(page: ConsolePage, kind: RequestKind): boolean;
};

export type ConsolePage = {
  readonly modules: PageModules;
  readonly db: ConsoleDatabase;
  readonly engine: SyncEngine;
  readonly closed: boolean;
  hooks: PageHooks;
  /** A cycle, as the runtime starts one at load and after each local change; its failure after a reload is expected. */
  kick(): void;
  reload(): void;
  counters: { pushesSent: number; pushAnswersLost: number; requestsAborted: number };
  /** Cycles that failed while the page was still open: a bug, not a reload. */
  failures: unknown[];
};

// Resetting the module registry and importing must not interleave between two consoles: each page
// gets one consistent copy of the modules.
let opening: Promise<void> = Promise.resolve();

export async function openConsolePage(options: {
  databaseName: string;
  connection: SyncConnection;
  clock: () => string;
  random: () => number;
  pushLimit: number;
}): Promise<ConsolePage> {
  const before = opening;
  let release = () => undefined as void;
  opening = new Promise<void>((resolve) => {
    release = resolve;
  });
  await before;
  let modules: PageModules;
  try {
    vi.resetModules();
    modules = await import('./consolePageModules');
  } finally {
    release();
  }
  const db = modules.switchConsoleDatabase(options.databaseName);
  const abort = new AbortController();
  let closed = false;

  const pageFetch: typeof fetch = async (input, init) => {
    if (closed) throw new TypeError('the page is gone');
    const url = String(input instanceof Request ? input.url : input);
    const kind: RequestKind = url.endsWith('/push') ? 'push' : url.endsWith('/pull') ? 'pull' : 'other';
    if (kind === 'push') page.counters.pushesSent += 1;
    const signal = init?.signal ? AbortSignal.any([init.signal, abort.signal]) : abort.signal;
    const sending = fetch(input, { ...init, signal });
    page.hooks.sent?.(page, kind);
    let response: Response;
    let body: string;
    try {
      response = await sending;
      body = await response.text();
    } catch (error) {
      if (closed) page.counters.requestsAborted += 1;
      throw error;
    }
    if (!closed && page.hooks.answered?.(page, kind)) page.reload();
    if (closed) {
      if (kind === 'push') page.counters.pushAnswersLost += 1;
      throw new TypeError('the page is gone');
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };

  const engine = new modules.SyncEngine({
    connection: async () => options.connection,
    transport: (connection) => modules.httpSyncTransport(connection, pageFetch),
    clock: options.clock,
    random: options.random,
    pushLimit: options.pushLimit,
  });

  const page: ConsolePage = {
    modules,
    db,
    engine,
    get closed() {
      return closed;
    },
    hooks: {},
    counters: { pushesSent: 0, pushAnswersLost: 0, requestsAborted: 0 },
    failures: [],
    kick() {
      if (closed) return;
      engine.syncOnce().catch((error: unknown) => {
        // A page that was reloaded mid-cycle fails on its closed database: that is the reload.
        if (!closed) page.failures.push(error);
      });
    },
    reload() {
      if (closed) return;
      closed = true;
      abort.abort();
      db.close();
    },
  };
  return page;
}
