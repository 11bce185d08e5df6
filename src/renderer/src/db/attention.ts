// Needs attention and Activity, read from the outbox: the changes the team server refused, and
// everything I changed. Resolving a refused change is the one write here: it marks the outbox
// entry, whose local effect the sync client's rebase has already taken back.
import type { ExceptionRequest } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { db, type OutboxEntry } from './schema';

export type Resolution = NonNullable<OutboxEntry['resolution']>;

/** Refused changes waiting for me, newest first. */
export async function readRejectedEntries(): Promise<OutboxEntry[]> {
  const rejected = await db.outbox.where('status').equals('rejected').toArray();
  return rejected.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
}

export async function countRejectedEntries(): Promise<number> {
  return db.outbox.where('status').equals('rejected').count();
}

/** Every change I made, newest first; `onlyPending`: those the team has not confirmed yet. */
export async function readActivity(onlyPending: boolean): Promise<OutboxEntry[]> {
  if (onlyPending) {
    const pending = await db.outbox.where('status').equals('pending').toArray();
    return pending.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
  }
  return db.outbox.orderBy('seq').reverse().toArray();
}

/** Customer names by id, for lists of changes; a customer no longer here is left out. */
export async function readCustomerNames(customerIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds)];
  const customers = await db.customers.bulkGet(ids);
  const names = new Map<string, string>();
  for (const customer of customers) if (customer) names.set(customer.id, customer.name);
  return names;
}

/**
 * Marks a refused change as dealt with. Only a `rejected` entry can be resolved, once: false when
 * it was not (already resolved elsewhere, or never refused), so two windows never both act on it.
 */
export async function resolveRejectedEntry(mutationId: number, resolution: Resolution): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.where('mutationId').equals(mutationId).first();
    if (!entry || entry.status !== 'rejected' || entry.seq === undefined) return false;
    await db.outbox.update(entry.seq, { status: 'resolved', resolution });
    return true;
  });
}

/**
 * Exception requests for the inbox: for a lead every open one (to decide), for everyone their own
 * not yet seen through (open, or decided in the last 14 days), newest first.
 */
export async function readExceptionRequests(
  userId: string,
  isLead: boolean,
  now: Instant,
): Promise<ExceptionRequest[]> {
  const since = new Date(Date.parse(now) - 14 * 24 * 60 * 60 * 1000).toISOString();
  const all = await db.exceptionRequests.toArray();
  return all
    .filter(
      (request) =>
        (isLead && request.status === 'open') ||
        (request.requestedBy === userId && (request.status === 'open' || (request.decidedAt ?? '') >= since)),
    )
    .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1));
}

/** How many exception requests wait for a lead's decision. */
export async function countOpenExceptionRequests(): Promise<number> {
  return db.exceptionRequests.where('status').equals('open').count();
}
