// Two TAMs, each in their own Chromium context, syncing through a real team server started here
// (PGlite in a temp folder, or the PostgreSQL that scripts/with-postgres.mjs provides): the last
// Go Live unit booked by both while offline, a per-field edit conflict and its notice, a booking
// made offline on a reserved unit, 500 offline changes that reach the team exactly once with a
// reload in the middle of the sync, and the sync status in the header throughout.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { planTemplates } from '../../src/core/plans';
import type { RecordPut } from '../../src/core/mutations/mutation';
import { migrate } from '../../src/server/db/migrations';
import { importRecords } from '../../src/server/teamAdmin';
import { aContract, aCustomer } from '../support/fixtures';
import { aTeam, startServer, type RunningServer, type TestTeam } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { launchChromium, saveScreenshot, screenshotDir } from './browser';
import { expectAccessible } from './consolePage';
import { openTeamConsole, readOutbox, serverRecords, syncStatus, type TeamSession } from './teamConsole';

const zone = 'Europe/Zurich';

let browser: Browser;
let database: TestDatabase;
let server: RunningServer;
let team: TestTeam;

beforeAll(async () => {
  database = await openTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  await migrate(database.db);
  server = await startServer(database.db);
  team = await aTeam(database.db, { ana: 'tam', ben: 'tam' });
  const customers = [
    aCustomer({ id: 'c-last', name: 'Last Unit AG', tamUserId: 'ana' }),
    aCustomer({ id: 'c-busy', name: 'Busy Tickets GmbH', tamUserId: 'ana' }),
    aCustomer({ id: 'c-edit', name: 'Edit Me AG', tamUserId: 'ana' }),
    aCustomer({ id: 'c-escrow', name: 'Escrow Travel AG', tamUserId: 'ana' }),
  ];
  const start = DateTime.now().setZone(zone).minus({ months: 2 }).toFormat('yyyy-MM-dd');
  const records: RecordPut[] = [
    ...customers.map((record) => ({ table: 'customers' as const, record })),
    {
      table: 'contracts',
      record: aContract({
        id: 'contract-c-last',
        customerId: 'c-last',
        startDate: start,
        overrides: { included: { goLiveEvents: 1 } },
      }),
    },
    {
      table: 'contracts',
      record: aContract({ id: 'contract-c-busy', customerId: 'c-busy', startDate: start }),
    },
    {
      table: 'contracts',
      record: aContract({ id: 'contract-c-edit', customerId: 'c-edit', startDate: start }),
    },
    {
      table: 'contracts',
      record: aContract({
        id: 'contract-c-escrow',
        customerId: 'c-escrow',
        startDate: start,
        overrides: { included: { goLiveEvents: 2 } },
      }),
    },
  ];
  await importRecords(database.db, team.id, records, { at: new Date().toISOString() });
  expect(planTemplates.some((template) => template.id === 'edge-mission-critical')).toBe(true);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.dispose();
});

type Session = TeamSession;

/** A TAM's console: first start as `user`, then the team server and token in Settings. */
async function openConsoleAs(user: 'ana' | 'ben', name: string): Promise<Session> {
  return openTeamConsole(browser, {
    serverUrl: server.url,
    token: team.users[user]?.token ?? '',
    user,
    name,
    zone,
  });
}

const status = syncStatus;

async function bookGoLive(
  page: Page,
  customerId: string,
  title: string,
  hoursAhead: number,
  reservation?: RegExp,
): Promise<void> {
  await page.goto(`${inject('webUrl')}#/customers/${customerId}/golive`);
  await page.getByRole('button', { name: 'Book Go Live' }).click();
  const at = DateTime.now().plus({ hours: hoursAhead, minutes: 1 }).setZone(zone).startOf('minute');
  const dialog = page.getByRole('dialog', { name: /Book Go Live/ });
  await dialog.getByLabel('What goes live').fill(title);
  await dialog.getByLabel(`Date (${zone})`).fill(at.toFormat('yyyy-MM-dd'));
  await dialog.getByLabel(`Start (${zone})`).fill(at.toFormat('HH:mm'));
  await dialog.getByLabel('Length (minutes, up to 360)').fill('120');
  await dialog.getByLabel('Length (minutes, up to 360)').blur();
  if (reservation) {
    await dialog.getByRole('combobox', { name: 'Use my reservation' }).click();
    await page.getByRole('option', { name: reservation }).click();
  }
  await dialog.getByText('✓ 72 h notice:').waitFor();
  await dialog.getByRole('button', { name: 'Book Go Live' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: title }).waitFor();
}

