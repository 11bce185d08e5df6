// Which team this console's sync state belongs to. The client id, the mutation ids, the pull
// cursor and the book are one team's: after the server address or token is switched to another
// team they must not be reused there (the server refuses another user's client id, a cursor from
// one team skips another's rows, and one team's customers do not belong in another's view).
import { bumpRevisions, customerRecordTables } from './books';
import { db, type SyncIdentity } from './schema';
import { ensureClientId } from './settings';

export type TeamBinding =
  | { bound: true; startedAfresh: boolean }
  /** Changes made for `identity` still wait: the console must not sync with another team. */
  | { bound: false; pending: number; identity: SyncIdentity };

/**
 * The same team and user: the same sync state, whatever address the server is reached at (a
 * server moved to a new address must still receive the changes that wait for it).
 */
function sameTeam(a: SyncIdentity, b: SyncIdentity): boolean {
  return a.teamId === b.teamId && a.userId === b.userId;
}

/**
 * Binds this console to the team and user the server says the token belongs to (the address may
 * change: the same team at a new address is the same team). The first team it meets is kept (also by a console that synced before identities were kept). Another team: with nothing
 * pending, the console starts afresh for it in one transaction (the old team's book and outbox go,
 * a new client id, mutation ids from 1, cursor 0; settings and token stay); with changes pending,
 * nothing changes and the caller stops syncing.
 */
export async function bindToTeam(identity: SyncIdentity): Promise<TeamBinding> {
  const tables = [
    db.customers,
    db.planTemplates,
    ...customerRecordTables.map((table) => db[table]),
    db.customerRevisions,
    db.outbox,
    db.shadows,
    db.meta,
  ];
  return db.transaction('rw', tables, async (): Promise<TeamBinding> => {
    const stored = await db.meta.get('syncIdentity');
    if (stored?.key === 'syncIdentity' && sameTeam(stored.value, identity)) {
      if (stored.value.serverUrl !== identity.serverUrl)
        await db.meta.put({ key: 'syncIdentity', value: identity });
      return { bound: true, startedAfresh: false };
    }
    if (stored?.key !== 'syncIdentity') {
      await db.meta.put({ key: 'syncIdentity', value: identity });
      return { bound: true, startedAfresh: false };
    }
    const pending = await db.outbox.where('status').equals('pending').count();
    if (pending > 0) return { bound: false, pending, identity: stored.value };
    const customerIds = (await db.customers.toCollection().primaryKeys()) as string[];
    for (const table of [db.customers, db.planTemplates, ...customerRecordTables.map((name) => db[name])])
      await table.clear();
    await Promise.all([db.outbox.clear(), db.shadows.clear()]);
    await db.meta.bulkDelete([
      'clientId',
      'lastMutationId',
      'syncCursor',
      'rebaseScopes',
      'mergeChecks',
      'mergeNotices',
      'todaySnapshot',
      'gridSnapshot',
      'teamMembers',
    ]);
    // The views re-read every customer that was here, and find it gone.
    await bumpRevisions(customerIds);
    await ensureClientId();
    await db.meta.put({ key: 'syncIdentity', value: identity });
    return { bound: true, startedAfresh: true };
  });
}
