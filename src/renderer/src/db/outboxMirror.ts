// The outbox as the desktop app mirrors it to a file (src/main/outboxMirror.ts), and the rebuild
// from that copy when IndexedDB was wiped: the same client id, the last mutation id, my settings
// and every pending mutation, so the next push re-sends them under the same ids and the server's
// idempotency keeps each change exactly once. Their local effects return with the next pull.
import type { MirroredMutation, OutboxMirror } from '../../../preload/api';
import { db, settingsSchema, type OutboxEntry } from './schema';
import { readLastMutationId, readSettings } from './settings';

/** A cheap fingerprint of what the mirror holds: when it changes, the mirror is written again. */
export async function readMirrorSignature(): Promise<string> {
  const [pending, last, clientId, lastMutationId] = await Promise.all([
    db.outbox.where('status').equals('pending').count(),
    db.outbox.orderBy('seq').last(),
    db.meta.get('clientId'),
    readLastMutationId(),
  ]);
  return JSON.stringify([pending, last?.seq ?? 0, last?.status ?? '', clientId?.value ?? '', lastMutationId]);
}

/** What the mirror should hold now; null before this console queued anything (no client id yet). */
export async function readMirrorSnapshot(): Promise<OutboxMirror | null> {
  return db.transaction('r', db.outbox, db.meta, async () => {
    const clientId = await db.meta.get('clientId');
    if (clientId?.key !== 'clientId') return null;
    const pending = await db.outbox.where('status').equals('pending').sortBy('mutationId');
    const settings = await readSettings();
    return {
      clientId: clientId.value,
      lastMutationId: await readLastMutationId(),
      settings,
      pending: pending.map((entry): MirroredMutation => ({
        mutationId: entry.mutationId,
        name: entry.name,
        version: entry.version,
        args: entry.args,
        clientTime: entry.clientTime,
        customerId: entry.customerId,
        summary: entry.summary,
      })),
    };
  });
}

export type MirrorRestore =
  | { restored: true; clientId: string; pending: number }
  | { restored: false; reason: 'not-empty' | 'no-mirror' };

/**
 * Rebuilds the outbox from the mirror, only into an empty database (no client id, no outbox, no
 * customer): a console that still has its data is never overwritten by an older copy.
 */
export async function restoreFromMirror(mirror: OutboxMirror | null): Promise<MirrorRestore> {
  if (!mirror) return { restored: false, reason: 'no-mirror' };
  return db.transaction('rw', db.outbox, db.meta, db.customers, async () => {
    const [clientId, outboxCount, customerCount] = await Promise.all([
      db.meta.get('clientId'),
      db.outbox.count(),
      db.customers.count(),
    ]);
    if (clientId || outboxCount > 0 || customerCount > 0)
      return { restored: false, reason: 'not-empty' } as const;
    const highest = mirror.pending.reduce((max, entry) => Math.max(max, entry.mutationId), 0);
    await db.meta.put({ key: 'clientId', value: mirror.clientId });
    await db.meta.put({ key: 'lastMutationId', value: Math.max(mirror.lastMutationId, highest) });
    const settings = settingsSchema.safeParse(mirror.settings);
    if (settings.success && !(await db.meta.get('settings')))
      await db.meta.put({ key: 'settings', value: settings.data });
    const entries: OutboxEntry[] = [...mirror.pending]
      .sort((a, b) => a.mutationId - b.mutationId)
      .map((entry) => ({ ...entry, status: 'pending', rejection: null }));
    await db.outbox.bulkAdd(entries);
    return { restored: true, clientId: mirror.clientId, pending: entries.length } as const;
  });
}