/** Edit customer (More… › Edit customer) with the given fields, saved while online or offline. */
async function editCustomer(page: Page, name: string, fields: { Name?: string; Notes?: string }) {
  await page.getByRole('button', { name: 'More…' }).click();
  await page.getByRole('menuitem', { name: 'Edit customer' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit customer — ${name}` });
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Save customer' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The Notes field as the Edit customer form shows it (the form is closed again). */
async function notesShown(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'More…' }).click();
  await page.getByRole('menuitem', { name: 'Edit customer' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit customer — ${name}` });
  const notes = await dialog.getByLabel('Notes').inputValue();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  return notes;
}

function mergeNotices(page: Page) {
  return page.getByRole('region', { name: 'Changes by others' }).getByRole('status');
}

/** The team's copy of a customer, as the server holds it. */
async function serverCustomer(id: string): Promise<Record<string, unknown> | undefined> {
  return (await serverRecords(database.db, team.id, 'customers')).find((record) => record['id'] === id);
}

/**
 * Queues copies of the first openTicket in the outbox, with fresh ids and titles, as
 * applyLocalMutations writes them (page code, on IndexedDB itself).
 */
async function queueCopiesInPage({ from, to }: { from: number; to: number }): Promise<void> {
  type Entry = { seq?: number; mutationId: number; args: Record<string, unknown> };
  const request = <T>(call: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      call.onsuccess = () => resolve(call.result);
      call.onerror = () => reject(call.error);
    });
  const database = await request(indexedDB.open('tam-console'));
  const transaction = database.transaction(['outbox', 'meta'], 'readwrite');
  const outbox = transaction.objectStore('outbox');
  const queued = (await request(outbox.getAll())) as Entry[];
  const ids = queued.map((entry) => entry.mutationId);
  const template = queued.find((entry) => entry.mutationId === Math.min(...ids));
  if (!template) throw new Error('nothing queued to copy');
  let next = Math.max(...ids);
  for (let index = from; index <= to; index += 1) {
    const copy = structuredClone(template);
    delete copy.seq;
    next += 1;
    copy.mutationId = next;
    copy.args = { ...copy.args, id: `offline-ticket-${index}`, title: `Offline ticket ${index}` };
    outbox.add(copy);
  }
  transaction.objectStore('meta').put({ key: 'lastMutationId', value: next });
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  database.close();
}

