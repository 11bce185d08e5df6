// The outbox as the console shows it: what I changed that the team has not confirmed yet.
import { db, type OutboxEntry } from './schema';

export type OutboxCounts = { pending: number; rejected: number };

export async function readOutboxCounts(): Promise<OutboxCounts> {
  const [pending, rejected] = await Promise.all([
    db.outbox.where('status').equals('pending').count(),
    db.outbox.where('status').equals('rejected').count(),
  ]);
  return { pending, rejected };
}

/** The latest entries, newest first. */
export async function readRecentOutbox(limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').reverse().limit(limit).toArray();
}
