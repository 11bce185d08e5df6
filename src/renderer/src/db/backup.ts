// Backup of this console's local data as one JSON file, and restore from such a file. Everything
// in a file is checked (format, every record against its core schema, the outbox) before anything
// is written; a restore replaces the local data in one transaction, or writes nothing.
import { z } from 'zod';
import { clientIdSchema } from '../../../core/syncProtocol';
import { recordSchemas, tableNames, type RecordOf, type TableName } from '../../../core/records';
import { rejectionFromZod, type Result } from '../../../core/rejection';
import { instantSchema, type Instant } from '../../../core/time';
import { readTeamRevision } from './books';
import { db, settingsSchema, type OutboxEntry } from './schema';
import { readLastMutationId, readSettings, readSetup } from './settings';

export const BACKUP_FORMAT = 'tam-console-backup';

const rejectionSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
});

// Every key the console writes on an outbox entry (schema.ts OutboxEntry), so a backup restores.
const outboxEntrySchema = z.strictObject({
  seq: z.number().int().positive().optional(),
  mutationId: z.number().int().positive(),
  name: z.string().min(1).max(100),
  version: z.number().int().positive(),
  args: z.unknown(),
  clientTime: instantSchema,
  customerId: z.string().max(64).nullable(),
  summary: z.string().max(2000),
  status: z.enum(['pending', 'applied', 'rejected', 'resolved']),
  rejection: rejectionSchema.nullable(),
  resolution: z.enum(['rebooked', 'billable', 'exceptionAsked', 'discarded']).optional(),
  atRisk: rejectionSchema.nullable().optional(),
  settledAt: instantSchema.optional(),
});

const recordsSchema = z.strictObject(
  Object.fromEntries(tableNames.map((table) => [table, z.array(recordSchemas[table]).default([])])) as {
    [T in TableName]: z.ZodDefault<z.ZodArray<(typeof recordSchemas)[T]>>;
  },
);

export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT, `is not a TAM Console backup (format "${BACKUP_FORMAT}")`),
  version: z.literal(1, 'is a backup version this console does not know'),
  exportedAt: instantSchema,
  clientId: clientIdSchema.nullable(),
  lastMutationId: z.number().int().nonnegative(),
  settings: settingsSchema.nullable(),
  setup: z
    .object({
      source: z.enum(['demo', 'empty']),
      at: instantSchema,
      customers: z.number().int().nonnegative(),
    })
    .nullable(),
  records: recordsSchema,
  outbox: z.array(outboxEntrySchema),
});
export type Backup = z.output<typeof backupSchema>;

/** Every record and outbox entry, my settings and client id; caches and the sync token are left out. */
export async function exportBackup(now: Instant): Promise<Backup> {
  return db.transaction('r', db.tables, async () => {
    const records = {} as { [T in TableName]: RecordOf<T>[] };
    for (const table of tableNames) {
      (records as Record<TableName, unknown[]>)[table] = await db.table(table).toArray();
    }
    const clientId = await db.meta.get('clientId');
    return {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: now,
      clientId: clientId?.key === 'clientId' ? clientId.value : null,
      lastMutationId: await readLastMutationId(),
      settings: await readSettings(),
      setup: await readSetup(),
      records,
      outbox: await db.outbox.orderBy('seq').toArray(),
    } as Backup;
  });
}

export function backupFileName(now: Instant): string {
  return `tam-console-backup-${now.slice(0, 16).replace(/[T:]/g, '-')}.json`;
}

export type BackupPreview = {
  exportedAt: Instant;
  userName: string | null;
  clientId: string | null;
  customers: number;
  records: number;
  outbox: { pending: number; rejected: number; total: number };
};

export function previewBackup(backup: Backup): BackupPreview {
  const records = tableNames.reduce((sum, table) => sum + backup.records[table].length, 0);
  return {
    exportedAt: backup.exportedAt,
    userName: backup.settings?.userName ?? null,
    clientId: backup.clientId,
    customers: backup.records.customers.length,
    records,
    outbox: {
      pending: backup.outbox.filter((entry) => entry.status === 'pending').length,
      rejected: backup.outbox.filter((entry) => entry.status === 'rejected').length,
      total: backup.outbox.length,
    },
  };
}

/** The backup in a file's text, or why it cannot be restored: the first fault, with where it is. */
export function parseBackup(text: string): Result<Backup> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      rejection: { code: 'invalid-input', message: 'This file is not a TAM Console backup: it is not JSON.' },
    };
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const fault = rejectionFromZod(parsed.error);
    return {
      ok: false,
      rejection: {
        ...fault,
        message: `This backup cannot be restored: ${fault.message}. Nothing was changed.`,
      },
    };
  }
  const ids = new Set<number>();
  for (const entry of parsed.data.outbox) {
    if (ids.has(entry.mutationId)) {
      return {
        ok: false,
        rejection: {
          code: 'invalid-input',
          message: `This backup cannot be restored: mutation ${entry.mutationId} appears twice in its outbox. Nothing was changed.`,
          field: 'outbox',
        },
      };
    }
    ids.add(entry.mutationId);
  }
  return { ok: true, value: parsed.data };
}

export async function countPendingChanges(): Promise<number> {
  return db.outbox.where('status').equals('pending').count();
}

/**
 * Replaces every local table with the backup, in one transaction. Refused while changes wait for
 * the team, unless `replacePending` says the user agreed to lose them.
 */
export async function restoreBackup(
  backup: Backup,
  options: { replacePending: boolean },
): Promise<Result<{ records: number; outbox: number }>> {
  return db.transaction('rw', db.tables, async () => {
    const pending = await countPendingChanges();
    if (pending > 0 && !options.replacePending) {
      return {
        ok: false,
        rejection: {
          code: 'invalid-transition',
          message: `${pending} change${pending === 1 ? '' : 's'} of mine ${pending === 1 ? 'has' : 'have'} not reached the team yet; restoring replaces ${pending === 1 ? 'it' : 'them'}. Confirm to go on.`,
          numbers: { pending },
        },
      };
    }
    const current = await db.meta.get('clientId');
    const sameClient = current?.key === 'clientId' && current.value === backup.clientId;
    // Never hand out a mutation id this client already used: the server would answer with the old result.
    const lastMutationId = Math.max(
      backup.lastMutationId,
      sameClient ? await readLastMutationId() : 0,
      ...backup.outbox.map((entry) => entry.mutationId),
    );
    const teamRevision = await readTeamRevision();
    await Promise.all(db.tables.map((table) => table.clear()));
    let records = 0;
    for (const table of tableNames) {
      const rows = backup.records[table];
      records += rows.length;
      if (rows.length > 0) await db.table(table).bulkPut(rows);
    }
    await db.customerRevisions.bulkPut(
      backup.records.customers.map((customer) => ({ customerId: customer.id, revision: teamRevision + 1 })),
    );
    await db.meta.put({ key: 'teamRevision', value: teamRevision + 1 });
    await db.meta.put({ key: 'lastMutationId', value: lastMutationId });
    if (backup.clientId) await db.meta.put({ key: 'clientId', value: backup.clientId });
    if (backup.settings) await db.meta.put({ key: 'settings', value: backup.settings });
    if (backup.setup) await db.meta.put({ key: 'setup', value: backup.setup });
    const outbox: OutboxEntry[] = backup.outbox.map(({ seq: _seq, ...entry }) => entry as OutboxEntry);
    await db.outbox.bulkAdd(outbox);
    return { ok: true, value: { records, outbox: outbox.length } };
  });
}
