// The sync engine: pushes the outbox (in mutation-id order, 500 at a time) and pulls the team's
// rows by cursor, then rebases the view. One cycle at a time; cycles run at start, on reconnect,
// on an interval, soon after each local change, on a poke from the server and when the page is
// hidden or closed. Failures back off exponentially with jitter; a business rejection never stalls
// the queue (the server advances past it and the outbox keeps it as rejected).
import { MAX_MUTATIONS_PER_PUSH, type PullResponse, type PushResponse } from '../../../core/syncProtocol';
import type { Instant } from '../../../core/time';
import type { OutboxEntry } from '../db/schema';
import { rebasePending, type MergeNotice, type RebaseOutcome } from '../db/rebase';
import {
  applyPulledPage,
  bumpRevisionsAfterFirstSync,
  readCursor,
  readCycleStart,
  readPullStart,
  readPushBatch,
  readPushBatchAfter,
  readQueue,
  recordPushResults,
  type CycleStart,
} from '../db/serverChanges';
import { db } from '../db/schema';
import { ensureClientId } from '../db/settings';
import { bindToTeam } from '../db/syncIdentity';
import { saveTeamMembers } from '../db/teamMembers';
import type { SyncState } from './syncStore';
import { traceStep } from './syncTrace';
import {
  httpSyncTransport,
  type Answer,
  type SyncConnection,
  type SyncFailure,
  type SyncTransport,
} from './syncTransport';

/** What one cycle did, or why it stopped. */
export type CycleOutcome =
  | { ok: true; pushed: number; rejected: number; pulled: number; notices: MergeNotice[] }
  | { ok: false; failure: EngineFailure };

/** Why a cycle stopped: the server's answer, no server or token set, or the engine was stopped. */
export type EngineFailure =
  | SyncFailure
  | { kind: 'no-connection'; message: string }
  /** stop() was called: the runtime that ran this engine has been replaced. */
  | { kind: 'stopped'; message: string };

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

/** A local change that is the whole queue, with what the last good cycle knew. */
type FastPush = { connection: SyncConnection; clientId: string; batch: OutboxEntry[] };

/** The first batch of a push, already on the wire when `sending` is set. */
type FirstPush = { batch: OutboxEntry[]; sending?: Promise<Answer<PushResponse>> };

const nothingRebased: RebaseOutcome = { scopes: 0, replayed: 0, atRisk: 0, notices: [] };
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

let engineCount = 0;

/** A server and token, as one key: the team check runs once per key. */
function connectionKey(connection: SyncConnection): string {
  return `${connection.serverUrl}\n${connection.token}`;
}

export class SyncEngine {
  private readonly options: SyncEngineOptions;
  private running: Promise<CycleOutcome> | null = null;
  private again = false;
  /** Set by a failure that pushing again cannot fix (update the console, a gap). */
  pushBlocked: string | null = null;
  /** The server and token whose team this console is bound to (checkTeam). */
  private checkedConnection: string | null = null;
  /** The server, token and client id of the last good cycle, and the last mutation id settled then. */
  private known: { connection: SyncConnection; clientId: string; settledThrough: number } | null = null;

  private readonly id = (engineCount += 1);
  private stopped = false;

  constructor(options: SyncEngineOptions) {
    this.options = options;
  }

  private now(): Instant {
    return (this.options.clock ?? (() => new Date().toISOString()))();
  }

  private status(patch: Partial<SyncState>): void {
    this.options.status?.(patch);
  }

  /**
   * No cycle starts after this, and one under way stops at its next step (before a push, before
   * writing a pulled page). A runtime replaced (the server was changed in Settings) would otherwise
   * sync on beside its successor: two first syncs at once, each writing every row.
   */
  stop(): void {
    this.stopped = true;
  }

  private stoppedOutcome(): { ok: false; failure: { kind: 'stopped'; message: string } } {
    return { ok: false, failure: { kind: 'stopped', message: 'Sync was restarted.' } };
  }

