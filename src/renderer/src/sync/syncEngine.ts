// The sync engine: pushes the outbox (in mutation-id order, 500 at a time) and pulls the team's
// rows by cursor, then rebases the view. One cycle at a time; cycles run at start, on reconnect,
// on an interval, soon after each local change, on a poke from the server and when the page is
// hidden or closed. Failures back off exponentially with jitter; a business rejection never stalls
// the queue (the server advances past it and the outbox keeps it as rejected).
import { MAX_MUTATIONS_PER_PUSH, type PullResponse } from '../../../core/syncProtocol';
import type { Instant } from '../../../core/time';
import type { OutboxEntry } from '../db/schema';
import { rebasePending, type MergeNotice } from '../db/rebase';
import {
  applyPulledPage,
  bumpRevisionsAfterFirstSync,
  readCursor,
  readPushBatch,
  readPushBatchAfter,
  readResultsAfter,
  recordPushResults,
} from '../db/serverChanges';
import { db } from '../db/schema';
import { ensureClientId, readClientId } from '../db/settings';
import type { SyncState } from './syncStore';
import { traceStep } from './syncTrace';
import {
  httpSyncTransport,
  type SyncConnection,
  type SyncFailure,
  type SyncTransport,
} from './syncTransport';

/** What one cycle did, or why it stopped. */
export type CycleOutcome =
  | { ok: true; pushed: number; rejected: number; pulled: number; notices: MergeNotice[] }
  | { ok: false; failure: SyncFailure | { kind: 'no-connection'; message: string } };

export type SyncEngineOptions = {
  /** The server and token, read before every cycle (null: local-only or no token yet). */
  connection: () => Promise<SyncConnection | { missing: 'server' | 'token' }>;
  transport?: (connection: SyncConnection) => SyncTransport;
  clock?: () => Instant;
  random?: () => number;
  /** Rows per pull page. */
  pullLimit?: number;
  /** Mutations per push (the protocol's maximum by default). */
  pushLimit?: number;
  status?: (patch: Partial<SyncState>) => void;
};

export const DEFAULT_PULL_LIMIT = 5_000;
const MAX_BACKOFF_MS = 60_000;

