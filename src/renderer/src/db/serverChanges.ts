// What the team server says, written to Dexie: pulled rows as confirmed state (straight into the
// view, or under a shadow when a pending change covers the row), the server's verdict on each
// pushed mutation, and the pull cursor — each page in one transaction with its cursor, so a reload
// mid-sync resumes where it stopped and loses nothing.
import { mutationNames } from '../../../core/mutations';
import type { RecordOf, TableName } from '../../../core/records';
import type { MutationResult, PullResponse } from '../../../core/syncProtocol';
import { bumpRevisions, customerRecordTables } from './books';
import { keepMergeNotices, overwrittenByPull } from './mergeNotices';
import { db, type OutboxEntry } from './schema';
import { readClientId } from './settings';
import { scopeOfRow, TEAM_SCOPE } from './shadows';

/** Plain edits merged per field: after the server applied one, the console checks what it kept. */
export const plainEditNames: ReadonlySet<string> = new Set(
  ['updateCustomer', 'updateContract', 'updateContact', 'updateProject', 'updateTraining'].filter((name) =>
    mutationNames.includes(name),
  ),
);

/** Every table a pulled page may write. */
export function syncTables() {
  return [
    db.customers,
    db.planTemplates,
    ...customerRecordTables.map((table) => db[table]),
    db.customerRevisions,
    db.meta,
    db.outbox,
    db.shadows,
  ];
}

export async function readCursor(): Promise<number> {
  const entry = await db.meta.get('syncCursor');
  return entry?.key === 'syncCursor' ? entry.value : 0;
}

async function readList(key: 'rebaseScopes' | 'mergeChecks'): Promise<(string | number)[]> {
  const entry = await db.meta.get(key);
  return entry && entry.key === key ? entry.value : [];
}

/** Adds scopes to the persisted rebase list. Inside a read-write transaction over meta. */
async function addRebaseScopes(scopes: Iterable<string>): Promise<void> {
  const next = new Set([...((await readList('rebaseScopes')) as string[]), ...scopes]);
  await db.meta.put({ key: 'rebaseScopes', value: [...next] });
}

export async function readRebaseScopes(): Promise<string[]> {
  return (await readList('rebaseScopes')) as string[];
}

export async function readMergeChecks(): Promise<number[]> {
  return (await readList('mergeChecks')) as number[];
}

function scopeOfEntry(entry: OutboxEntry): string {
  return entry.customerId ?? TEAM_SCOPE;
}

/**
 * Records the server's verdict on mutations still pending here: applied, or rejected with the
 * rule and its numbers (never dropped: rejected entries wait in Needs attention). Their customers
 * are queued for rebase. Inside a read-write transaction over outbox and meta.
 */
export async function recordResults(results: readonly MutationResult[]): Promise<OutboxEntry[]> {
  if (results.length === 0) return [];
  const entries = await db.outbox
    .where('mutationId')
    .anyOf(results.map((result) => result.mutationId))
    .toArray();
  const byId = new Map(entries.map((entry) => [entry.mutationId, entry]));
  const settled: OutboxEntry[] = [];
  const checks: number[] = [];
  const settledAt = new Date().toISOString();
  for (const result of results) {
    const entry = byId.get(result.mutationId);
    if (!entry || entry.status !== 'pending') continue;
    const next: OutboxEntry =
      result.status === 'applied'
        ? { ...entry, status: 'applied', rejection: null, atRisk: null, settledAt }
        : { ...entry, status: 'rejected', rejection: result.rejection, atRisk: null, settledAt };
    settled.push(next);
    if (result.status === 'applied' && plainEditNames.has(entry.name)) checks.push(entry.mutationId);
  }
  if (settled.length === 0) return [];
  await db.outbox.bulkPut(settled);
  await addRebaseScopes(settled.map(scopeOfEntry));
  if (checks.length > 0) {
    await db.meta.put({ key: 'mergeChecks', value: [...(await readMergeChecks()), ...checks] });
  }
  return settled;
}

/** A push's verdicts, in one transaction. */
export async function recordPushResults(results: readonly MutationResult[]): Promise<OutboxEntry[]> {
  return db.transaction('rw', [db.outbox, db.meta], async () => recordResults(results));
}

