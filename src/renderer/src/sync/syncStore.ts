// What the header and the views know about sync, in one zustand store: reachable or not, whether
// a cycle runs, the last sync, the last error in words, first-sync progress.
// The tab that leads sync writes it; other tabs receive it over a BroadcastChannel (syncEngine.ts).
import { create } from 'zustand';
import type { Instant } from '../../../core/time';

export type SyncPhase =
  /** No team server set: everything stays in this console. */
  | 'local-only'
  /** A server is set but this console has no token for it. */
  | 'no-token'
  | 'connecting'
  | 'online'
  | 'offline'
  /** The server refused the token, or this console must be updated: sync waits for the user. */
  | 'stopped';

export type FirstSyncProgress = { done: number; total: number };

export type SyncState = {
  phase: SyncPhase;
  syncing: boolean;
  lastSyncAt: Instant | null;
  /** The last failure in words, cleared by the next good cycle. */
  lastError: string | null;
  /** Why the server cannot be reached, for the Offline badge's tooltip. */
  offlineReason: string | null;
  /** Set while pushing is blocked (update required, a gap the console cannot fill). */
  pushBlocked: string | null;
  /** Rows written of the team's rows, while the first sync runs; null otherwise. */
  firstSync: FirstSyncProgress | null;
  /** When the next retry is due after a failure. */
  retryAt: Instant | null;
  /** This tab leads sync (Web Locks); the others follow. */
  leader: boolean;
};

export const initialSyncState: SyncState = {
  phase: 'local-only',
  syncing: false,
  lastSyncAt: null,
  lastError: null,
  offlineReason: null,
  pushBlocked: null,
  firstSync: null,
  retryAt: null,
  leader: false,
};

export const useSyncStore = create<SyncState>(() => initialSyncState);

export function patchSyncState(patch: Partial<SyncState>): void {
  useSyncStore.setState(patch);
}
