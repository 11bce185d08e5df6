// The sync engine in a running console: one tab leads (Web Locks) and runs cycles at start, on
// reconnect, every 30 s, soon after each local change, on each poke of the server's event stream
// and when the page is hidden; failures back off with jitter. Other tabs follow: the leader's
// status reaches them over a BroadcastChannel, their local changes reach the leader the same way,
// and their views re-read Dexie, which the leader writes.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { onOutboxQueued } from '../db/outbox';
import type { MergeNotice } from '../db/rebase';
import { backoffDelay, SyncEngine, type CycleOutcome } from './syncEngine';
import { readSyncConnection } from './syncConnection';
import { patchSyncState, useSyncStore, type SyncState } from './syncStore';
import { displayLocale } from '../time/zonedFormat';

const LOCK_NAME = 'tam-console-sync';
const CHANNEL_NAME = 'tam-console-sync';
const INTERVAL_MS = 30_000;

type ChannelMessage = { type: 'status'; patch: Partial<SyncState> } | { type: 'kick' };

type Runtime = { stop(): void; kick(): void };

let current: Runtime | null = null;

/** Asks for a sync now (after saving a token, from a "Sync now" button). */
export function kickSync(): void {
  current?.kick();
}

function describeNotice(notice: MergeNotice): string {
  const at = new Date(notice.at).toLocaleTimeString(displayLocale(), { hour: '2-digit', minute: '2-digit' });
  return i18next.t('sync.notice', {
    field: notice.field,
    what: notice.what,
    by: notice.by,
    time: at,
    value: JSON.stringify(notice.yourValue),
  });
}

/** Starts sync in this tab (leading or following); stops the previous runtime first. */
export function startSync(): () => void {
  current?.stop();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let retryAt = 0;
  let leader = false;
  let events: EventSource | null = null;
  let eventsRetry: ReturnType<typeof setTimeout> | null = null;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  const cleanups: (() => void)[] = [];
  let releaseLock: (() => void) | null = null;

  const publish = (patch: Partial<SyncState>) => {
    // A cycle of a stopped runtime may still finish; its news is no longer this tab's.
    if (stopped) return;
    patchSyncState(patch);
    if (leader) channel?.postMessage({ type: 'status', patch } satisfies ChannelMessage);
  };

  const engine = new SyncEngine({ connection: readSyncConnection, status: publish });

  function schedule(delayMs: number): void {
    if (stopped || !leader) return;
    if (timer) clearTimeout(timer);
    timer = null;
    if (delayMs === 0) {
      // Now, not after whatever the page renders next: the write is on the wire while the view
      // redraws. A cycle already running takes it in the one it runs right after (syncOnce).
      void runCycle();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      void runCycle();
    }, delayMs);
  }

  async function runCycle(): Promise<void> {
    if (stopped || !leader) return;
    const outcome: CycleOutcome = await engine.syncOnce();
    if (stopped) return;
    if (outcome.ok) {
      attempt = 0;
      retryAt = 0;
      publish({ retryAt: null });
      if (outcome.notices.length > 0) {
        publish({ notices: [...useSyncStore.getState().notices, ...outcome.notices] });
        for (const notice of outcome.notices) {
          notifications.show({
            title: i18next.t('sync.changedElsewhere'),
            message: describeNotice(notice),
            color: 'yellow',
          });
        }
      }
      ensureEvents();
      return;
    }
    const failure = outcome.failure;
    if (failure.kind === 'no-connection') {
      closeEvents();
      return;
    }
    if (failure.kind === 'unauthorized' || failure.kind === 'cursor-ahead') {
      publish({ phase: 'stopped', lastError: failure.message });
      closeEvents();
      return;
    }
    attempt += 1;
    const delay = backoffDelay(
      attempt,
      Math.random,
      failure.kind === 'transient' ? failure.retryAfterMs : null,
    );
    retryAt = Date.now() + delay;
    // Being offline is expected, not an error: the badge says it and its tooltip says why.
    publish({
      phase: failure.kind === 'offline' ? 'offline' : 'online',
      lastError: failure.kind === 'offline' ? null : failure.message,
      offlineReason: failure.kind === 'offline' ? failure.message : null,
      retryAt: new Date(retryAt).toISOString(),
    });
    schedule(delay);
  }

  /** A reason to sync: at once unless a failure's backoff is still running. */
  function kick(urgent = false): void {
    if (stopped) return;
    if (!leader) {
      channel?.postMessage({ type: 'kick' } satisfies ChannelMessage);
      return;
    }
    if (urgent) {
      attempt = 0;
      retryAt = 0;
    }
    if (Date.now() < retryAt) return;
    schedule(0);
  }

  function closeEvents(): void {
    events?.close();
    events = null;
    if (eventsRetry) clearTimeout(eventsRetry);
    eventsRetry = null;
  }

  /** The server's poke stream, while online: each poke pulls at once. */
  function ensureEvents(): void {
    if (events || stopped || !leader || typeof EventSource !== 'function') return;
    void readSyncConnection().then((connection) => {
      if (events || stopped || !leader || 'missing' in connection) return;
      const url = `${connection.serverUrl.replace(/\/+$/, '')}/poke?access_token=${encodeURIComponent(connection.token)}`;
      const source = new EventSource(url);
      events = source;
      source.addEventListener('poke', () => kick(true));
      source.addEventListener('ready', () => kick(true));
      source.onerror = () => {
        // EventSource retries by itself unless the server refused the stream; then try again later.
        if (source.readyState !== EventSource.CLOSED) return;
        if (events === source) events = null;
        eventsRetry = setTimeout(ensureEvents, backoffDelay(Math.max(1, attempt + 1), Math.random));
      };
    });
  }

  function lead(): void {
    leader = true;
    publish({ leader: true, phase: 'connecting' });
    const onOnline = () => {
      publish({ phase: 'connecting' });
      kick(true);
    };
    const onOffline = () => {
      closeEvents();
      publish({ phase: 'offline' });
    };
    // Best effort before the page goes away: a push that starts now usually completes.
    const onHidden = () => {
      if (document.visibilityState === 'hidden') kick(true);
    };
    const onPageHide = () => kick(true);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    const interval = setInterval(() => kick(), INTERVAL_MS);
    cleanups.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      clearInterval(interval);
    });
    kick(true);
  }

  if (channel) {
    channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      const message = event.data;
      if (message.type === 'status' && !leader) patchSyncState(message.patch);
      if (message.type === 'kick' && leader) kick();
    };
  }
  cleanups.push(onOutboxQueued(() => kick()));

  // Once per profile: ask the browser not to evict this origin's data under storage pressure.
  void navigator.storage?.persisted?.().then((persisted) => {
    if (!persisted) void navigator.storage.persist?.();
  });

  if (navigator.locks) {
    void navigator.locks.request(
      LOCK_NAME,
      () =>
        new Promise<void>((release) => {
          if (stopped) return release();
          releaseLock = release;
          lead();
        }),
    );
  } else {
    lead();
  }

  const runtime: Runtime = {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      closeEvents();
      for (const cleanup of cleanups) cleanup();
      channel?.close();
      releaseLock?.();
      if (current === runtime) current = null;
    },
    kick: () => kick(true),
  };
  current = runtime;
  return runtime.stop;
}
