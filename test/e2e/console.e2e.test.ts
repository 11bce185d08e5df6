// The console in real Chromium against the browser build: a TAM's day from first start to a
// reload, every view screenshotted and checked with axe-core.
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, saveScreenshot } from './browser';
import { expectAccessible } from './consolePage';

const customerZone = 'America/Sao_Paulo';
const myZone = 'Europe/Zurich';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

type Session = { context: BrowserContext; page: Page; errors: string[] };

async function openConsole(): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: myZone,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(inject('webUrl'));
  return { context, page, errors };
}

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** The customer's date and time `hours` from now, as the Go Live form takes them. */
function aheadInCustomerZone(hours: number): { date: string; time: string } {
  // Rounded up to the next minute so the notice is never a few seconds short of the hours.
  const at = DateTime.now().plus({ hours, minutes: 1 }).setZone(customerZone).startOf('minute');
  return { date: at.toFormat('yyyy-MM-dd'), time: at.toFormat('HH:mm') };
}

async function fillGoLive(page: Page, title: string, hoursAhead: number): Promise<void> {
  const { date, time } = aheadInCustomerZone(hoursAhead);
  const dialog = page.getByRole('dialog', { name: /Book Go Live/ });
  await dialog.getByLabel('What goes live').fill(title);
  await dialog.getByLabel(`Date (${customerZone})`).fill(date);
  await dialog.getByLabel(`Start (${customerZone})`).fill(time);
  await dialog.getByLabel('Length (minutes, up to 360)').fill('240');
  await dialog.getByLabel('Length (minutes, up to 360)').blur();
}