describe('two TAMs syncing through the team server', () => {
  it('both book the last Go Live unit offline: exactly one is accepted, the other is kept as refused with the reason', async () => {
    const ana = await openConsoleAs('ana', 'Ana Lima');
    const ben = await openConsoleAs('ben', 'Ben Keller');
    for (const session of [ana, ben]) {
      await session.page.goto(`${inject('webUrl')}#/customers/c-last/golive`);
      await session.page.getByRole('heading', { level: 1, name: 'Last Unit AG' }).waitFor();
    }
    await ana.context.setOffline(true);
    await ben.context.setOffline(true);
    await status(ana.page).getByText('Offline', { exact: true }).waitFor();
    await bookGoLive(ana.page, 'c-last', 'Ana launch', 100);
    await bookGoLive(ben.page, 'c-last', 'Ben launch', 110);
    await status(ben.page).getByText('1 waiting').waitFor();
    // Until the team server accepts it, each TAM's own booking is marked provisional.
    for (const [session, title] of [
      [ana, 'Ana launch'],
      [ben, 'Ben launch'],
    ] as const) {
      const row = session.page
        .getByRole('table', { name: 'Go Live bookings' })
        .getByRole('row', { name: title });
      await row.getByText('provisional', { exact: true }).waitFor();
    }
    await saveScreenshot(ben.page, 'sync-offline-pending');

    await ana.context.setOffline(false);
    await status(ana.page).getByText('Nothing waiting').waitFor();
    await ben.context.setOffline(false);
    await status(ben.page).getByText('1 refused').waitFor();

    const benOutbox = await readOutbox(ben.page);
    expect(benOutbox).toHaveLength(1);
    expect(benOutbox[0]).toMatchObject({ name: 'requestGoLive', status: 'rejected' });
    expect(benOutbox[0]?.rejection?.code).toBe('allowance-exhausted');
    expect(benOutbox[0]?.rejection?.message).toMatch(/No Go Live events left/);
    expect((await readOutbox(ana.page)).map((entry) => entry.status)).toEqual(['applied']);

    // Both views now show the team's one booking: Ana's.
    for (const session of [ana, ben]) {
      const bookings = session.page.getByRole('table', { name: 'Go Live bookings' });
      await bookings.getByRole('cell', { name: 'Ana launch' }).waitFor();
      await bookings.getByRole('cell', { name: 'Ben launch' }).waitFor({ state: 'detached' });
    }
    await status(ben.page).getByText('Online').waitFor();
    // Accepted, Ana's booking is no longer provisional on either screen.
    for (const session of [ana, ben]) {
      const row = session.page
        .getByRole('table', { name: 'Go Live bookings' })
        .getByRole('row', { name: 'Ana launch' });
      await row.getByText('booked', { exact: true }).waitFor();
      expect(await row.getByText('provisional', { exact: true }).count()).toBe(0);
    }
    await saveScreenshot(ben.page, 'sync-refused');
    const [row] = await database.db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM records WHERE team_id = $1 AND table_name = 'goLiveBookings' AND NOT deleted`,
      [team.id],
    );
    expect(Number(row?.count)).toBe(1);
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  }, 180_000);

  it('a per-field edit conflict is resolved and noticed: the later edit wins its field, the other field is kept, and the loser is told who changed it', async () => {
    const ana = await openConsoleAs('ana', 'Ana Lima');
    const ben = await openConsoleAs('ben', 'Ben Keller');
    const open = async (session: Session, name: string) => {
      await session.page.goto(`${inject('webUrl')}#/customers/c-edit/overview`);
      await session.page.getByRole('heading', { level: 1, name }).waitFor();
    };
    const goOffline = async (session: Session) => {
      await session.context.setOffline(true);
      await status(session.page).getByText('Offline', { exact: true }).waitFor();
    };
    const comeBack = async (session: Session) => {
      await session.context.setOffline(false);
      await status(session.page).getByText('Nothing waiting').waitFor();
      await status(session.page).getByText('Online').waitFor();
    };
    for (const session of [ana, ben]) await open(session, 'Edit Me AG');
    await goOffline(ana);
    await goOffline(ben);
    // Ana first: a new name and a note. Ben a little later: another name.
    await editCustomer(ana.page, 'Edit Me AG', { Name: 'Edit Me Holding', Notes: 'Renewal call in March' });
    await editCustomer(ben.page, 'Edit Me AG', { Name: 'Edit Me Group' });
    // Ana's (losing) edit reaches the team first; Ben's arrives after it.
    await comeBack(ana);
    await comeBack(ben);

    // Both consoles show the team's record: Ben's later name, Ana's note.
    for (const session of [ana, ben]) {
      await session.page.getByRole('heading', { level: 1, name: 'Edit Me Group' }).waitFor();
      expect(await notesShown(session.page, 'Edit Me Group')).toBe('Renewal call in March');
    }
    // Ana is told, without being stopped: which field, whose value was kept (Ben by the name the team
    // server has for him, GET /team, not his user id), and hers.
    const notice = mergeNotices(ana.page);
    await notice.waitFor();
    await expect(notice.count()).resolves.toBe(1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Name changed by User ben');
    expect(text).toContain('Kept: “Edit Me Group” (set by User ben)');
    expect(text).toContain('Your value, not kept: “Edit Me Holding”');
    await expect(mergeNotices(ben.page).count()).resolves.toBe(0);
    await saveScreenshot(ana.page, 'sync-merge-notice');
    await expectAccessible(ana.page, 'merge notice');
    // It stays (a toast would have gone by now), through a reload, until Ana closes it.
    await ana.page.waitForTimeout(6_000);
    await ana.page.reload();
    await mergeNotices(ana.page).waitFor();
    await ana.page.getByRole('button', { name: 'Close this notice' }).click();
    await mergeNotices(ana.page).waitFor({ state: 'detached' });
    await ana.page.reload();
    await ana.page.getByRole('heading', { level: 1, name: 'Edit Me Group' }).waitFor();
    await expect(mergeNotices(ana.page).count()).resolves.toBe(0);

    // The team's record, and the audit log that keeps the value that lost.
    const record = await serverCustomer('c-edit');
    expect(record).toMatchObject({
      name: 'Edit Me Group',
      notes: 'Renewal call in March',
      fieldTimes: { name: { by: 'ben' }, notes: { by: 'ana' } },
    });
    const audit = await database.db.query<{ user_id: string; changes: unknown }>(
      `SELECT user_id, changes FROM audit_log
       WHERE team_id = $1 AND customer_id = 'c-edit' AND name = 'updateCustomer' AND status = 'applied'
       ORDER BY id`,
      [team.id],
    );
    expect(audit.map((entry) => entry.user_id)).toEqual(['ana', 'ben']);
    expect(JSON.stringify(audit[0]?.changes)).toContain('Edit Me Holding');

    // The other way round: the losing edit (Ben's, made first) reaches the team after the winner.
    await goOffline(ana);
    await goOffline(ben);
    await editCustomer(ben.page, 'Edit Me Group', { Name: 'Edit Me Two' });
    await editCustomer(ana.page, 'Edit Me Group', { Name: 'Edit Me International' });
    await comeBack(ana);
    await comeBack(ben);
    for (const session of [ana, ben])
      await session.page.getByRole('heading', { level: 1, name: 'Edit Me International' }).waitFor();
    const bensNotice = mergeNotices(ben.page);
    await bensNotice.waitFor();
    const bensText = (await bensNotice.textContent()) ?? '';
    expect(bensText).toContain('Name changed by User ana');
    expect(bensText).toContain('Kept: “Edit Me International” (set by User ana)');
    expect(bensText).toContain('Your value, not kept: “Edit Me Two”');
    await expect(mergeNotices(ana.page).count()).resolves.toBe(0);
    expect((await serverCustomer('c-edit'))?.['name']).toBe('Edit Me International');

    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  }, 240_000);

  it('a booking on a reserved unit made offline is confirmed at once and accepted, though the last free unit went meanwhile', async () => {
    const ana = await openConsoleAs('ana', 'Ana Lima');
    const ben = await openConsoleAs('ben', 'Ben Keller');
    // Online, Ana reserves one of the two Go Live units before travelling (Ctrl+Shift+G).
    await ana.page.goto(`${inject('webUrl')}#/customers/c-escrow/golive`);
    await ana.page.getByRole('heading', { level: 1, name: 'Escrow Travel AG' }).waitFor();
    await ana.page.keyboard.press('Control+Shift+G');
    const reserve = ana.page.getByRole('dialog', { name: 'Reserve Go Live units — Escrow Travel AG' });
    await reserve.getByText('2 left to reserve').waitFor();
    await reserve.getByRole('button', { name: 'Reserve' }).click();
    await reserve.waitFor({ state: 'detached' });
    await status(ana.page).getByText('Nothing waiting').waitFor();
    const reservations = ana.page.getByRole('table', { name: 'My reservations' });
    await reservations.getByText('active', { exact: true }).waitFor();
    const [reservation] = await database.db.query<{ id: string }>(
      `SELECT id FROM records WHERE team_id = $1 AND table_name = 'allowanceReservations'
       AND customer_id = 'c-escrow' AND NOT deleted`,
      [team.id],
    );
    expect(reservation?.id).toBeTruthy();

    // Offline, she books on it: confirmed on her laptop, not provisional.
    await ana.context.setOffline(true);
    await status(ana.page).getByText('Offline', { exact: true }).waitFor();
    await bookGoLive(ana.page, 'c-escrow', 'Escrow launch', 100, /Contract year 1: 1 of 1 left/);
    await status(ana.page).getByText('1 waiting').waitFor();
    const anasRow = ana.page
      .getByRole('table', { name: 'Go Live bookings' })
      .getByRole('row', { name: 'Escrow launch' });
    await anasRow.getByText('booked', { exact: true }).waitFor();
    await expect(anasRow.getByText('provisional', { exact: true }).count()).resolves.toBe(0);
    // Spent, the reservation offers nothing to release.
    await reservations.getByText('spent', { exact: true }).waitFor();
    await expect(reservations.getByRole('button', { name: 'Release…' }).count()).resolves.toBe(0);
    await saveScreenshot(ana.page, 'sync-reserved-offline');

    // Meanwhile Ben, online, takes the last free unit.
    await bookGoLive(ben.page, 'c-escrow', 'Ben launch', 120);
    await status(ben.page).getByText('Nothing waiting').waitFor();
    const [benBooking] = await database.db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM records WHERE team_id = $1 AND table_name = 'goLiveBookings'
       AND customer_id = 'c-escrow' AND NOT deleted`,
      [team.id],
    );
    expect(Number(benBooking?.count)).toBe(1);

    // Ana back online: the team accepts her booking on the reserved unit.
    await ana.context.setOffline(false);
    await status(ana.page).getByText('Nothing waiting').waitFor();
    const outbox = await readOutbox(ana.page);
    expect(outbox.map((entry) => [entry.name, entry.status])).toEqual([
      ['reserveAllowance', 'applied'],
      ['requestGoLive', 'applied'],
    ]);
    const booked = await serverRecords(database.db, team.id, 'goLiveBookings', 'c-escrow');
    expect(
      booked.map((booking) => [booking['title'], booking['status'], booking['reservationId']]).sort(),
    ).toEqual([
      ['Ben launch', 'booked', null],
      ['Escrow launch', 'booked', reservation?.id],
    ]);
    // Both consoles show both bookings, neither provisional.
    for (const session of [ana, ben]) {
      const table = session.page.getByRole('table', { name: 'Go Live bookings' });
      if (session === ben) await ben.page.goto(`${inject('webUrl')}#/customers/c-escrow/golive`);
      for (const title of ['Escrow launch', 'Ben launch']) {
        await table.getByRole('row', { name: title }).getByText('booked', { exact: true }).waitFor();
      }
      await expect(table.getByText('provisional', { exact: true }).count()).resolves.toBe(0);
    }
    await expect(
      status(ana.page)
        .getByText(/refused/)
        .count(),
    ).resolves.toBe(0);
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  }, 240_000);

  it('500 changes made offline reach the team exactly once, with a reload in the middle of the sync', async () => {
    const ana = await openConsoleAs('ana', 'Ana Lima');
    const ben = await openConsoleAs('ben', 'Ben Keller');
    await ana.context.setOffline(true);
    await ana.page.goto(`${inject('webUrl')}#/customers/c-busy/tickets`);
    await ana.page.getByRole('heading', { level: 1, name: 'Busy Tickets GmbH' }).waitFor();
    // The first changes through the form, as a TAM makes them. Playwright's round trips make 500
    // dialogs take far too long on a shared machine, so the other 495 are queued the way the write
    // path queues them (outbox entry + mutation id, copies of the form's own arguments), as a
    // console offline for days would hold them; the rebase after the sync brings their rows.
    const logTicket = async (title: string) => {
      await ana.page.getByRole('button', { name: 'Log ticket' }).click();
      const dialog = ana.page.getByRole('dialog', { name: /Log ticket/ });
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByRole('button', { name: 'Log ticket' }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    for (let index = 1; index <= 4; index += 1) await logTicket(`Offline ticket ${index}`);
    await ana.page.evaluate(queueCopiesInPage, { from: 5, to: 499 });
    // The last one through the form again: it takes id 500 after the queued ones.
    await logTicket('Offline ticket 500');
    await status(ana.page).getByText('500 waiting').waitFor();
    await saveScreenshot(ana.page, 'sync-500-waiting');

    // Back online, and the page reloads while the push is under way.
    await ana.context.setOffline(false);
    await ana.page.waitForTimeout(20);
    await ana.page.reload();
    await status(ana.page).getByText('Nothing waiting').waitFor({ timeout: 60_000 });
    const outbox = await readOutbox(ana.page);
    expect(outbox).toHaveLength(500);
    expect(new Set(outbox.map((entry) => entry.mutationId)).size).toBe(500);
    expect(
      outbox
        .filter((entry) => entry.status !== 'applied')
        .map((entry) => [entry.mutationId, entry.status, entry.rejection?.message]),
    ).toEqual([]);

    const [tickets] = await database.db.query<{ count: unknown; titles: unknown }>(
      `SELECT count(*) AS count, count(DISTINCT data->>'title') AS titles FROM records
       WHERE team_id = $1 AND table_name = 'tickets' AND customer_id = 'c-busy' AND NOT deleted`,
      [team.id],
    );
    expect(Number(tickets?.count)).toBe(500);
    expect(Number(tickets?.titles)).toBe(500);
    const [audit] = await database.db.query<{ count: unknown; distinct: unknown }>(
      `SELECT count(*) AS count, count(DISTINCT mutation_id) AS distinct FROM audit_log
       WHERE team_id = $1 AND user_id = 'ana' AND name = 'openTicket' AND status = 'applied'`,
      [team.id],
    );
    expect(Number(audit?.count)).toBe(500);
    expect(Number(audit?.distinct)).toBe(500);

    // Ben, online all along, sees them through the poke.
    await ben.page.goto(`${inject('webUrl')}#/customers/c-busy/tickets`);
    await ben.page
      .getByRole('cell', { name: 'Offline ticket 500', exact: true })
      .waitFor({ timeout: 30_000 });
    // The viewport only: 500 rows make a full-page picture nobody can read.
    await ben.page.screenshot({ path: join(screenshotDir, 'sync-500-arrived.png') });
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  }, 600_000);
});
