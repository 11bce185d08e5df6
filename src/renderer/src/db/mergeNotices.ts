// Merge notices: a plain edit of mine whose field ended with someone else's value, because the
// per-field merge gave that field to the later client time (core/fieldMerge.ts). The console finds
// them both ways a conflict can arrive, and keeps them in Dexie until the TAM closes them:
// - my edit reached the team after theirs: the server kept their value (checked after the rebase);
// - my edit reached the team first, and theirs, made before mine was confirmed and stamped later,
//   overwrites it when it is pulled. A later edit by someone who could have seen my value is no
//   conflict and gets no notice.
import { editWins, type FieldStamp } from '../../../core/fieldMerge';
import type { Instant } from '../../../core/time';
import { db, type OutboxEntry } from './schema';

/** A plain edit of mine whose field kept someone else's value. */
export type MergeNotice = {
  mutationId: number;
  customerId: string | null;
  /** What was edited, as data (the notice words it in the reader's language). */
  subject: MergeSubject;
  field: string;
  yourValue: unknown;
  keptValue: unknown;
  by: string;
  at: Instant;
};

type EditTable = 'customers' | 'contracts' | 'contacts' | 'projects' | 'trainingDays';

/** The record an edit changed: its kind, its name and its customer's (null for a customer itself). */
export type MergeSubject = {
  kind: 'customer' | 'contract' | 'contact' | 'project' | 'training';
  name: string;
  customer: string | null;
};

const kindOfTable: Record<EditTable, MergeSubject['kind']> = {
  customers: 'customer',
  contracts: 'contract',
  contacts: 'contact',
  projects: 'project',
  trainingDays: 'training',
};
type EditTarget = { table: EditTable; id: string };
type StampedRecord = Record<string, unknown> & { id: string; fieldTimes?: Record<string, FieldStamp> };

const tableOfEdit: Record<string, EditTable> = {
  updateCustomer: 'customers',
  updateContract: 'contracts',
  updateContact: 'contacts',
  updateProject: 'projects',
  updateTraining: 'trainingDays',
};
const editTables: ReadonlySet<string> = new Set(Object.values(tableOfEdit));

