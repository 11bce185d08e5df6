// The rebase: for each customer whose confirmed rows or pending outcomes changed, restore the
// confirmed rows from the shadows, then replay the mutations still pending with the core's own
// code, recording fresh shadows. The view is thus always server-confirmed rows + pending changes.
// A replay the local rules now refuse stays pending (the server decides) and is marked at risk.
import { runMutation, type MutationContext } from '../../../core/mutations';
import type { CustomerBook, RecordOf, TableName } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { bookTables, bumpRevisions, readCustomerBook, readTeamPlanTemplates, writeChanges } from './books';
import { db, type OutboxEntry } from './schema';
import { keepMergeNotices, keptByOthers, type MergeNotice } from './mergeNotices';
import { readMergeChecks, readRebaseScopes, syncTables } from './serverChanges';
import { readSettings } from './settings';
import { recordShadows, TEAM_SCOPE } from './shadows';

export type { MergeNotice } from './mergeNotices';

export type RebaseOutcome = {
  scopes: number;
  replayed: number;
  /** Pending mutations the local rules now refuse (kept pending, shown as at risk). */
  atRisk: number;
  notices: MergeNotice[];
};

/** Rebases the queued scopes. `now` is this machine's clock (the replay's `now`). */
export async function rebasePending(now: Instant): Promise<RebaseOutcome> {
  // Most cycles have nothing to rebase: say so without a read-write transaction over every table,
  // which would hold up the views' reads. Scopes are only queued by the engine's own cycle.
  const [queuedScopes, queuedChecks] = await Promise.all([readRebaseScopes(), readMergeChecks()]);
  if (queuedScopes.length === 0 && queuedChecks.length === 0) {
    return { scopes: 0, replayed: 0, atRisk: 0, notices: [] };
  }
  return db.transaction('rw', [...syncTables(), ...bookTables()], async () => {
    const scopes = await readRebaseScopes();
    const checks = await readMergeChecks();
    const outcome: RebaseOutcome = { scopes: scopes.length, replayed: 0, atRisk: 0, notices: [] };
    if (scopes.length === 0 && checks.length === 0) return outcome;
    const settings = await readSettings();
    const pending = await db.outbox.where('status').equals('pending').sortBy('mutationId');
    const byScope = new Map<string, OutboxEntry[]>();
    for (const entry of pending) {
      const scope = entry.customerId ?? TEAM_SCOPE;
      byScope.set(scope, [...(byScope.get(scope) ?? []), entry]);
    }
    // Templates first: customers' replays read them.
    const ordered = [...scopes].sort((a, b) => Number(b === TEAM_SCOPE) - Number(a === TEAM_SCOPE));
    const touched = new Set<string>();
    for (const scope of ordered) {
      const shadows = await db.shadows.where('scope').equals(scope).toArray();
      for (const shadow of shadows) {
        const table = db.table<RecordOf<TableName>, string>(shadow.table);
        if (shadow.record) await table.put(shadow.record);
        else await table.delete(shadow.id);
      }
      await db.shadows.where('scope').equals(scope).delete();
      if (scope !== TEAM_SCOPE) touched.add(scope);
      if (!settings) continue;
      for (const entry of byScope.get(scope) ?? []) {
        const context: MutationContext = {
          now,
          clientTime: entry.clientTime,
          actor: { userId: settings.userId, role: settings.role },
          templates: await readTeamPlanTemplates(),
        };
        const book: CustomerBook | null = scope === TEAM_SCOPE ? null : await readCustomerBook(scope);
        const replay = runMutation(entry, () => book, context);
        outcome.replayed += 1;
        if (!replay.ok) {
          outcome.atRisk += 1;
          await db.outbox.update(entry.seq as number, { atRisk: replay.rejection });
          continue;
        }
        await recordShadows(replay.changes);
        await writeChanges(replay.changes);
        if (entry.atRisk) await db.outbox.update(entry.seq as number, { atRisk: null });
      }
    }
    await bumpRevisions(touched);
    if (settings) outcome.notices = await keptByOthers(checks, settings.userId);
    await keepMergeNotices(outcome.notices);
    await db.meta.put({ key: 'rebaseScopes', value: [] });
    await db.meta.put({ key: 'mergeChecks', value: [] });
    return outcome;
  });
}
