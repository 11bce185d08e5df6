// Shadows: the confirmed value of every row a pending mutation changed locally, taken before the
// first such change. They make the view rebasable (restore, apply the server's rows, replay what
// is still pending) and tell which Go Live bookings are provisional.
import { Dexie } from 'dexie';
import type { Changes } from '../../../core/mutations';
import type { RecordOf, TableName } from '../../../core/records';
import { db, type Shadow } from './schema';

/** The scope of rows without a customer (plan templates): rebased together. */
export const TEAM_SCOPE = '(team)';

/** The customer a row belongs to, or TEAM_SCOPE. */
export function scopeOfRow(table: TableName, id: string, customerId: string | null | undefined): string {
  if (table === 'customers') return id;
  return customerId ?? TEAM_SCOPE;
}

function scopeOfRecord(table: TableName, record: { id: string; customerId?: string }): string {
  return scopeOfRow(table, record.id, record.customerId);
}

/**
 * Before a pending mutation's changes are written: keeps the current (confirmed) value of each row
 * it touches that has no shadow yet. Inside a read-write transaction over the record tables and
 * shadows.
 */
export async function recordShadows(changes: Changes): Promise<void> {
  const touched: { table: TableName; id: string; after: RecordOf<TableName> | null }[] = [
    ...changes.put.map((change) => ({ table: change.table, id: change.record.id, after: change.record })),
    ...changes.delete.map((change) => ({ table: change.table, id: change.id, after: null })),
  ];
  if (touched.length === 0) return;
  const existing = await db.shadows.bulkGet(touched.map((row) => [row.table, row.id]));
  const fresh: Shadow[] = [];
  for (const [index, row] of touched.entries()) {
    if (existing[index] || fresh.some((shadow) => shadow.table === row.table && shadow.id === row.id))
      continue;
    const before = (await db.table<RecordOf<TableName>, string>(row.table).get(row.id)) ?? null;
    const scopeFrom = before ?? row.after;
    fresh.push({
      table: row.table,
      id: row.id,
      scope: scopeFrom ? scopeOfRecord(row.table, scopeFrom) : TEAM_SCOPE,
      record: before,
      provisional: false,
    });
  }
  await db.shadows.bulkPut(fresh);
  await markProvisional(changes);
}

/**
 * A Go Live booking written by a pending mutation is provisional until the server accepts it,
 * unless it spends a reservation (escrow): that one is confirmed offline.
 */
async function markProvisional(changes: Changes): Promise<void> {
  for (const change of changes.put) {
    if (change.table !== 'goLiveBookings') continue;
    const booking = change.record as RecordOf<'goLiveBookings'>;
    await db.shadows.update(['goLiveBookings', booking.id], {
      provisional: booking.status === 'booked' && booking.reservationId === null,
    });
  }
}

/** Ids of the Go Live bookings that are provisional now. */
export async function readProvisionalBookingIds(): Promise<Set<string>> {
  const shadows = await db.shadows
    .where('[table+id]')
    .between(['goLiveBookings', Dexie.minKey], ['goLiveBookings', Dexie.maxKey])
    .toArray();
  return new Set(shadows.filter((shadow) => shadow.provisional).map((shadow) => shadow.id));
}