/** Exponential backoff with jitter: attempt 1 waits 0.5–1 s, doubling up to 30–60 s. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

function pushedOf(entry: OutboxEntry) {
  return {
    id: entry.mutationId,
    name: entry.name,
    version: entry.version,
    args: entry.args,
    clientTime: entry.clientTime,
  };
}

export class SyncEngine {
  private readonly options: SyncEngineOptions;
  private running: Promise<CycleOutcome> | null = null;
  private again = false;
  /** Set by a failure that pushing again cannot fix (update the console, a gap). */
  pushBlocked: string | null = null;

  constructor(options: SyncEngineOptions) {
    this.options = options;
  }

  private now(): Instant {
    return (this.options.clock ?? (() => new Date().toISOString()))();
  }

  private status(patch: Partial<SyncState>): void {
    this.options.status?.(patch);
  }

  /** Runs one cycle (push, pull, rebase); a call during a cycle runs one more right after it. */
  syncOnce(): Promise<CycleOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<CycleOutcome> => {
      let outcome: CycleOutcome;
      do {
        this.again = false;
        outcome = await this.cycle();
      } while (this.again && outcome.ok);
      return outcome;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async cycle(): Promise<CycleOutcome> {
    const preludeStarted = performance.now();
    const connection = await this.options.connection();
    if ('missing' in connection) {
      this.status({ phase: connection.missing === 'server' ? 'local-only' : 'no-token', syncing: false });
      return {
        ok: false,
        failure: {
          kind: 'no-connection',
          message:
            connection.missing === 'server'
              ? 'No team server is set.'
              : 'No token for the team server: enter it in Settings.',
        },
      };
    }
    const transport = (this.options.transport ?? httpSyncTransport)(connection);
    // A plain read once the id exists: a read-write transaction over meta would hold up the views.
    const clientId =
      (await readClientId()) ?? (await db.transaction('rw', db.meta, async () => ensureClientId()));
    traceStep('prelude', preludeStarted);
    this.status({ syncing: true });
    try {
      const pushed = await this.pushAll(transport, clientId);
      if (!pushed.ok) return pushed;
      const pulled = await this.pullAll(transport, clientId);
      if (!pulled.ok) return pulled;
      const rebaseStarted = performance.now();
      const rebased = await rebasePending(this.now());
      traceStep('rebase', rebaseStarted, { scopes: rebased.scopes });
      this.status({
        phase: 'online',
        offlineReason: null,
        lastSyncAt: this.now(),
        lastError: this.pushBlocked,
        pushBlocked: this.pushBlocked,
      });
      return {
        ok: true,
        pushed: pushed.pushed,
        rejected: pushed.rejected,
        pulled: pulled.rows,
        notices: rebased.notices,
      };
    } finally {
      this.status({ syncing: false });
    }
  }

  private async pushAll(
    transport: SyncTransport,
    clientId: string,
  ): Promise<{ ok: true; pushed: number; rejected: number } | { ok: false; failure: SyncFailure }> {
    let pushed = 0;
    let rejected = 0;
    let gapsFilled = 0;
    const started = performance.now();
    if (this.pushBlocked) return { ok: true, pushed, rejected };
    const limit = this.options.pushLimit ?? MAX_MUTATIONS_PER_PUSH;
    // Verdicts are written while the next batch is on the wire: the server, not Dexie, sets the pace.
    // Each batch goes out only after the one before it was answered, so ids still arrive in order.
    const recordings: Promise<void>[] = [];
    const recorded = async () => {
      await Promise.all(recordings.splice(0));
    };
    let batch = await readPushBatch(limit);
    traceStep('push-read', started, { mutations: batch.length });
    for (;;) {
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) {
        await recorded();
        // For bench/syncBench.ts: how long the queue took to reach the team.
        if (pushed > 0)
          performance.mark('console:pushed', {
            detail: { mutations: pushed, ms: performance.now() - started },
          });
        return { ok: true, pushed, rejected };
      }
      const sentAt = performance.now();
      const sending = transport.push({ clientId, mutations: batch.map(pushedOf) });
      // The next batch is read while this one is on the wire; new local changes only add later ids.
      const following = readPushBatchAfter(last.mutationId, limit);
      const answer = await sending;
      traceStep('push-wire', sentAt, { mutations: batch.length });
      if (!answer.ok) {
        await recorded();
        await following;
        const failure = answer.failure;
        if (failure.kind === 'gap' && failure.expectedMutationId > first.mutationId && gapsFilled < 3) {
          // The server has processed ids this console still thinks pending (an answer that was
          // lost): a pull brings their results, then pushing goes on from the expected id.
          gapsFilled += 1;
          const pulled = await this.pullAll(transport, clientId);
          if (!pulled.ok) return pulled;
          batch = await readPushBatch(limit);
          continue;
        }
        if (failure.kind === 'gap') {
          this.pushBlocked = `The team server expects change ${failure.expectedMutationId} from this console, which it no longer holds; export a backup and ask your lead.`;
          this.status({ pushBlocked: this.pushBlocked });
          return { ok: true, pushed, rejected };
        }
        if (failure.kind === 'update-required') {
          this.pushBlocked = `Update the console: ${failure.message} Your changes stay queued until then.`;
          this.status({ pushBlocked: this.pushBlocked });
          return { ok: true, pushed, rejected };
        }
        return { ok: false, failure };
      }
      // The server answered: it is reachable, whatever failed before.
      if (pushed === 0) this.status({ phase: 'online', lastError: this.pushBlocked, offlineReason: null });
      const results = answer.value.results;
      const recordStarted = performance.now();
      const recording = recordPushResults(results).then((settled) => {
        rejected += settled.filter((entry) => entry.status === 'rejected').length;
        traceStep('push-record', recordStarted, { mutations: results.length });
      });
      // A failed write surfaces when the cycle awaits it (below), not as an unhandled rejection now.
      recording.catch(() => undefined);
      recordings.push(recording);
      pushed += batch.length;
      batch = await following;
      // Nothing right after this batch: once the verdicts are in, the queue says what is left.
      if (batch.length === 0) {
        await recorded();
        const readStarted = performance.now();
        batch = await readPushBatch(limit);
        traceStep('push-read', readStarted, { mutations: batch.length });
      }
    }
  }

  private async pullAll(
    transport: SyncTransport,
    clientId: string,
  ): Promise<{ ok: true; rows: number } | { ok: false; failure: SyncFailure }> {
    const started = performance.now();
    const startCursor = await readCursor();
    let resultsAfter = await readResultsAfter();
    traceStep('pull-read', started);
    const limit = this.options.pullLimit ?? DEFAULT_PULL_LIMIT;
    const firstSync = startCursor === 0;
    let rows = 0;
    const touched = new Set<string>();
    let sentAt = performance.now();
    let next = transport.pull({ clientId, cursor: startCursor, limit, resultsAfter });
    for (;;) {
      const answer = await next;
      traceStep('pull-wire', sentAt);
      if (!answer.ok) {
        if (firstSync) {
          await bumpRevisionsAfterFirstSync(touched);
          this.status({ firstSync: null });
        }
        return answer;
      }
      const page: PullResponse = answer.value;
      const lastResult = page.results[page.results.length - 1];
      if (lastResult) resultsAfter = Math.max(resultsAfter, lastResult.mutationId);
      // Fetch the next page while this one is written.
      if (page.hasMore) {
        sentAt = performance.now();
        next = transport.pull({ clientId, cursor: page.cursor, limit, resultsAfter });
      }
      const applyStarted = performance.now();
      const applied = await applyPulledPage(page, { deferRevisions: firstSync });
      traceStep('pull-apply', applyStarted, { rows: applied.rows });
      rows += applied.rows;
      for (const customerId of applied.touched) touched.add(customerId);
      if (firstSync && page.teamVersion) {
        this.status({
          firstSync: page.hasMore
            ? { done: page.cursor - startCursor, total: page.teamVersion - startCursor }
            : null,
        });
      }
      if (!page.hasMore) {
        const bumpStarted = performance.now();
        if (firstSync) await bumpRevisionsAfterFirstSync(touched);
        if (firstSync) traceStep('first-sync-revisions', bumpStarted, { customers: touched.size });
        if (firstSync)
          performance.mark('console:first-sync', { detail: { rows, ms: performance.now() - started } });
        return { ok: true, rows };
      }
    }
  }
}
