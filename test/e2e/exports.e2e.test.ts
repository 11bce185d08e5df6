// Exports and import in real Chromium against the browser build with the demo book: a calendar
// file read back by ical.js, a CSV import that refuses a bad row and writes nothing, then a good
// one, and a usage statement printed to PDF by Chromium and turned into a picture with pdftoppm.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordColumns } from '../../src/core/csvImport';
import { parseCalendar } from '../support/icsParse';
import { launchChromium, saveScreenshot, screenshotDir } from './browser';

const myZone = 'Europe/Zurich';
const resultsDir = join(process.cwd(), 'test-results');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

type Session = { context: BrowserContext; page: Page; errors: string[] };

async function openDemoConsole(): Promise<Session> {
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
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  return { context, page, errors };
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${view}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(blocking).toEqual([]);
}

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Rows of one IndexedDB store of the console's database, read in the page. */
async function storeRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('tam-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

type Named = { id: string; customerId?: string; name?: string };

/** A demo customer with a contract, review series and Go Live bookings: the richest to export. */
async function richDemoCustomer(page: Page): Promise<{ id: string; name: string }> {
  const customers = await storeRows<Named>(page, 'customers');
  const withSeries = new Set((await storeRows<Named>(page, 'reviewSeries')).map((row) => row.customerId));
  const withGoLive = new Set((await storeRows<Named>(page, 'goLiveBookings')).map((row) => row.customerId));
  const withContract = new Set((await storeRows<Named>(page, 'contracts')).map((row) => row.customerId));
  const found = customers.find(
    (customer) => withSeries.has(customer.id) && withGoLive.has(customer.id) && withContract.has(customer.id),
  );
  if (!found?.name) throw new Error('the demo book has no customer with series, Go Lives and a contract');
  return { id: found.id, name: found.name };
}

async function openCustomer(page: Page, name: string): Promise<void> {
  await view(page, 'Customers');
  await page.getByRole('textbox', { name: 'Search customers' }).fill(name);
  await page.getByRole('table').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function csvLine(cells: Partial<Record<(typeof recordColumns)[number], string>>): string {
  return recordColumns.map((column) => cells[column] ?? '').join(',');
}

describe('exports and import in Chromium', () => {
  it('a customer s calendar file downloads and ical.js reads the fortnightly series, Go Lives and zones', async () => {
    const { context, page, errors } = await openDemoConsole();
    const customer = await richDemoCustomer(page);
    await openCustomer(page, customer.name);
    await page.getByRole('button', { name: 'Export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Calendar file (.ics)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const text = readFileSync((await download.path()) as string, 'utf8');

    const calendar = parseCalendar(text);
    const series = await storeRows<{
      id: string;
      customerId: string;
      timeZone: string;
      intervalWeeks: number;
    }>(page, 'reviewSeries');
    const mine = series.filter((row) => row.customerId === customer.id);
    const zone = (await storeRows<{ id: string; timeZone: string }>(page, 'customers')).find(
      (row) => row.id === customer.id,
    )?.timeZone;
    expect(calendar.zones).toContain(zone);
    for (const row of mine) {
      const event = calendar.events.find(
        (candidate) =>
          candidate.uid === `review-series-${row.id}@tam-console` && !candidate.isRecurrenceException(),
      );
      expect(event?.isRecurring()).toBe(true);
      expect(event?.component.getFirstPropertyValue('rrule')?.toString()).toContain(
        `FREQ=WEEKLY;INTERVAL=${row.intervalWeeks}`,
      );
      expect(event?.startDate.zone?.tzid).toBe(row.timeZone);
    }
    const bookings = (await storeRows<{ id: string; customerId: string }>(page, 'goLiveBookings')).filter(
      (row) => row.customerId === customer.id,
    );
    for (const booking of bookings) {
      expect(calendar.events.some((event) => event.uid === `go-live-${booking.id}@tam-console`)).toBe(true);
    }
    // The next two months of calls, expanded by ical.js, are a fortnight apart (when not moved).
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const calls = calendar
      .expand(from, to)
      .filter((occurrence) => occurrence.summary.startsWith('Review call'));
    expect(calls.length).toBeGreaterThan(0);

    // My schedule too.
    await view(page, 'Schedule');
    const scheduleDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export my schedule' }).click();
    const schedule = parseCalendar(readFileSync((await (await scheduleDownload).path()) as string, 'utf8'));
    // The demo user is tam-01: exactly tam-01's review series, each once.
    const seriesUids = schedule.events
      .filter((event) => event.uid.startsWith('review-series-') && !event.isRecurrenceException())
      .map((event) => event.uid)
      .sort();
    const heldByMe = (await storeRows<{ id: string; tamUserId: string }>(page, 'reviewSeries'))
      .filter((row) => row.tamUserId === 'tam-01')
      .map((row) => `review-series-${row.id}@tam-console`)
      .sort();
    expect(heldByMe.length).toBeGreaterThan(0);
    expect(seriesUids).toEqual(heldByMe);

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a CSV import with one bad row shows the row s error and writes nothing; the corrected file imports', async () => {
    const { context, page, errors } = await openDemoConsole();
    const header = recordColumns.join(',');
    const rows = [
      csvLine({
        record: 'customer',
        customer_id: 'imp-1',
        name: 'Imported Alpen AG',
        country: 'CH',
        region: 'SG',
        time_zone: 'Europe/Zurich',
        tam_user_id: 'ana',
        channels: 'ticket;email',
      }),
      csvLine({
        record: 'contract',
        customer_id: 'imp-1',
        contract_id: 'imp-1-contract',
        plan_id: 'edge-mission-critical',
        start_date: '2026-01-01',
        term_months: '24',
      }),
      csvLine({
        record: 'contact',
        customer_id: 'imp-1',
        contact_id: 'imp-1-anna',
        name: 'Anna Keller',
        role: 'engineering',
        email: 'anna@alpen.example',
        phones: '+41712345678',
        primary: 'yes',
      }),
    ];
    const bad = csvLine({
      record: 'contact',
      customer_id: 'imp-1',
      contact_id: 'imp-1-luca',
      name: 'Luca Frei',
      role: 'engineering',
      email: 'luca at alpen',
      phones: '',
    });
    const customersBefore = (await storeRows<Named>(page, 'customers')).length;
    const outboxBefore = (await storeRows<unknown>(page, 'outbox')).length;

    await view(page, 'Customers');
    await page.getByRole('button', { name: 'Export / Import' }).click();
    await page.getByRole('menuitem', { name: 'Import from CSV…' }).click();
    const modal = page.getByRole('dialog', { name: 'Import customers, contracts and contacts' });
    await modal.locator('input[type=file]').setInputFiles({
      name: 'customers-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows, bad].join('\r\n')),
    });
    const problems = modal.getByRole('table', { name: 'Row problems' });
    await problems.getByRole('row', { name: /5\s*email\s*must be an email address/ }).waitFor();
    await expect(modal.getByRole('button', { name: /^Import/ }).isDisabled()).resolves.toBe(true);
    await expectAccessible(page, 'import modal, bad row');
    await saveScreenshot(page, 'import-modal-bad-row');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'detached' });

    // Nothing written: not in the grid, not in the database, nothing queued for the team.
    await page.getByRole('textbox', { name: 'Search customers' }).fill('Imported Alpen');
    await page.getByText(/0 of 60 customers/).waitFor();
    expect((await storeRows<Named>(page, 'customers')).length).toBe(customersBefore);
    expect((await storeRows<Named>(page, 'contacts')).some((row) => row.id === 'imp-1-anna')).toBe(false);
    expect((await storeRows<unknown>(page, 'outbox')).length).toBe(outboxBefore);

    // The corrected file: a preview of three creates, saved as one batch.
    await page.getByRole('button', { name: 'Export / Import' }).click();
    await page.getByRole('menuitem', { name: 'Import from CSV…' }).click();
    await modal.locator('input[type=file]').setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\r\n')),
    });
    const preview = modal.getByRole('table', { name: 'Import preview' });
    await preview.getByRole('row', { name: /Imported Alpen AG/ }).waitFor();
    await expect(preview.getByText('create', { exact: true }).count()).resolves.toBe(3);
    await expectAccessible(page, 'import modal, preview');
    await saveScreenshot(page, 'import-modal-preview');
    await modal.getByRole('button', { name: 'Import 3 changes' }).click();
    await modal.waitFor({ state: 'detached' });
    await page.getByRole('table').getByRole('link', { name: 'Imported Alpen AG' }).waitFor();
    expect((await storeRows<Named>(page, 'customers')).length).toBe(customersBefore + 1);
    expect((await storeRows<unknown>(page, 'outbox')).length).toBe(outboxBefore + 3);
    await page.getByRole('table').getByRole('link', { name: 'Imported Alpen AG' }).click();
    await page.getByRole('tab', { name: 'Contacts & projects' }).click();
    await page.getByRole('cell', { name: '+41712345678' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a usage statement renders to PDF in Chromium, on A4, without the console s navigation', async () => {
    const { context, page, errors } = await openDemoConsole();
    const customer = await richDemoCustomer(page);
    await openCustomer(page, customer.name);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Usage statement (CSV, PDF)' }).click();
    await page.getByText('Usage statement', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    await page.getByRole('heading', { name: 'Allowances' }).waitFor();
    await expectAccessible(page, 'statement');
    await saveScreenshot(page, 'statement-view');

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await csvDownload).path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^section,customer_id,contract_year,date,kind,item/);

    // Chromium's printToPDF, as Electron's webContents.printToPDF calls it.
    mkdirSync(resultsDir, { recursive: true });
    const pdfPath = join(resultsDir, 'statement.pdf');
    const pdf = await page.pdf({ path: pdfPath, printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Usage statement');
    expect(text).toContain(customer.name);
    expect(text).toContain('Service credits and the contract term');
    // Print CSS: no navigation, no buttons.
    expect(text).not.toContain('Download CSV');
    expect(text).not.toMatch(/\bSettings\b/);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(info).toMatch(/Title:\s+Usage statement /);
    mkdirSync(screenshotDir, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      pdfPath,
      join(screenshotDir, 'statement-pdf'),
    ]);
    const png = readFileSync(join(screenshotDir, 'statement-pdf-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    writeFileSync(join(resultsDir, 'statement.txt'), text);

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
