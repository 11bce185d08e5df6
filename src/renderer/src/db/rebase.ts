// The rebase: for each customer whose confirmed rows or pending outcomes changed, restore the
// confirmed rows from the shadows, then replay the mutations still pending with the core's own
// code, recording fresh shadows. The view is thus always server-confirmed rows + pending changes.
// A replay the local rules now refuse stays pending (the server decides) and is marked at risk.
import { runMutation, type MutationContext } from '../../../core/mutations';
import type { CustomerBook, RecordOf, TableName } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { bookTables, bumpRevisions, readCustomerBook, readTeamPlanTemplates, writeChanges } from './books';
import { db, type OutboxEntry } from './schema';
import { readMergeChecks, readRebaseScopes, syncTables } from './serverChanges';
import { readSettings } from './settings';
import { recordShadows, TEAM_SCOPE } from './shadows';

/** A plain edit of mine whose field kept someone else's later value. */
export type MergeNotice = {
  mutationId: number;
  customerId: string | null;
  /** What was edited, in words: "ACME", "contact Ana Lima". */
  what: string;
  field: string;
  yourValue: unknown;
  keptValue: unknown;
  by: string;
  at: Instant;
};

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
    if (settings) outcome.notices = await mergeNotices(checks, settings.userId);
    await db.meta.put({ key: 'rebaseScopes', value: [] });
    await db.meta.put({ key: 'mergeChecks', value: [] });
    return outcome;
  });
}

type EditTarget = { table: 'customers' | 'contracts' | 'contacts' | 'projects' | 'trainingDays'; id: string };

const tableOfEdit: Record<string, EditTarget['table']> = {
  updateCustomer: 'customers',
  updateContract: 'contracts',
  updateContact: 'contacts',
  updateProject: 'projects',
  updateTraining: 'trainingDays',
};

/** The record a plain edit changed and the fields it set, from its arguments. */
async function editOf(
  entry: OutboxEntry,
): Promise<{ target: EditTarget; patch: Record<string, unknown> } | null> {
  const table = tableOfEdit[entry.name];
  const args = entry.args as Record<string, unknown> | null;
  if (!table || !args) return null;
  if (table === 'customers') {
    return { target: { table, id: String(args.id) }, patch: (args.patch ?? {}) as Record<string, unknown> };
  }
  if (table === 'contracts') {
    const contract = await db.contracts.where('customerId').equals(String(args.customerId)).first();
    if (!contract) return null;
    return { target: { table, id: contract.id }, patch: (args.patch ?? {}) as Record<string, unknown> };
  }
  if (table === 'trainingDays') {
    const { customerId: _customer, id, ...fields } = args;
    return { target: { table, id: String(id) }, patch: fields };
  }
  return { target: { table, id: String(args.id) }, patch: (args.patch ?? {}) as Record<string, unknown> };
}

/** For my plain edits the server just applied: each field whose stamp is someone else's later one. */
async function mergeNotices(mutationIds: readonly number[], me: string): Promise<MergeNotice[]> {
  if (mutationIds.length === 0) return [];
  const entries = await db.outbox
    .where('mutationId')
    .anyOf([...mutationIds])
    .toArray();
  const notices: MergeNotice[] = [];
  for (const entry of entries) {
    const edit = await editOf(entry);
    if (!edit) continue;
    const record = (await db.table(edit.target.table).get(edit.target.id)) as
      (Record<string, unknown> & { fieldTimes?: Record<string, { at: string; by: string }> }) | undefined;
    if (!record) continue;
    const customer = entry.customerId ? await db.customers.get(entry.customerId) : undefined;
    const what =
      edit.target.table === 'customers'
        ? String(record.name)
        : `${edit.target.table === 'trainingDays' ? 'training' : edit.target.table.slice(0, -1)} ${String(record.name ?? record.topic ?? record.id)} of ${customer?.name ?? entry.customerId}`;
    for (const [field, yourValue] of Object.entries(edit.patch)) {
      if (yourValue === undefined) continue;
      const stamp = record.fieldTimes?.[field];
      if (!stamp || stamp.by === me || stamp.at < entry.clientTime) continue;
      notices.push({
        mutationId: entry.mutationId,
        customerId: entry.customerId,
        what,
        field,
        yourValue,
        keptValue: record[field],
        by: stamp.by,
        at: stamp.at,
      });
    }
  }
  return notices;
}