/** The record a plain edit changed and the fields it set, from its arguments. */
async function editOf(
  entry: OutboxEntry,
): Promise<{ target: EditTarget; patch: Record<string, unknown> } | null> {
  const table = tableOfEdit[entry.name];
  const args = entry.args as Record<string, unknown> | null;
  if (!table || !args) return null;
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

async function subjectOf(table: EditTable, record: StampedRecord, entry: OutboxEntry): Promise<MergeSubject> {
  const kind = kindOfTable[table];
  if (table === 'customers') return { kind, name: String(record.name), customer: null };
  const customer = entry.customerId ? await db.customers.get(entry.customerId) : undefined;
  return {
    kind,
    name: String(record.name ?? record.topic ?? record.id),
    customer: customer?.name ?? entry.customerId,
  };
}

/**
 * For my plain edits the server just applied (after the rebase wrote the team's rows): each field
 * whose stamp is someone else's later one.
 */
export async function keptByOthers(mutationIds: readonly number[], me: string): Promise<MergeNotice[]> {
  if (mutationIds.length === 0) return [];
  const entries = await db.outbox
    .where('mutationId')
    .anyOf([...mutationIds])
    .toArray();
  const notices: MergeNotice[] = [];
  for (const entry of entries) {
    const edit = await editOf(entry);
    if (!edit) continue;
    const record = (await db.table(edit.target.table).get(edit.target.id)) as StampedRecord | undefined;
    if (!record) continue;
    const subject = await subjectOf(edit.target.table, record, entry);
    for (const [field, yourValue] of Object.entries(edit.patch)) {
      if (yourValue === undefined) continue;
      const stamp = record.fieldTimes?.[field];
      // Someone else's stamp that wins over my edit's, by the core's per-field rule.
      if (!stamp || stamp.by === me || !editWins(stamp, { at: entry.clientTime, by: me })) continue;
      notices.push({
        mutationId: entry.mutationId,
        customerId: entry.customerId,
        subject,
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

type PulledRow = { table: string; id: string; record: unknown };
type Candidate = { table: EditTable; incoming: StampedRecord; field: string; mine: FieldStamp };

/** Fields of the local row that the pulled one gives to another user's later stamp. */
function changedFields(table: EditTable, incoming: StampedRecord, local: StampedRecord): Candidate[] {
  const found: Candidate[] = [];
  for (const [field, theirs] of Object.entries(incoming.fieldTimes ?? {})) {
    const mine = local.fieldTimes?.[field];
    if (!mine || theirs.by === mine.by || !editWins(theirs, mine)) continue;
    if (JSON.stringify(incoming[field]) === JSON.stringify(local[field])) continue;
    found.push({ table, incoming, field, mine });
  }
  return found;
}

/**
 * Before pulled rows are written over the view: fields of mine (an applied edit of this console)
 * that a row gives to someone else whose edit was made before mine was confirmed here. Reads the
 * local copies of pulled plainly edited rows, and the outbox only when such a row changes a field
 * another user stamped last here; inside a transaction over the record tables and the outbox.
 */
export async function overwrittenByPull(rows: readonly PulledRow[]): Promise<MergeNotice[]> {
  const candidates: Candidate[] = [];
  const stamped = new Map<EditTable, StampedRecord[]>();
  for (const row of rows) {
    const incoming = row.record as StampedRecord | null;
    if (!editTables.has(row.table) || !incoming?.fieldTimes) continue;
    const table = row.table as EditTable;
    const list = stamped.get(table) ?? [];
    list.push(incoming);
    stamped.set(table, list);
  }
  for (const [table, incomingRows] of stamped) {
    const locals = (await db.table(table).bulkGet(incomingRows.map((row) => row.id))) as (
      StampedRecord | undefined
    )[];
    for (const [index, incoming] of incomingRows.entries()) {
      const local = locals[index];
      if (local?.fieldTimes && incoming.fieldTimes) candidates.push(...changedFields(table, incoming, local));
    }
  }
  if (candidates.length === 0) return [];

  const times = new Set(candidates.map((candidate) => candidate.mine.at));
  const mineApplied = await db.outbox
    .where('status')
    .equals('applied')
    .filter((entry) => entry.name in tableOfEdit && times.has(entry.clientTime))
    .toArray();
  const notices: MergeNotice[] = [];
  for (const candidate of candidates) {
    const theirs = candidate.incoming.fieldTimes?.[candidate.field];
    if (!theirs) continue;
    for (const entry of mineApplied) {
      if (entry.clientTime !== candidate.mine.at) continue;
      // Made after my edit was confirmed here: they could have seen my value, so no conflict.
      if (!entry.settledAt || theirs.at >= entry.settledAt) continue;
      const edit = await editOf(entry);
      if (!edit || edit.target.table !== candidate.table || edit.target.id !== candidate.incoming.id)
        continue;
      if (!(candidate.field in edit.patch)) continue;
      notices.push({
        mutationId: entry.mutationId,
        customerId: entry.customerId,
        subject: await subjectOf(candidate.table, candidate.incoming, entry),
        field: candidate.field,
        yourValue: edit.patch[candidate.field],
        keptValue: candidate.incoming[candidate.field],
        by: theirs.by,
        at: theirs.at,
      });
      break;
    }
  }
  return notices;
}

function sameNotice(a: MergeNotice, b: MergeNotice): boolean {
  return a.mutationId === b.mutationId && a.field === b.field && a.by === b.by && a.at === b.at;
}

export async function readMergeNotices(): Promise<MergeNotice[]> {
  const entry = await db.meta.get('mergeNotices');
  return entry?.key === 'mergeNotices' ? entry.value : [];
}

/** Keeps notices until closed. Inside a read-write transaction over meta. */
export async function keepMergeNotices(notices: readonly MergeNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const kept = await readMergeNotices();
  const fresh = notices.filter((notice) => !kept.some((old) => sameNotice(old, notice)));
  if (fresh.length > 0) await db.meta.put({ key: 'mergeNotices', value: [...kept, ...fresh] });
}

/** The TAM closed a notice. */
export async function dismissMergeNotice(notice: MergeNotice): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const kept = await readMergeNotices();
    await db.meta.put({ key: 'mergeNotices', value: kept.filter((old) => !sameNotice(old, notice)) });
  });
}