  /**
   * Runs one cycle (push, pull, rebase); a call during a cycle runs one more right after it.
   * `queued`: what a local change just queued. When that is the whole queue (its ids follow the
   * last one the team settled) and the last cycle went well, it goes on the wire at once, with that
   * cycle's server, token and client id, before anything is read (fastPush).
   */
  syncOnce(queued?: readonly OutboxEntry[]): Promise<CycleOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    let fast = this.fastPush(queued);
    const run = async (): Promise<CycleOutcome> => {
      let outcome: CycleOutcome;
      do {
        this.again = false;
        const result = await this.cycle(fast);
        fast = null;
        // The quick push failed (a new token, offline): a plain cycle reads everything again.
        outcome = result === 'read-again' ? await this.plainCycle() : result;
      } while (this.again && outcome.ok && !this.stopped);
      return outcome;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async plainCycle(): Promise<CycleOutcome> {
    const outcome = await this.cycle(null);
    if (outcome === 'read-again') throw new Error('only a quick push reads again');
    return outcome;
  }

  private fastPush(queued: readonly OutboxEntry[] | undefined): FastPush | null {
    const known = this.known;
    const first = queued?.[0];
    if (!known || !queued || !first || this.pushBlocked) return null;
    // Only on a connection whose team this engine has checked (a new token goes the plain way).
    if (this.checkedConnection !== connectionKey(known.connection)) return null;
    if (queued.length > (this.options.pushLimit ?? MAX_MUTATIONS_PER_PUSH)) return null;
    if (first.mutationId !== known.settledThrough + 1) return null;
    if (queued.some((entry, index) => entry.mutationId !== first.mutationId + index)) return null;
    return { connection: known.connection, clientId: known.clientId, batch: [...queued] };
  }

  private async cycle(fast: FastPush | null): Promise<CycleOutcome | 'read-again'> {
    if (this.stopped) return this.stoppedOutcome();
    const started = performance.now();
    const limit = this.options.pushLimit ?? MAX_MUTATIONS_PER_PUSH;
    const transportOf = this.options.transport ?? httpSyncTransport;
    this.known = null;
    let connection: SyncConnection;
    let transport: SyncTransport;
    let start: CycleStart;
    let clientId: string;
    let firstPush: FirstPush;
    if (fast) {
      connection = fast.connection;
      transport = transportOf(connection);
      firstPush = {
        batch: fast.batch,
        sending: transport.push({ clientId: fast.clientId, mutations: fast.batch.map(pushedOf) }),
      };
      start = await readCycleStart(limit);
      clientId = fast.clientId;
    } else {
      // One round of reads: the server and token, and everything the cycle starts from.
      const [read, cycleStart] = await Promise.all([this.options.connection(), readCycleStart(limit)]);
      if ('missing' in read) {
        this.status({ phase: read.missing === 'server' ? 'local-only' : 'no-token', syncing: false });
        return {
          ok: false,
          failure: {
            kind: 'no-connection',
            message:
              read.missing === 'server'
                ? 'No team server is set.'
                : 'No token for the team server: enter it in Settings.',
          },
        };
      }
      connection = read;
      transport = transportOf(connection);
      const team = await this.checkTeam(transport, connection);
      if (!team.ok) return team;
      // A switch to another team just reset the client id, queue and cursor: read them again.
      start = team.startedAfresh ? await readCycleStart(limit) : cycleStart;
      // A plain read once the id exists: a read-write transaction over meta would hold up the views.
      clientId = start.clientId ?? (await db.transaction('rw', db.meta, async () => ensureClientId()));
      firstPush = { batch: start.batch };
    }
    traceStep('prelude', started, { quick: fast !== null, engine: this.id });
    if (this.stopped) return this.stoppedOutcome();
    this.status({ syncing: true });
    try {
      const pushed = await this.pushAll(transport, clientId, firstPush, started);
      if (!pushed.ok) return fast && pushed.quickFailed ? 'read-again' : pushed;
      // Where the pull starts: as read, unless pushing moved it (verdicts recorded, a gap filled).
      const pullFrom = {
        cursor: pushed.cursorMoved ? await readCursor() : start.cursor,
        resultsAfter: pushed.resultsAfter ?? start.resultsAfter,
      };
      const pulled = await this.pullAll(transport, clientId, pullFrom);
      if (!pulled.ok) return pulled;
      const rebaseStarted = performance.now();
      const rebaseQueued =
        start.rebaseQueued || pushed.pushed > 0 || pushed.cursorMoved || pulled.rebaseQueued;
      const rebased = rebaseQueued ? await rebasePending(this.now()) : nothingRebased;
      traceStep('rebase', rebaseStarted, { scopes: rebased.scopes });
      this.status({
        phase: 'online',
        offlineReason: null,
        lastSyncAt: this.now(),
        lastError: this.pushBlocked,
        pushBlocked: this.pushBlocked,
      });
      this.known = {
        connection,
        clientId,
        settledThrough: pushed.resultsAfter ?? start.resultsAfter,
      };
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

  /**
   * Once per server and token: asks the server whose token it is and binds this console's sync
   * state to that team (db/syncIdentity.ts), so a switch to another team never reuses the client
   * id, mutation ids, cursor or book of the first. `startedAfresh`: the state was reset just now.
   * The team's names (GET /team) are asked for alongside, in the same round trip's time, and kept
   * once the team is bound; a server that cannot list them does not hold up the sync.
   */
  private async checkTeam(
    transport: SyncTransport,
    connection: SyncConnection,
  ): Promise<{ ok: true; startedAfresh: boolean } | { ok: false; failure: SyncFailure }> {
    const key = connectionKey(connection);
    if (this.checkedConnection === key) return { ok: true, startedAfresh: false };
    const [me, members] = await Promise.all([transport.whoAmI(), transport.teamMembers()]);
    if (!me.ok) return me;
    const binding = await bindToTeam({
      serverUrl: connection.serverUrl,
      teamId: me.value.team.id,
      userId: me.value.user.id,
    });
    if (!binding.bound) {
      const changes = binding.pending === 1 ? '1 change' : `${binding.pending} changes`;
      return {
        ok: false,
        failure: {
          kind: 'team-changed',
          message: `This console holds ${changes} for team ${binding.identity.teamId} at ${binding.identity.serverUrl} (as ${binding.identity.userId}) that have not reached it, and the token now set is for team ${me.value.team.id}. Set that team's server and token again to send them, or export a backup and start over to join the other team.`,
        },
      };
    }
    if (members.ok) await saveTeamMembers(members.value);
    this.checkedConnection = key;
    return { ok: true, startedAfresh: binding.startedAfresh };
  }

  /**
   * Pushes the queue from `firstPush` on (already on the wire when `sending` is set), batch after
   * batch, until no pending entry is left. Says where the results now end (for the pull) when the
   * queue was read to its end.
   */
  private async pushAll(
    transport: SyncTransport,
    clientId: string,
    firstPush: FirstPush,
    started: number,
  ): Promise<
    | {
        ok: true;
        pushed: number;
        rejected: number;
        /** The pull's resultsAfter once the queue is empty; null when pushing stopped before. */
        resultsAfter: number | null;
        /** A gap was filled by a pull: the cursor moved. */
        cursorMoved: boolean;
      }
    | { ok: false; failure: EngineFailure; quickFailed: boolean }
  > {
    let pushed = 0;
    let rejected = 0;
    let gapsFilled = 0;
    const done = (resultsAfter: number | null) =>
      ({ ok: true, pushed, rejected, resultsAfter, cursorMoved: gapsFilled > 0 }) as const;
    if (this.pushBlocked) return done(null);
    const limit = this.options.pushLimit ?? MAX_MUTATIONS_PER_PUSH;
    // Verdicts are written while the next batch is on the wire: the server, not Dexie, sets the pace.
    // Each batch goes out only after the one before it was answered, so ids still arrive in order.
    const recordings: Promise<void>[] = [];
    const recorded = async () => {
      await Promise.all(recordings.splice(0));
    };
    let batch = firstPush.batch;
    let inFlight = firstPush.sending ?? null;
    let resultsAfter: number | null = null;
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
        return done(resultsAfter);
      }
      const sentAt = inFlight ? started : performance.now();
      const quick = inFlight !== null;
      const sending = inFlight ?? transport.push({ clientId, mutations: batch.map(pushedOf) });
      inFlight = null;
      // The next batch is read while this one is on the wire; new local changes only add later ids.
      const following = readPushBatchAfter(last.mutationId, limit);
      // A failed read (the database closed under a reload) surfaces where it is awaited below, not
      // as an unhandled rejection while the push is still on the wire.
      following.catch(() => undefined);
      const answer = await sending;
      traceStep('push-wire', sentAt, { mutations: batch.length, quick });
      if (!answer.ok) {
        await recorded();
        await following;
        const failure = answer.failure;
        if (quick) return { ok: false, failure, quickFailed: true };
        if (failure.kind === 'gap' && failure.expectedMutationId > first.mutationId && gapsFilled < 3) {
          // The server has processed ids this console still thinks pending (an answer that was
          // lost): a pull brings their results, then pushing goes on from the expected id.
          gapsFilled += 1;
          const pulled = await this.pullAll(transport, clientId, await readPullStart());
          if (!pulled.ok) return { ...pulled, quickFailed: false };
          batch = await readPushBatch(limit);
          continue;
        }
        if (failure.kind === 'gap') {
          this.pushBlocked = `The team server expects change ${failure.expectedMutationId} from this console, which it no longer holds; export a backup and ask your lead.`;
          this.status({ pushBlocked: this.pushBlocked });
          return done(null);
        }
        if (failure.kind === 'update-required') {
          this.pushBlocked = `Update the console: ${failure.message} Your changes stay queued until then.`;
          this.status({ pushBlocked: this.pushBlocked });
          return done(null);
        }
        return { ok: false, failure, quickFailed: false };
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
        const queue = await readQueue(limit);
        traceStep('push-read', readStarted, { mutations: queue.batch.length });
        batch = queue.batch;
        resultsAfter = queue.resultsAfter;
      }
    }
  }

  private async pullAll(
    transport: SyncTransport,
    clientId: string,
    from: { cursor: number; resultsAfter: number },
  ): Promise<{ ok: true; rows: number; rebaseQueued: boolean } | { ok: false; failure: EngineFailure }> {
    const started = performance.now();
    const startCursor = from.cursor;
    let resultsAfter = from.resultsAfter;
    const limit = this.options.pullLimit ?? DEFAULT_PULL_LIMIT;
    const firstSync = startCursor === 0;
    let rows = 0;
    let rebaseQueued = false;
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
      if (this.stopped) {
        if (firstSync) await bumpRevisionsAfterFirstSync(touched);
        return this.stoppedOutcome();
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
      traceStep('pull-apply', applyStarted, { rows: applied.rows, engine: this.id });
      rows += applied.rows;
      rebaseQueued ||= applied.rebaseQueued;
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
        return { ok: true, rows, rebaseQueued };
      }
    }
  }
}
