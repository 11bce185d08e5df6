// Needs attention, Activity, reservations and backup in real Chromium against the browser build.
// Until the sync client lands, the team server's refusals are written into the outbox the way the
// client records them (status, rejection, local effect taken back), straight into IndexedDB.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, saveScreenshot } from './browser';
import { expectAccessible, refuseOnServer } from './consolePage';

const customerZone = 'America/Sao_Paulo';
const myZone = 'Europe/Zurich';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

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
  it('a TAM reserves units, deals with every refused change, reads the activity, and exports a backup', async () => {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      timezoneId: myZone,
      locale: 'en-GB',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(inject('webUrl'));
    await page.getByLabel('Your name').fill('Ana Lima');
    await page.getByRole('button', { name: 'Start with an empty book' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

    await view(page, 'Customers');
    await page.getByRole('button', { name: 'New customer' }).click();
    const newCustomer = page.getByRole('dialog', { name: 'New customer' });
    await newCustomer.getByLabel('Name').fill('Bahia Streaming Ltda');
    await page.getByRole('combobox', { name: 'Contracting country' }).click();
    await page.getByRole('option', { name: 'Brazil (BR)' }).click();
    await newCustomer.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bahia Streaming Ltda' }).waitFor();

    // Reserve a unit before travelling, and book on it.
    await page.getByRole('tab', { name: 'Go Live' }).click();
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

    // Four more bookings; the team server refuses them (another TAM took the last units).
    for (const [title, hours] of [
      ['Black Friday', 110],
      ['Cyber Monday', 120],
      ['Year-end freeze', 130],
      ['Old launch', 140],
    ] as const)
      await bookGoLive(page, title, hours);
    await refuseOnServer(page, ['Black Friday', 'Cyber Monday', 'Year-end freeze', 'Old launch'], {
      code: 'allowance-exhausted',
      message:
        'No Go Live events left in contract year 1 (5 included + 0 bought, 5 used, 0 reserved); book it as billable or pick another year.',
      field: 'acceptBillable',
      numbers: { contractYear: 1, included: 5, addOn: 0, used: 5, reserved: 0, remaining: 0 },
    });

    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByLabel('4 need attention').waitFor();
    await view(page, 'Needs attention');
    const inbox = page.getByRole('table', { name: 'Refused changes' });
    await expect(inbox.getByRole('row').count()).resolves.toBe(5);
    await expect(inbox.getByText('Go Live allowance: 5 of 5 used in contract year 1').count()).resolves.toBe(
      4,
    );
    await inbox.getByRole('cell', { name: 'Bahia Streaming Ltda' }).first().waitFor();
    await saveScreenshot(page, 'needs-attention');
    await expectAccessible(page, 'Needs attention');

    const row = (title: string) => inbox.getByRole('row', { name: new RegExp(title) });
    // Book as billable: re-issued, and it leaves the inbox.
    await row('Black Friday').getByRole('button', { name: 'Book as billable' }).click();
    await row('Black Friday').waitFor({ state: 'detached' });

    // Pick another date: the form opens with the refused booking's values.
    await row('Cyber Monday').getByRole('button', { name: 'Pick another date' }).click();
    const rebook = page.getByRole('dialog', { name: /Book Go Live/ });
    await expect(rebook.getByLabel('What goes live').inputValue()).resolves.toBe('Cyber Monday');
    const later = aheadInCustomerZone(200);
    await rebook.getByLabel(`Date (${customerZone})`).fill(later.date);
    await rebook.getByLabel(`Start (${customerZone})`).fill(later.time);
    await rebook.getByText('✓ 72 h notice:').waitFor();
    await saveScreenshot(page, 'needs-attention-pick-another-date');
    await rebook.getByRole('button', { name: 'Book Go Live' }).click();
    await rebook.waitFor({ state: 'detached' });
    await row('Cyber Monday').waitFor({ state: 'detached' });

    // Ask a lead for an exception.
    await row('Year-end freeze').getByRole('button', { name: 'Ask a lead…' }).click();
    await page
      .getByLabel('Why an exception (for the lead)')
      .fill('Code freeze moved by the customer; one-off.');
    await saveScreenshot(page, 'needs-attention-ask-lead');
    await page.getByRole('button', { name: 'Send to a lead' }).click();
    await row('Year-end freeze').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'My exception requests' }).waitFor();
    await page.getByRole('table', { name: 'Exception requests' }).getByText('open').waitFor();

    // Discard, after a confirmation.
    await row('Old launch').getByRole('button', { name: 'Discard…' }).click();
    await page.getByRole('button', { name: 'Discard the change' }).click();
    await page.getByText('Nothing needs attention').waitFor();
    await expect(nav.getByLabel(/needs? attention/).count()).resolves.toBe(0);
    await saveScreenshot(page, 'needs-attention-done');
    await expectAccessible(page, 'Needs attention, done');

    // Activity: what I changed, by day, and what has reached the team.
    await view(page, 'Activity');
    const activity = page.getByRole('table', { name: 'My changes' });
    await activity
      .getByText(/Booked Go Live "Black Friday".*/)
      .first()
      .waitFor();
    await expect(activity.getByText('refused, dealt with').count()).resolves.toBe(4);
    await activity.getByText('discarded', { exact: true }).waitFor();
    await activity.getByText('a lead was asked for an exception').waitFor();
    await saveScreenshot(page, 'activity');
    await expectAccessible(page, 'Activity');
    await page.getByLabel('Only not yet at the team').check();
    await expect.poll(() => activity.getByText('refused, dealt with').count()).toBe(0);
    await expect.poll(() => activity.getByText('not yet at the team').count()).toBeGreaterThan(3);

    // A lead decides the exception in the same inbox.
    await view(page, 'Settings');
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Team lead' }).click();
    await page.getByRole('button', { name: 'Save me' }).click();
    await nav.getByLabel('1 needs attention').waitFor();
    await view(page, 'Needs attention');
    await page.getByRole('heading', { name: 'Exception requests to decide' }).waitFor();
    await page.getByRole('button', { name: 'Decide…' }).click();
    await page.getByLabel('Note for the TAM').fill('Granted once.');
    await saveScreenshot(page, 'needs-attention-lead');
    await page.getByRole('button', { name: 'Grant' }).click();
    const requests = page.getByRole('table', { name: 'Exception requests' });
    await requests.getByText('granted', { exact: true }).waitFor();
    await requests.getByText(/Granted once\./).waitFor();
    await expect(nav.getByLabel(/needs? attention/).count()).resolves.toBe(0);

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
    const replace = preview.getByRole('checkbox', { name: /Replace my \d+ changes not yet at the team/ });
    await replace.waitFor();
    await expect(page.getByRole('button', { name: 'Restore this backup' }).isDisabled()).resolves.toBe(true);
    await saveScreenshot(page, 'settings-backup');
    await expectAccessible(page, 'Settings, backup');
    await replace.check();
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByText(/Restored \d+ records and \d+ changes/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await view(page, 'Activity');
    await page.getByRole('table', { name: 'My changes' }).getByText('discarded', { exact: true }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
