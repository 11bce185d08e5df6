// Needs attention, Activity, reservations and backup in real Chromium, against a real team server
// started here (PGlite in a temp folder, or the PostgreSQL that scripts/with-postgres.mjs provides):
// Ana's Go Live bookings made offline are refused by the server because Ben took the last units
// meanwhile; she deals with each refusal, a lead grants her exception from their own console, and
// the server is checked after every action.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecordPut } from '../../src/core/mutations/mutation';
import { migrate } from '../../src/server/db/migrations';
import { importRecords } from '../../src/server/teamAdmin';
import { aContract, aCustomer } from '../support/fixtures';
import { aTeam, startServer, type RunningServer, type TestTeam } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { launchChromium, saveScreenshot } from './browser';
import { expectAccessible } from './consolePage';
import { openTeamConsole, readOutbox, serverRecords, syncStatus, type TeamSession } from './teamConsole';

const customerZone = 'America/Sao_Paulo';
const myZone = 'Europe/Zurich';

let browser: Browser;
let database: TestDatabase;
let server: RunningServer;
let team: TestTeam;

beforeAll(async () => {
  database = await openTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  await migrate(database.db);
  server = await startServer(database.db);
  team = await aTeam(database.db, { ana: 'tam', ben: 'tam', lena: 'lead' });
  // Contract year 1 ends in nine days: a Go Live picked for later counts in year 2.
  const start = DateTime.now().setZone(customerZone).plus({ days: 9 }).minus({ years: 1 });
  const records: RecordPut[] = [
    {
      table: 'customers',
      record: aCustomer({
        id: 'c-bahia',
        name: 'Bahia Streaming Ltda',
        country: 'BR',
        region: null,
        timeZone: customerZone,
        tamUserId: 'ana',
      }),
    },
    {
      table: 'contracts',
      record: aContract({
        id: 'contract-c-bahia',
        customerId: 'c-bahia',
        startDate: start.toFormat('yyyy-MM-dd'),
      }),
    },
  ];
  await importRecords(database.db, team.id, records, { at: new Date().toISOString() });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.dispose();
});

function openConsoleAs(user: 'ana' | 'ben' | 'lena', name: string): Promise<TeamSession> {
  return openTeamConsole(browser, {
    serverUrl: server.url,
    token: team.users[user]?.token ?? '',
    user,
    name,
    zone: myZone,
    role: user === 'lena' ? 'Team lead' : 'TAM',
    acceptDownloads: true,
  });
}

/** The team's Go Live bookings of the customer, as the server holds them, by title. */
async function serverBookings(): Promise<Map<string, Record<string, unknown>>> {
  const bookings = await serverRecords(database.db, team.id, 'goLiveBookings', 'c-bahia');
  return new Map(bookings.map((booking) => [String(booking['title']), booking]));
}

/** What the server holds, polled until the console's push has reached it. */
function onServer<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 30_000, interval: 200 });
}

function teamRecords(table: string): Promise<Record<string, unknown>[]> {
  return serverRecords(database.db, team.id, table);
}