async function bookGoLive(page: Page, title: string, hoursAhead: number): Promise<void> {
  await page.getByRole('button', { name: 'Book Go Live' }).click();
  await fillGoLive(page, title, hoursAhead);
  const dialog = page.getByRole('dialog', { name: /Book Go Live/ });
  await dialog.getByText('✓ 72 h notice:').waitFor();
  await dialog.getByRole('button', { name: 'Book Go Live' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the TAM Console in Chromium', () => {
  it('a TAM creates a Mission Critical customer, books Go Lives by the rules, logs a ticket, and it all survives a reload', async () => {
    const { context, page, errors } = await openConsole();

    // First start: who I am, and an empty book.
    await page.getByRole('heading', { name: 'Welcome to the TAM Console' }).waitFor();
    await page.getByLabel('Your name').fill('Ana Lima');
    await saveScreenshot(page, 'first-start');
    await expectAccessible(page, 'first start');
    await page.getByRole('button', { name: 'Start with an empty book' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await expect(page.getByText('Offline-only (no sync server set)').isVisible()).resolves.toBe(true);

    // A new customer on Mission Critical.
    await view(page, 'Customers');
    await page.getByRole('button', { name: 'New customer' }).click();
    const newCustomer = page.getByRole('dialog', { name: 'New customer' });
    await newCustomer.getByLabel('Name').fill('Bahia Streaming Ltda');
    await chooseOption(page, 'Contracting country', 'Brazil (BR)');
    await expect(
      newCustomer.getByRole('combobox', { name: "Customer's time zone" }).inputValue(),
    ).resolves.toBe(customerZone);
    await expect(newCustomer.getByRole('combobox', { name: 'Plan' }).inputValue()).resolves.toBe(
      'Edge Mission Critical',
    );
    await saveScreenshot(page, 'form-new-customer');
    await expectAccessible(page, 'new customer form');
    await newCustomer.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bahia Streaming Ltda' }).waitFor();

    // The review series, every other week.
    await page.getByRole('button', { name: 'Schedule review series' }).click();
    const series = page.getByRole('dialog', { name: /Schedule review series/ });
    await series.getByLabel(`Agreed time (${customerZone})`).fill('10:30');
    await saveScreenshot(page, 'form-review-series');
    await series.getByRole('button', { name: 'Schedule series' }).click();
    await series.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Review calls' }).click();
    await page.getByRole('cell', { name: `10:30 (${customerZone})` }).waitFor();

    // A Go Live 80 h ahead is accepted.
    await page.getByRole('tab', { name: 'Go Live' }).click();
    await bookGoLive(page, 'Launch 80 h', 80);
    await page.getByRole('cell', { name: 'Launch 80 h' }).waitFor();

    // One 60 h ahead is refused, with the numbers, live and on submit.
    await page.getByRole('button', { name: 'Book Go Live' }).click();
    await fillGoLive(page, 'Launch 60 h', 60);
    const goLive = page.getByRole('dialog', { name: /Book Go Live/ });
    await goLive
      .getByText(/Go Live needs 72 h notice; this gives (59 h 5\d min|60 h)\./)
      .first()
      .waitFor();
    await goLive.getByRole('button', { name: 'Book Go Live' }).click();
    const refusal = goLive.locator('.mantine-InputWrapper-error', { hasText: 'Go Live needs 72 h notice' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/this gives (59 h 5\d min|60 h)\./);
    await expect(goLive.getByText('The notice deadline passed').isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'form-go-live-refused');
    await expectAccessible(page, 'Go Live form, refused');
    await goLive.getByRole('button', { name: 'Cancel' }).click();
    await goLive.waitFor({ state: 'detached' });

    // Four more use up the five included events...
    for (const [index, hours] of [100, 110, 120, 130].entries())
      await bookGoLive(page, `Event ${index + 2}`, hours);
    await page.getByRole('cell', { name: 'Event 5' }).waitFor();
    await expect(
      page.getByRole('table', { name: 'Go Live bookings' }).getByRole('row').count(),
    ).resolves.toBe(6);

    // ...and the sixth is offered as billable, never silently accepted.
    await page.getByRole('button', { name: 'Book Go Live' }).click();
    await fillGoLive(page, 'Event 6', 140);
    await goLive
      .getByText(/No Go Live events left in contract year 1 \(5 included \+ 0 bought, 5 used, 0 reserved\)/)
      .first()
      .waitFor();
    const billable = goLive.getByRole('checkbox', { name: /Book as billable/ });
    await expect(billable.isChecked()).resolves.toBe(false);
    await goLive.getByRole('button', { name: 'Book Go Live' }).click();
    await goLive.locator('.mantine-InputWrapper-error', { hasText: 'No Go Live events left' }).waitFor();
    await billable.check();
    await goLive.getByText('Billable', { exact: true }).waitFor();
    await saveScreenshot(page, 'form-go-live-billable');
    await expectAccessible(page, 'Go Live form, billable');
    await goLive.getByRole('button', { name: 'Book Go Live' }).click();
    await goLive.waitFor({ state: 'detached' });
    const bookings = page.getByRole('table', { name: 'Go Live bookings' });
    await bookings.getByRole('cell', { name: 'Event 6' }).waitFor();
    await expect(bookings.getByText('billable', { exact: true }).count()).resolves.toBe(1);
    await saveScreenshot(page, 'customer-go-live');
    await expectAccessible(page, 'customer Go Live');

    // A business-critical ticket (Sev1 of the edge plans): its deadline and credits.
    await page.getByRole('button', { name: 'Log ticket' }).click();
    const ticket = page.getByRole('dialog', { name: /Log ticket/ });
    await expect(ticket.getByRole('combobox', { name: 'Severity' }).inputValue()).resolves.toBe(
      'Business-critical system down',
    );
    await ticket.getByLabel('Title').fill('Checkout is down');
    await ticket.getByText(/First response within 15 min \(24x7\)\. Logged now, it is due by/).waitFor();
    await saveScreenshot(page, 'form-ticket');
    await ticket.getByRole('button', { name: 'Log ticket' }).click();
    await ticket.waitFor({ state: 'detached' });
    const tickets = page.getByRole('table', { name: 'Tickets' });
    const ticketRow = tickets.getByRole('row', { name: /Checkout is down/ });
    await ticketRow.waitFor();
    await expect(ticketRow.textContent()).resolves.toMatch(/First response within 15 min \(24x7\)/);
    await expect(ticketRow.textContent()).resolves.toMatch(/1[45] min left/);
    await expect(ticketRow.getByRole('cell', { name: '0 d' }).isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'customer-tickets');
    await expectAccessible(page, 'customer tickets');

    // A project, and a contact whose phone numbers are kept in E.164: a local number is refused at its field.
    await page.getByRole('tab', { name: 'Contacts & projects' }).click();
    await page.getByRole('button', { name: 'Add project' }).click();
    const project = page.getByRole('dialog', { name: /Add project/ });
    await project.getByLabel('Name').fill('Streaming API');
    await project.getByRole('button', { name: 'Add project' }).click();
    await project.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add contact' }).click();
    const contact = page.getByRole('dialog', { name: /Add contact/ });
    await contact.getByLabel('Name').fill('Marina Costa');
    await contact.getByLabel('Email').fill('marina@bahia.example');
    const phones = contact.getByLabel('Phone numbers (E.164)');
    await phones.fill('011 91234 5678');
    await phones.press('Enter');
    await contact.getByRole('button', { name: 'Add contact' }).click();
    await contact.getByText(/must be an E\.164 number with country and area code/).waitFor();
    await saveScreenshot(page, 'form-contact-refused');
    await expectAccessible(page, 'contact form, refused');
    await phones.press('Backspace');
    await phones.fill('+5511912345678');
    await phones.press('Enter');
    await contact.getByRole('button', { name: 'Add contact' }).click();
    await contact.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '+5511912345678' }).waitFor();

    // The other tabs of the customer.
    for (const [tab, shot] of [
      ['Contract & plan', 'customer-contract'],
      ['Allowances', 'customer-allowances'],
      ['Review calls', 'customer-review-calls'],
      ['Reviews, training, configurations', 'customer-entitlements'],
      ['Contacts & projects', 'customer-contacts'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel', { name: tab }).waitFor();
      await saveScreenshot(page, shot);
      await expectAccessible(page, `customer ${tab}`);
    }

    // Reload: everything is still there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Bahia Streaming Ltda' }).waitFor();
    await page.getByRole('tab', { name: 'Go Live' }).click();
    await expect(
      page.getByRole('table', { name: 'Go Live bookings' }).getByRole('row').count(),
    ).resolves.toBe(7);
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await page
      .getByRole('table', { name: 'Tickets' })
      .getByRole('row', { name: /Checkout is down/ })
      .waitFor();
    await page.getByRole('tab', { name: 'Review calls' }).click();
    await page.getByRole('cell', { name: `10:30 (${customerZone})` }).waitFor();
    await view(page, 'Customers');
    const row = page.getByRole('row', { name: /Bahia Streaming Ltda/ });
    await expect(row.textContent()).resolves.toContain('0/5 +1');
    await saveScreenshot(page, 'customers-one');

    await view(page, 'Settings');
    await page.getByRole('cell', { name: /Booked Go Live "Event 6".*billable/ }).waitFor();
    await saveScreenshot(page, 'settings');
    await expectAccessible(page, 'settings');

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('the demo book opens on Today, and the customers grid sorts, filters and searches', async () => {
    const { context, page, errors } = await openConsole();
    await page.getByLabel('Your name').fill('Ana Lima');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'Review calls this week and next' }).waitFor();
    await saveScreenshot(page, 'today');
    await expectAccessible(page, 'today');

    await view(page, 'Customers');
    const grid = page.getByRole('table');
    await grid.getByRole('row').nth(5).waitFor();
    await page.getByText('60 customers').waitFor();
    await saveScreenshot(page, 'customers');
    await expectAccessible(page, 'customers');

    await page.getByRole('textbox', { name: 'Search customers' }).fill('aurora');
    await page.getByText(/of 60 customers/).waitFor();
    const names = await grid.locator('tbody a').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain('aurora');
    await page.getByRole('textbox', { name: 'Search customers' }).fill('');

    await page.getByRole('button', { name: /^Go Live/ }).click();
    const first = await grid.locator('tbody tr').first().locator('td').nth(4).textContent();
    expect(first).toMatch(/^0\//);

    await view(page, 'Schedule');
    await page.getByRole('region').filter({ hasText: 'Review call' }).first().waitFor();
    await saveScreenshot(page, 'schedule-week');
    await expectAccessible(page, 'schedule, week');
    await page.getByText('Month', { exact: true }).click();
    await page.getByText(/^[A-Z][a-z]+ \d{4} · times in/).waitFor();
    await saveScreenshot(page, 'schedule-month');
    await expectAccessible(page, 'schedule, month');

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