/** Pending entries (in mutation-id order) as a push: consecutive ids only (the protocol's rule), at most `limit`. */
function batchOf(pending: readonly OutboxEntry[], limit: number): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  for (const entry of pending) {
    const previous = batch[batch.length - 1];
    if (batch.length >= limit || (previous && entry.mutationId !== previous.mutationId + 1)) break;
    batch.push(entry);
  }
  return batch;
}

/** The next push: pending entries in mutation-id order, consecutive, at most `limit`. */
export async function readPushBatch(limit: number): Promise<OutboxEntry[]> {
  return batchOf(await db.outbox.where('status').equals('pending').sortBy('mutationId'), limit);
}

/** The next push and the pull's resultsAfter (see readResultsAfter), from one read of the queue. */
export async function readQueue(limit: number): Promise<{ batch: OutboxEntry[]; resultsAfter: number }> {
  return db.transaction('r', db.outbox, async () => {
    const [pending, last] = await Promise.all([
      db.outbox.where('status').equals('pending').sortBy('mutationId'),
      db.outbox.orderBy('mutationId').last(),
    ]);
    return queueOf(pending, last, limit);
  });
}

function queueOf(
  pending: readonly OutboxEntry[],
  last: OutboxEntry | undefined,
  limit: number,
): { batch: OutboxEntry[]; resultsAfter: number } {
  const first = pending[0];
  return {
    batch: batchOf(pending, limit),
    resultsAfter: first ? first.mutationId - 1 : (last?.mutationId ?? 0),
  };
}

/** What a sync cycle starts from, read in one round (one transaction, its reads issued together). */
export type CycleStart = {
  clientId: string | null;
  /** The first push (see readPushBatch). */
  batch: OutboxEntry[];
  cursor: number;
  /** See readResultsAfter. */
  resultsAfter: number;
  /** A rebase or merge check is queued from before (a reload mid-cycle). */
  rebaseQueued: boolean;
};

export async function readCycleStart(limit: number): Promise<CycleStart> {
  return db.transaction('r', [db.meta, db.outbox], async () => {
    const [clientId, pending, last, cursor, scopes, checks] = await Promise.all([
      readClientId(),
      db.outbox.where('status').equals('pending').sortBy('mutationId'),
      db.outbox.orderBy('mutationId').last(),
      readCursor(),
      readRebaseScopes(),
      readMergeChecks(),
    ]);
    return {
      clientId,
      ...queueOf(pending, last, limit),
      cursor,
      rebaseQueued: scopes.length > 0 || checks.length > 0,
    };
  });
}

/** Where a pull starts (cursor and resultsAfter), in one round. */
export async function readPullStart(): Promise<{ cursor: number; resultsAfter: number }> {
  return db.transaction('r', [db.meta, db.outbox], async () => {
    const [cursor, resultsAfter] = await Promise.all([readCursor(), readResultsAfter()]);
    return { cursor, resultsAfter };
  });
}

/**
 * The push after a batch that ended at `afterId`: the pending entries from `afterId + 1` on,
 * consecutive, at most `limit`. Reads only that id range, not the whole queue.
 */
export async function readPushBatchAfter(afterId: number, limit: number): Promise<OutboxEntry[]> {
  const following = await db.outbox
    .where('mutationId')
    .between(afterId + 1, afterId + limit, true, true)
    .toArray();
  const byId = new Map(following.map((entry) => [entry.mutationId, entry]));
  const batch: OutboxEntry[] = [];
  for (let id = afterId + 1; id <= afterId + limit; id += 1) {
    const entry = byId.get(id);
    if (!entry || entry.status !== 'pending') break;
    batch.push(entry);
  }
  return batch;
}

export type AppliedPage = {
  rows: number;
  settled: OutboxEntry[];
  /** The page queued customers for rebase (rows under a shadow, or settled entries). */
  rebaseQueued: boolean;
  /** Customers whose rows this page wrote straight into the view. */
  touched: Set<string>;
};

