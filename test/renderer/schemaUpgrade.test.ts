// Upgrades of the console's database, under fake-indexeddb: a database made by each earlier
// released version (support/consoleDatabaseHistory.ts), holding a demo book, plan templates, an
// outbox with changes in every state and meta, opens with today's code at today's version with
// every row and index intact, and the console reads it and queues its next change after it. A
// destructive upgrade after today's version is refused while changes wait, and leaves all as it was.
import 'fake-indexeddb/auto';
import { Dexie, type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { applyLocalMutation } from '../../src/renderer/src/db/localMutations';
import { readOutboxCounts } from '../../src/renderer/src/db/outbox';
import {
  db,
  destructiveUpgrade,
  openConsoleDatabase,
  PendingChangesBlockUpgrade,
  switchConsoleDatabase,
} from '../../src/renderer/src/db/schema';
import { readPushBatch, readResultsAfter } from '../../src/renderer/src/db/serverChanges';
import { readLastMutationId, readSettings } from '../../src/renderer/src/db/settings';
import {
  fixtureAt,
  openAtVersion,
  releasedVersions,
  writeFixture,
  type Fixture,
} from './support/consoleDatabaseHistory';

const latest = Math.max(...releasedVersions);
const names: string[] = [];

afterEach(async () => {
  db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

function valueAt(row: Record<string, unknown>, keyPath: string | string[] | null): unknown {
  if (keyPath === null) return undefined;
  if (Array.isArray(keyPath)) return keyPath.map((path) => valueAt(row, path));
  return keyPath.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown>)?.[part], row);
}

/** Whether IndexedDB indexes this value: numbers, strings, dates and arrays of them. */
function isKey(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (typeof value === 'string' || value instanceof Date) return true;
  return Array.isArray(value) && value.every(isKey);
}

function byPrimaryKey(table: Table, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (row: Record<string, unknown>) =>
    JSON.stringify(valueAt(row, table.schema.primKey.keyPath ?? null));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Every row of the fixture, as written, in an open database; every index holds every keyed row. */
async function expectIntact(database: Dexie, fixture: Fixture): Promise<void> {
  for (const table of database.tables) {
    const rows = fixture[table.name] ?? [];
    const stored = (await table.toArray()) as Record<string, unknown>[];
    expect(byPrimaryKey(table, stored), table.name).toEqual(byPrimaryKey(table, rows));
    for (const index of table.schema.indexes) {
      const keyed = rows.filter((row) => isKey(valueAt(row, index.keyPath ?? null)));
      expect(await table.orderBy(index.name).count(), `${table.name} by ${index.name}`).toBe(keyed.length);
    }
  }
  const stores = database.tables.map((table) => table.name);
  for (const name of Object.keys(fixture)) expect(stores, 'a store of the fixture').toContain(name);
}

describe('the history of the console database', () => {
  it("knows every version today's code declares", async () => {
    const today = openConsoleDatabase('history-probe');
    names.push('history-probe');
    await today.open();
    expect(today.verno).toBe(latest);
    today.close();
  });
});

describe.each(releasedVersions.filter((version) => version < latest))(
  'a database made at version %i',
  (version) => {
    it(`opens at today's version with every row and index intact, and the console reads it and queues after it`, async () => {
      const name = `upgrade-from-v${version}`;
      names.push(name);
      const fixture = fixtureAt(version);
      await writeFixture(name, version, fixture);

      const upgraded = switchConsoleDatabase(name);
      await upgraded.open();
      expect(upgraded.verno).toBe(latest);
      await expectIntact(upgraded, fixture);
      // Version 3's index answers the books' question: which customers changed since revision 4.
      const revisions = fixture.customerRevisions ?? [];
      expect((await upgraded.customerRevisions.where('revision').above(4).primaryKeys()).sort()).toEqual(
        revisions
          .filter((row) => Number(row.revision) > 4)
          .map((row) => row.customerId)
          .sort(),
      );

      // The console's own reads of the upgraded data.
      expect(await readSettings()).toEqual(fixture.meta?.find((row) => row.key === 'settings')?.value);
      for (const customer of fixture.customers ?? []) {
        const book = await readCustomerBook(String(customer.id));
        expect(book?.customer).toEqual(customer);
        expect(book?.contract ?? null).toEqual(
          fixture.contracts?.find((row) => row.customerId === customer.id) ?? null,
        );
        for (const table of ['contacts', 'goLiveBookings', 'tickets'] as const) {
          expect(book?.[table].map((row) => row.id).sort(), table).toEqual(
            (fixture[table] ?? [])
              .filter((row) => row.customerId === customer.id)
              .map((row) => row.id)
              .sort(),
          );
        }
      }
      const outbox = fixture.outbox ?? [];
      const pending = outbox.filter((row) => row.status === 'pending').map((row) => row.mutationId);
      expect((await readOutboxCounts()).pending).toBe(pending.length);
      expect((await readPushBatch(500)).map((entry) => entry.mutationId)).toEqual(
        // A push sends consecutive ids only: from the first pending one on.
        pending.filter((id, at) => at === 0 || id === Number(pending[at - 1]) + 1),
      );
      expect(await readResultsAfter()).toBe(Number(pending[0]) - 1);
      const last = await readLastMutationId();
      expect(last).toBe(Math.max(...outbox.map((row) => Number(row.mutationId))));

      // The next change takes the next id, after everything the old version queued.
      const customer = fixture.customers?.[0];
      const next = await applyLocalMutation(
        {
          name: 'updateCustomer',
          version: 1,
          args: { id: customer?.id, patch: { notes: 'After the upgrade.' } },
        },
        '2026-03-02T10:00:00.000Z',
      );
      expect(next).toMatchObject({ ok: true, mutationIds: [last + 1] });
      expect(
        (
          await upgraded.outbox
            .where('mutationId')
            .equals(last + 1)
            .first()
        )?.status,
      ).toBe('pending');
      expect(await upgraded.outbox.count()).toBe(outbox.length + 1);
    });
  },
);

describe(`an upgrade after version ${latest}`, () => {
  it('is refused while the outbox holds changes: the database stays at today’s version, every row intact; it runs once they are sent', async () => {
    const name = 'upgrade-guard-today';
    names.push(name);
    const fixture = fixtureAt(latest);
    await writeFixture(name, latest, fixture);
    const pending = (fixture.outbox ?? []).filter((row) => row.status === 'pending').length;
    expect(pending).toBeGreaterThan(0);

    const newer = openAtVersion(name, latest);
    destructiveUpgrade(newer, latest + 1, { contacts: null });
    const refused = await newer.open().then(
      () => null,
      (error: unknown) => error,
    );
    newer.close();
    expect(refused).toBeInstanceOf(PendingChangesBlockUpgrade);
    expect((refused as PendingChangesBlockUpgrade).pending).toBe(pending);

    const today = openConsoleDatabase(name);
    await today.open();
    expect(today.verno).toBe(latest);
    await expectIntact(today, fixture);
    // The changes reach the team; then the same upgrade runs.
    await today.outbox.where('status').equals('pending').modify({ status: 'applied' });
    today.close();
    const again = openAtVersion(name, latest);
    destructiveUpgrade(again, latest + 1, { contacts: null });
    await again.open();
    expect(again.verno).toBe(latest + 1);
    expect(again.tables.map((table) => table.name)).not.toContain('contacts');
    expect(await again.table('customers').count()).toBe(fixture.customers?.length);
    again.close();
  });
});
