// The console's Dexie schema as each version was released, frozen here (not imported from
// schema.ts: an old version edited in place there must not edit the test's history too), and the
// data a console of that version had written: a demo book of customers with contracts, contacts,
// bookings and tickets, plan templates, revisions, an outbox with changes in every state the
// version knew, and meta. test/renderer/schemaUpgrade.test.ts opens each with today's code.
import { Dexie } from 'dexie';
import { flattenBook, generateTeamBook } from '../../../src/core/demoBook';
import { planTemplates } from '../../../src/core/plans';
import type { TableName } from '../../../src/core/records';

/** Each released version's own `stores()` declaration, as shipped. */
export const releasedStores: Record<number, Record<string, string | null>> = {
  // af9010a: the record tables, revisions, outbox and meta.
  1: {
    planTemplates: 'id',
    customers: 'id, name, tamUserId',
    contracts: 'id, customerId, planId',
    contacts: 'id, customerId',
    projects: 'id, customerId',
    reviewSeries: 'id, customerId, tamUserId',
    reviewCalls: 'id, customerId, [seriesId+occurrenceDate], startsAt',
    tamTimeEntries: 'id, customerId, [userId+date]',
    goLiveBookings: 'id, customerId, startsAt, [customerId+startsAt]',
    allowanceReservations: 'id, customerId',
    bestPracticesReviews: 'id, customerId',
    trainingDays: 'id, customerId, date',
    customConfigurations: 'id, customerId',
    tickets: 'id, customerId, status',
    customerRevisions: 'customerId',
    outbox: '++seq, &mutationId, status, customerId',
    meta: 'key',
  },
  // 4c6440c: sync (shadows) and the lead's exception requests.
  2: { shadows: '[table+id], scope', exceptionRequests: 'id, customerId, status' },
  // 42994b5: customers' revisions indexed by revision.
  3: { customerRevisions: 'customerId, revision' },
};

export const releasedVersions = Object.keys(releasedStores)
  .map(Number)
  .sort((a, b) => a - b);

/** A Dexie handle that declares the versions up to `version` exactly as they were released. */
export function openAtVersion(name: string, version: number): Dexie {
  const database = new Dexie(name);
  for (const released of releasedVersions) {
    if (released > version) break;
    database.version(released).stores(releasedStores[released] ?? {});
  }
  return database;
}

/** Rows per store: what a console at that version had written. */
export type Fixture = Record<string, Record<string, unknown>[]>;

const now = '2026-03-02T09:00:00.000Z';

