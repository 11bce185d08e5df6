// The outbox as the console shows it: what I changed that the team has not confirmed yet.
import { db, type OutboxEntry } from './schema';

export type OutboxCounts = { pending: number; rejected: number; atRisk: number };

export async function readOutboxCounts(): Promise<OutboxCounts> {
  const [pending, rejected, atRisk] = await Promise.all([
    db.outbox.where('status').equals('pending').count(),
    db.outbox.where('status').equals('rejected').count(),
    db.outbox
      .where('status')
      .equals('pending')
      .filter((entry) => Boolean(entry.atRisk))
      .count(),
  ]);
  return { pending, rejected, atRisk };
}

/** The latest entries, newest first. */
export async function readRecentOutbox(limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').reverse().limit(limit).toArray();
}

const queuedListeners = new Set<(queued: readonly OutboxEntry[]) => void>();

/**
 * Calls back after each committed local change with the entries it queued (the sync engine pushes
 * at once, with them when they are the whole queue).
 */
export function onOutboxQueued(listener: (queued: readonly OutboxEntry[]) => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

export function notifyOutboxQueued(queued: readonly OutboxEntry[]): void {
  for (const listener of queuedListeners) listener(queued);
}