async function view(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function aheadInCustomerZone(hours: number): { date: string; time: string } {
  const at = DateTime.now().plus({ hours, minutes: 1 }).setZone(customerZone).startOf('minute');
  return { date: at.toFormat('yyyy-MM-dd'), time: at.toFormat('HH:mm') };
}

async function bookGoLive(
  page: Page,
  title: string,
  hoursAhead: number,
  reservation?: RegExp,
): Promise<void> {
  await page.goto(`${inject('webUrl')}#/customers/c-bahia/golive`);
  await page.getByRole('heading', { level: 1, name: 'Bahia Streaming Ltda' }).waitFor();
  await page.getByRole('button', { name: 'Book Go Live' }).click();
  const dialog = page.getByRole('dialog', { name: /Book Go Live/ });
  const { date, time } = aheadInCustomerZone(hoursAhead);
  await dialog.getByLabel('What goes live').fill(title);
  await dialog.getByLabel(`Date (${customerZone})`).fill(date);
  await dialog.getByLabel(`Start (${customerZone})`).fill(time);
  await dialog.getByLabel('Length (minutes, up to 360)').fill('120');
  await dialog.getByLabel('Length (minutes, up to 360)').blur();
  if (reservation) {
    await dialog.getByRole('combobox', { name: 'Use my reservation' }).click();
    await page.getByRole('option', { name: reservation }).click();
    await dialog
      .getByText(/reservation/i)
      .first()
      .waitFor();
    await saveScreenshot(page, 'form-go-live-reservation');
  }
  await dialog.getByText('✓ 72 h notice:').waitFor();
  await dialog.getByRole('button', { name: 'Book Go Live' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('Needs attention, Activity, reservations and backup in Chromium', () => {
  it('a TAM reserves units; the team server refuses her offline bookings; she deals with each, a lead grants her exception, and the server shows every outcome', async () => {
    const ana = await openConsoleAs('ana', 'Ana Lima');
    const ben = await openConsoleAs('ben', 'Ben Keller');
    const lena = await openConsoleAs('lena', 'Lena Ortiz');
    const page = ana.page;
    await page.goto(`${inject('webUrl')}#/customers/c-bahia/golive`);
    await page.getByRole('heading', { level: 1, name: 'Bahia Streaming Ltda' }).waitFor();

    // Reserve a unit before travelling, and book on it.
    await page.getByText('No reservations of mine on this customer.').waitFor();
    await page.getByRole('button', { name: 'Reserve Go Live units before travelling' }).click();
    const reserve = page.getByRole('dialog', { name: /Reserve Go Live units/ });
    await reserve.getByText('5 left to reserve').waitFor();
    await expect(reserve.getByLabel('Valid for (days, 1–30)').inputValue()).resolves.toBe('14');
    await reserve.getByLabel('Go Live units').fill('2');
    await reserve.getByText(/Year 1 \(.*\): 5 available, 0 used, 0 reserved/).waitFor();
    await saveScreenshot(page, 'form-reserve-go-live');
    await expectAccessible(page, 'reservation form');
    await reserve.getByRole('button', { name: 'Reserve' }).click();
    await reserve.waitFor({ state: 'detached' });
    const reservations = page.getByRole('table', { name: 'My reservations' });
    await reservations.getByRole('cell', { name: 'Year 1' }).waitFor();

    await bookGoLive(page, 'Launch on my reservation', 100, /Contract year 1: 2 of 2 left/);
    // Units 2, left 1 once the booking spent one.
    await expect.poll(() => reservations.getByRole('row').nth(1).textContent()).toMatch(/^Year 121/);
    await saveScreenshot(page, 'customer-go-live-reservations');
    await expectAccessible(page, 'Go Live tab with reservations');
    // Back home early: the unspent unit goes back to the year for the team.
    await reservations.getByRole('button', { name: 'Release…' }).click();
    await page
      .getByText(/Release it\? 1 unspent unit returns to contract year 1 for the whole team/)
      .waitFor();
    await page.getByRole('button', { name: 'Release the reservation' }).click();
    await reservations.getByText('released').waitFor();
    await onServer(() => teamRecords('allowanceReservations')).toEqual([
      expect.objectContaining({ quantity: 2, reservedBy: 'ana', releasedAt: expect.any(String) }),
    ]);
    const [reservation] = await teamRecords('allowanceReservations');
    await onServer(async () => (await serverBookings()).get('Launch on my reservation')).toMatchObject({
      status: 'booked',
      reservationId: reservation?.['id'],
    });

    // Offline, Ana books four more; meanwhile Ben, online, takes the four units left.
    await ana.context.setOffline(true);
    await syncStatus(page).getByText('Offline', { exact: true }).waitFor();
    for (const [title, hours] of [
      ['Black Friday', 110],
      ['Cyber Monday', 120],
      ['Year-end freeze', 130],
      ['Old launch', 140],
    ] as const)
      await bookGoLive(page, title, hours);
    await syncStatus(page).getByText('4 waiting').waitFor();
    for (const [title, hours] of [
      ['Ben one', 150],
      ['Ben two', 160],
      ['Ben three', 170],
      ['Ben four', 180],
    ] as const)
      await bookGoLive(ben.page, title, hours);
    await onServer(async () => (await serverBookings()).size).toBe(5);

    // Back online: the team server refuses all four, and says why.
    await ana.context.setOffline(false);
    await syncStatus(page).getByText('4 refused').waitFor();
    const refused = (await readOutbox(page)).filter((entry) => entry.status === 'rejected');
    expect(refused.map((entry) => [entry.args['title'], entry.rejection?.code])).toEqual([
      ['Black Friday', 'allowance-exhausted'],
      ['Cyber Monday', 'allowance-exhausted'],
      ['Year-end freeze', 'allowance-exhausted'],
      ['Old launch', 'allowance-exhausted'],
    ]);
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByLabel('4 need attention').waitFor();
    await view(page, 'Needs attention');
    const inbox = page.getByRole('table', { name: 'Refused changes' });
    // The header row and the four refusals, once the inbox has read them.
    await expect.poll(() => inbox.getByRole('row').count()).toBe(5);
    await expect
      .poll(() => inbox.getByText('Go Live allowance: 5 of 5 used in contract year 1').count())
      .toBe(4);
    await inbox.getByRole('cell', { name: 'Bahia Streaming Ltda' }).first().waitFor();
    await saveScreenshot(page, 'needs-attention');
    await expectAccessible(page, 'Needs attention');

    const row = (title: string) => inbox.getByRole('row', { name: new RegExp(title) });
    // Book as billable: re-issued, and it leaves the inbox; the team books it, billable.
    await row('Black Friday').getByRole('button', { name: 'Book as billable' }).click();
    await row('Black Friday').waitFor({ state: 'detached' });
    await onServer(async () => (await serverBookings()).get('Black Friday')).toMatchObject({
      status: 'booked',
      billableAccepted: true,
      bookedBy: 'ana',
    });

    // Pick another date: the form opens with the refused booking's values; after the anniversary
    // the unit comes from contract year 2, and the team books it on the new date.
    await row('Cyber Monday').getByRole('button', { name: 'Pick another date' }).click();
    const rebook = page.getByRole('dialog', { name: /Book Go Live/ });
    await expect(rebook.getByLabel('What goes live').inputValue()).resolves.toBe('Cyber Monday');
    const later = aheadInCustomerZone(300);
    await rebook.getByLabel(`Date (${customerZone})`).fill(later.date);
    await rebook.getByLabel(`Start (${customerZone})`).fill(later.time);
    await rebook.getByText('✓ 72 h notice:').waitFor();
    await saveScreenshot(page, 'needs-attention-pick-another-date');
    await rebook.getByRole('button', { name: 'Book Go Live' }).click();
    await rebook.waitFor({ state: 'detached' });
    await row('Cyber Monday').waitFor({ state: 'detached' });
    await onServer(async () => (await serverBookings()).get('Cyber Monday')).toMatchObject({
      status: 'booked',
      billableAccepted: false,
    });
    const cyberMonday = (await serverBookings()).get('Cyber Monday');
    expect(
      DateTime.fromISO(String(cyberMonday?.['startsAt'])).setZone(customerZone).toFormat('yyyy-MM-dd HH:mm'),
    ).toBe(`${later.date} ${later.time}`);

    // Ask a lead for an exception: the request reaches the team, open.
    await row('Year-end freeze').getByRole('button', { name: 'Ask a lead…' }).click();
    await page
      .getByLabel('Why an exception (for the lead)')
      .fill('Code freeze moved by the customer; one-off.');
    await saveScreenshot(page, 'needs-attention-ask-lead');
    await page.getByRole('button', { name: 'Send to a lead' }).click();
    await row('Year-end freeze').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'My exception requests' }).waitFor();
    const myRequests = page.getByRole('table', { name: 'Exception requests' });
    await myRequests.getByText('open').waitFor();
    await onServer(() => teamRecords('exceptionRequests')).toEqual([
      expect.objectContaining({
        status: 'open',
        requestedBy: 'ana',
        note: 'Code freeze moved by the customer; one-off.',
      }),
    ]);

    // Discard, after a confirmation: it never reaches the team.
    await row('Old launch').getByRole('button', { name: 'Discard…' }).click();
    await page.getByRole('button', { name: 'Discard the change' }).click();
    await page.getByText('Nothing needs attention').waitFor();
    await expect(nav.getByLabel(/needs? attention/).count()).resolves.toBe(0);
    await saveScreenshot(page, 'needs-attention-done');
    await expectAccessible(page, 'Needs attention, done');
    // The team has the bookings the actions made, and neither the discarded one nor the one
    // waiting for the lead.
    await onServer(async () => [...(await serverBookings()).keys()].sort()).toEqual([
      'Ben four',
      'Ben one',
      'Ben three',
      'Ben two',
      'Black Friday',
      'Cyber Monday',
      'Launch on my reservation',
    ]);
    expect(
      (await readOutbox(page))
        .filter((entry) => entry.status === 'resolved')
        .map((entry) => [entry.args['title'], entry.resolution]),
    ).toEqual([
      ['Black Friday', 'billable'],
      ['Cyber Monday', 'rebooked'],
      ['Year-end freeze', 'exceptionAsked'],
      ['Old launch', 'discarded'],
    ]);

    // A lead, in her own console, decides the exception; the team and Ana see it granted.
    const lenaNav = lena.page.getByRole('navigation', { name: 'Views' });
    await lenaNav.getByLabel('1 needs attention').waitFor();
    await view(lena.page, 'Needs attention');
    await lena.page.getByRole('heading', { name: 'Exception requests to decide' }).waitFor();
    await lena.page.getByRole('button', { name: 'Decide…' }).click();
    await lena.page.getByLabel('Note for the TAM').fill('Granted once.');
    await saveScreenshot(lena.page, 'needs-attention-lead');
    await lena.page.getByRole('button', { name: 'Grant' }).click();
    // Decided, it leaves the lead's list of requests to decide.
    await lena.page.getByRole('button', { name: 'Decide…' }).waitFor({ state: 'detached' });
    await expect(lenaNav.getByLabel(/needs? attention/).count()).resolves.toBe(0);
    await onServer(() => teamRecords('exceptionRequests')).toEqual([
      expect.objectContaining({ status: 'granted', decidedBy: 'lena', decisionNote: 'Granted once.' }),
    ]);
    await myRequests.getByText('granted', { exact: true }).waitFor();
    await myRequests.getByText(/Granted once\./).waitFor();

    // Activity: what I changed, by day, and what has reached the team.
    await view(page, 'Activity');
    const activity = page.getByRole('table', { name: 'My changes' });
    await activity
      .getByText(/Booked Go Live "Black Friday".*/)
      .first()
      .waitFor();
    await expect.poll(() => activity.getByText('refused, dealt with').count()).toBe(4);
    await activity.getByText('discarded', { exact: true }).waitFor();
    await activity.getByText('a lead was asked for an exception').waitFor();
    await saveScreenshot(page, 'activity');
    await expectAccessible(page, 'Activity');
    // Everything else reached the team.
    await page.getByLabel('Only not yet at the team').check();
    await page.getByText('Every change of mine has reached the team.').waitFor();

    // A change made offline, not yet at the team, for the backup to hold.
    await ana.context.setOffline(true);
    await syncStatus(page).getByText('Offline', { exact: true }).waitFor();
    await bookGoLive(page, 'Carnival', 260);
    await syncStatus(page).getByText('1 waiting').waitFor();

    // Backup: downloaded as JSON with everything; a bad file is refused, and says why.
    await view(page, 'Settings');
    await page.getByText(/Browser build: there is no copy of the outbox/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export a backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tam-console-backup-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      format: string;
      records: { customers: unknown[]; goLiveBookings: unknown[]; exceptionRequests: { status: string }[] };
      outbox: unknown[];
    };
    expect(backup.format).toBe('tam-console-backup');
    expect(backup.records.customers).toHaveLength(1);
    expect(backup.records.exceptionRequests.map((request) => request.status)).toEqual(['granted']);
    expect(backup.outbox.length).toBeGreaterThan(8);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await (
      await chooser
    ).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await page.getByRole('alert').filter({ hasText: 'This backup cannot be restored' }).waitFor();
    const good = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await (await good).setFiles(await download.path());
    const preview = page.getByLabel('Backup preview');
    await preview.getByRole('row', { name: /Customers\s*1/ }).waitFor();
    // Changes wait for the team here: restoring is refused until I agree to replace them.
    const replace = preview.getByRole('checkbox', {
      name: 'Replace my 1 change not yet at the team (it will be lost)',
    });
    await replace.waitFor();
    await expect(page.getByRole('button', { name: 'Restore this backup' }).isDisabled()).resolves.toBe(true);
    await saveScreenshot(page, 'settings-backup');
    await expectAccessible(page, 'Settings, backup');
    await replace.check();
    // The console reopens on the backup. Back online first: the browser build reloads from the
    // network (the desktop app from its own files), and the change the backup holds still goes out.
    await ana.context.setOffline(false);
    const reopened = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await reopened;
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await syncStatus(page).getByText('Nothing waiting').waitFor();
    await onServer(async () => (await serverBookings()).has('Carnival')).toBe(true);
    await view(page, 'Activity');
    await page.getByRole('table', { name: 'My changes' }).getByText('discarded', { exact: true }).waitFor();

    for (const session of [ana, ben, lena]) {
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
  }, 300_000);
});