/**
 * Writes one pulled page: rows under a shadow update the shadow (the view keeps showing the pending
 * change until the rebase), every other row goes straight to its table with one bulkPut and one
 * bulkDelete per table; customers touched get a new revision; the results settle outbox entries;
 * the cursor moves in the same transaction.
 */
export async function applyPulledPage(
  page: PullResponse,
  options: { deferRevisions?: boolean } = {},
): Promise<AppliedPage> {
  return db.transaction('rw', syncTables(), async () => {
    const scopesWithShadows = new Set((await db.shadows.orderBy('scope').uniqueKeys()) as string[]);
    const rebase = new Set<string>();
    const puts = new Map<TableName, RecordOf<TableName>[]>();
    const deletes = new Map<TableName, string[]>();
    const touched = new Set<string>();
    const shadows =
      scopesWithShadows.size > 0
        ? await db.shadows.bulkGet(page.changes.map((change) => [change.table, change.id]))
        : [];
    // Rows under a shadow are rebased with my pending edit; the rebase checks those. A first sync
    // has no confirmed edit of mine to overwrite.
    if (!options.deferRevisions)
      await keepMergeNotices(await overwrittenByPull(page.changes.filter((_, index) => !shadows[index])));
    for (const [index, change] of page.changes.entries()) {
      const scope = scopeOfRow(change.table, change.id, change.customerId);
      // The server's rows are written by the same core code under zod; they are stored as sent.
      const record = change.deleted ? null : (change.record as RecordOf<TableName>);
      const shadow = shadows[index];
      if (shadow) {
        await db.shadows.put({ ...shadow, record });
        rebase.add(scope);
        continue;
      }
      if (scopesWithShadows.has(scope)) rebase.add(scope);
      if (record) {
        const list = puts.get(change.table) ?? [];
        list.push(record);
        puts.set(change.table, list);
      } else {
        const list = deletes.get(change.table) ?? [];
        list.push(change.id);
        deletes.set(change.table, list);
      }
      if (scope !== TEAM_SCOPE) touched.add(scope);
    }
    // Issued together: IndexedDB queues them in order within the transaction, and the page does
    // not wait for one table's answer before sending the next.
    await Promise.all([
      ...[...puts].map(([table, records]) => db.table(table).bulkPut(records)),
      ...[...deletes].map(([table, ids]) => db.table(table).bulkDelete(ids)),
    ]);
    // A first sync bumps revisions once at the end (bumpRevisionsAfterFirstSync): each bump makes
    // the team's books in memory re-read, which would cost more than the sync itself.
    if (!options.deferRevisions) await bumpRevisions(touched);
    const settled = await recordResults(page.results);
    if (!page.hasMore) {
      // Anything the server has processed but whose result this console never saw counts as applied.
      const unanswered = await db.outbox
        .where('status')
        .equals('pending')
        .filter((entry) => entry.mutationId <= page.lastMutationId)
        .toArray();
      settled.push(
        ...(await recordResults(
          unanswered.map((entry) => ({
            mutationId: entry.mutationId,
            name: entry.name,
            status: 'applied' as const,
            summary: entry.summary,
          })),
        )),
      );
    }
    if (rebase.size > 0) await addRebaseScopes(rebase);
    await db.meta.put({ key: 'syncCursor', value: page.cursor });
    return {
      rows: page.changes.length,
      settled,
      rebaseQueued: rebase.size > 0 || settled.length > 0,
      touched,
    };
  });
}

/** After a first sync: one revision bump for every customer it wrote, so the views read once. */
export async function bumpRevisionsAfterFirstSync(customerIds: Iterable<string>): Promise<void> {
  await db.transaction('rw', [db.customerRevisions, db.meta], async () => bumpRevisions(customerIds));
}

/** The highest mutation id whose result this console has recorded, for the pull's `resultsAfter`. */
export async function readResultsAfter(): Promise<number> {
  const firstPending = await db.outbox.where('status').equals('pending').sortBy('mutationId');
  const first = firstPending[0];
  if (first) return first.mutationId - 1;
  const last = await db.outbox.orderBy('mutationId').last();
  return last?.mutationId ?? 0;
}