/** The data a console at `version` holds: realistic, and using every field that version knew. */
export function fixtureAt(version: number): Fixture {
  const { books } = generateTeamBook({ customers: 5, seed: 4242, today: '2026-03-02', now });
  const tables = flattenBook(books, []);
  const fixture: Fixture = {};
  for (const [table, rows] of Object.entries(tables) as [TableName, Record<string, unknown>[]][]) {
    if (table === 'exceptionRequests' && version < 2) continue;
    fixture[table] = rows.map((row) => ({ ...row }));
  }
  // A plan template the team saved (the shipped ones are not stored).
  const template = planTemplates[0];
  if (!template) throw new Error('no plan template');
  fixture.planTemplates = [{ ...template, id: 'team-template-1', name: 'Team plan (saved)' }];
  const customerIds = tables.customers.map((customer) => customer.id);
  fixture.customerRevisions = customerIds.map((customerId, index) => ({ customerId, revision: 3 + index }));
  const first = customerIds[0] ?? 'none';
  const second = customerIds[1] ?? 'none';
  const firstCustomer = tables.customers[0];
  // Storage order and mutation id need not agree (a restored outbox starts its own order).
  const entry = (mutationId: number, fields: Record<string, unknown>) => ({
    seq: 10 + mutationId,
    mutationId,
    version: 1,
    clientTime: `2026-03-0${1 + (mutationId % 2)}T0${mutationId}:15:00.000Z`,
    rejection: null,
    ...fields,
  });
  fixture.outbox = [
    entry(1, {
      name: 'updateCustomer',
      args: { id: first, patch: { notes: 'Quarterly review moved to Thursdays.' } },
      customerId: first,
      summary: `Updated ${firstCustomer?.name ?? first}`,
      status: version < 2 ? 'pending' : 'applied',
    }),
    entry(2, {
      name: 'requestGoLive',
      args: {
        id: 'golive-fixture-1',
        customerId: second,
        title: 'Checkout v2 launch',
        date: '2026-03-04',
        time: '10:00',
        durationMinutes: 120,
      },
      customerId: second,
      summary: 'Go Live “Checkout v2 launch” on 4 Mar 2026',
      status: 'pending',
    }),
    entry(3, {
      name: 'createContact',
      args: {
        contact: {
          id: 'contact-fixture-1',
          customerId: first,
          name: 'Zoë Ødegård',
          role: 'engineering',
          email: 'zoe@example.com',
          phones: ['+41 44 000 00 00'],
          primary: false,
        },
      },
      customerId: first,
      summary: 'Added contact Zoë Ødegård',
      status: 'pending',
    }),
  ];
  fixture.meta = [
    { key: 'clientId', value: 'console-0b7e6f1c-4d2a-4c1e-9a57-3f1d2e4b5a60' },
    {
      key: 'settings',
      value: {
        userId: 'ana',
        userName: 'Ana Lima',
        role: 'tam',
        timeZone: 'Europe/Zurich',
        syncServerUrl: version < 2 ? null : 'https://tam.example.com',
      },
    },
    { key: 'lastMutationId', value: 3 },
    { key: 'teamRevision', value: 3 + customerIds.length },
    { key: 'setup', value: { source: 'demo', at: now, customers: customerIds.length } },
    {
      key: 'todaySnapshot',
      value: { format: 1, teamRevision: 7, computedAt: now, userId: 'ana', data: { due: 2 } },
    },
  ];
  if (version >= 2) {
    // Sync's state: the cursor, a rejected change resolved and one still waiting, one at risk,
    // a shadow under the pending Go Live, an exception request, rebase scopes and merge checks.
    fixture.outbox.push(
      entry(4, {
        name: 'requestGoLive',
        args: {
          id: 'golive-fixture-2',
          customerId: first,
          title: 'EU region',
          date: '2026-03-03',
          time: '09:00',
        },
        customerId: first,
        summary: 'Go Live “EU region” on 3 Mar 2026',
        status: 'rejected',
        rejection: {
          code: 'go-live-notice',
          message: 'Go Live needs 72 h notice; this gives 24 h.',
          numbers: { requiredHours: 72, givenHours: 24 },
        },
      }),
      entry(5, {
        name: 'requestGoLive',
        args: {
          id: 'golive-fixture-3',
          customerId: first,
          title: 'APAC region',
          date: '2026-03-03',
          time: '09:00',
        },
        customerId: first,
        summary: 'Go Live “APAC region” on 3 Mar 2026',
        status: 'resolved',
        resolution: 'exceptionAsked',
        rejection: { code: 'go-live-notice', message: 'Go Live needs 72 h notice; this gives 24 h.' },
      }),
      entry(6, {
        name: 'updateCustomer',
        args: { id: second, patch: { notes: 'Escalation path agreed.' } },
        customerId: second,
        summary: 'Updated notes',
        status: 'pending',
        atRisk: { code: 'invalid-transition', message: 'The customer is archived.' },
      }),
    );
    fixture.meta.push(
      { key: 'lastMutationId', value: 6 },
      { key: 'syncCursor', value: 1234 },
      { key: 'syncToken', value: 'tamc_fixture_token_not_real' },
      { key: 'rebaseScopes', value: [second] },
      { key: 'mergeChecks', value: [1] },
    );
    const booking = tables.goLiveBookings.find((row) => row.customerId === second);
    fixture.shadows = [
      { table: 'goLiveBookings', id: 'golive-fixture-1', scope: second, record: null, provisional: true },
      ...(booking
        ? [{ table: 'goLiveBookings', id: booking.id, scope: second, record: booking, provisional: false }]
        : []),
    ];
    fixture.exceptionRequests = [
      {
        id: 'exception-fixture-1',
        customerId: first,
        mutation: { name: 'requestGoLive', version: 1, args: { id: 'golive-fixture-3' } },
        summary: 'Go Live “APAC region” on 3 Mar 2026',
        rule: { code: 'go-live-notice', message: 'Go Live needs 72 h notice; this gives 24 h.', numbers: {} },
        note: 'Customer board approved the date.',
        requestedBy: 'ana',
        requestedAt: now,
        status: 'open',
        decidedBy: null,
        decidedAt: null,
        decisionNote: '',
      },
    ];
  }
  // Later keys of meta replace earlier ones, as put() would.
  fixture.meta = [...new Map(fixture.meta.map((row) => [row.key, row])).values()];
  return fixture;
}

/** Writes a fixture into a database declared at `version`, the way that console stored it. */
export async function writeFixture(name: string, version: number, fixture: Fixture): Promise<void> {
  const database = openAtVersion(name, version);
  await database.open();
  await database.transaction('rw', database.tables, async () => {
    for (const [table, rows] of Object.entries(fixture)) await database.table(table).bulkAdd(rows);
  });
  database.close();
}
