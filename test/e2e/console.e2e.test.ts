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
    await page.getByText('Offline-only (no sync server set)').waitFor();

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
    await page.getByText('No response objective fell due in the last 12 months.').waitFor();
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

    // The contract changes: a term below the plan's minimum is refused at its field as it is typed;
    // two extra Go Live events for every year turn the billable sixth into an included one.
    await page.getByRole('button', { name: 'More…' }).click();
    await page.getByRole('menuitem', { name: 'Edit contract' }).click();
    const contract = page.getByRole('dialog', { name: /Edit contract/ });
    const term = contract.getByLabel('Term (months)');
    await term.fill('6');
    await contract
      .locator('.mantine-InputWrapper-error', {
        hasText: 'Edge Mission Critical is reserved capacity of at least 12 months; this term is 6.',
      })
      .waitFor();
    await saveScreenshot(page, 'form-contract-refused');
    await expectAccessible(page, 'contract form, refused');
    await term.fill('12');
    await contract.getByLabel('TAM hours per week').fill('2');
    await contract.getByRole('button', { name: 'Add an add-on' }).click();
    await contract.getByLabel('Quantity').fill('2');
    const goLiveLine = contract.getByRole('row', { name: /^Go Live events/ });
    await expect(goLiveLine.textContent()).resolves.toMatch(/5 → 7.*1 → 0/);
    await saveScreenshot(page, 'form-contract');
    await expectAccessible(page, 'contract form');
    await contract.getByRole('button', { name: 'Save contract' }).click();
    await contract.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Go Live' }).click();
    await expect(
      page.getByRole('table', { name: 'Go Live bookings' }).getByText('billable', { exact: true }).count(),
    ).resolves.toBe(0);

    // TAM time against the weekly budget of 2 h: 2 h 30 min is recorded, and shown as 30 min over.
    await page.getByRole('tab', { name: 'Review calls' }).click();
    await page.getByRole('button', { name: 'Log TAM time' }).click();
    const tamTime = page.getByRole('dialog', { name: /Log TAM time/ });
    await tamTime.getByLabel('Minutes').fill('150');
    await tamTime
      .getByText(/2 h 30 min of 2 h budget with this entry \(0 min before\); over the budget by 30 min/)
      .waitFor();
    await tamTime.getByLabel('Note').fill('Prepared the launch runbook');
    await saveScreenshot(page, 'form-tam-time');
    await expectAccessible(page, 'TAM time form');
    await tamTime.getByRole('button', { name: 'Log time' }).click();
    await tamTime.waitFor({ state: 'detached' });
    await page.getByText(/This week \(from .*\): 2 h 30 min of 2 h budget\. 1 week over budget\./).waitFor();

    // A coming call moves to 09:00 in the customer's zone; the form shows it in both zones first.
    await page.getByRole('button', { name: 'Move or cancel' }).last().click();
    const move = page.getByRole('dialog', { name: /Move review call/ });
    await move.getByLabel(`New time (${customerZone})`).fill('09:00');
    const moveNote = move.getByText(/^The call would start/);
    await moveNote.waitFor();
    await expect(moveNote.textContent()).resolves.toMatch(/09:00 GMT-3 · 13:00 GMT\+1 your time/);
    await expectAccessible(page, 'move call form');
    await saveScreenshot(page, 'form-move-call');
    await move.getByRole('button', { name: 'Move call' }).click();
    await move.waitFor({ state: 'detached' });
    await page.getByText('moved', { exact: true }).waitFor();

    // A custom configuration takes a site of the allowance; the same site again takes nothing more.
    await page.getByRole('tab', { name: 'Reviews, training, configurations' }).click();
    for (const [description, note] of [
      ['Cache rules for the player', 'Included: 4 sites left in contract year 1 after this.'],
      ['Origin shield', 'Included: this site is already counted in contract year 1; nothing more is used.'],
    ] as const) {
      await page.getByRole('button', { name: 'Record configuration' }).click();
      const configuration = page.getByRole('dialog', { name: /Record custom configuration/ });
      await configuration.getByLabel('Site').fill('play.bahia.example');
      await configuration.getByLabel('What is configured').fill(description);
      await configuration.getByText(note).waitFor();
      if (description === 'Origin shield') {
        await saveScreenshot(page, 'form-custom-configuration');
        await expectAccessible(page, 'custom configuration form');
      }
      await configuration.getByRole('button', { name: 'Record configuration' }).click();
      await configuration.waitFor({ state: 'detached' });
    }

    // The ticket escalates to a manager: recorded, and the console says the plan sets no objective for it.
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await page.getByRole('button', { name: 'More on ticket Checkout is down' }).click();
    await page.getByRole('menuitem', { name: 'Escalate to a manager' }).click();
    await page
      .getByText(/^Escalation on ticket .*: Edge Mission Critical sets no escalation objective$/)
      .waitFor();

    // The customer changes region: a code that is no region is refused at its field while typing.
    await page.getByRole('button', { name: 'More…' }).click();
    await page.getByRole('menuitem', { name: 'Edit customer' }).click();
    const customer = page.getByRole('dialog', { name: /Edit customer/ });
    const region = customer.getByLabel('Region / canton');
    await region.fill('R-J');
    await customer
      .locator('.mantine-InputWrapper-error', { hasText: 'must be a region code such as SG' })
      .waitFor();
    await region.fill('RJ');
    await customer
      .getByText(
        /Response clocks will run on business hours in America\/Sao_Paulo with the public holidays of BR-RJ/,
      )
      .waitFor();
    await saveScreenshot(page, 'form-customer');
    await expectAccessible(page, 'customer form');
    await customer.getByRole('button', { name: 'Save customer' }).click();
    await customer.waitFor({ state: 'detached' });
    await page.getByText(`BR-RJ · ${customerZone}`).waitFor();

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
      if (tab === 'Allowances') await page.getByRole('figure', { name: /^Burn-down/ }).waitFor();
      if (tab === 'Review calls')
        await page.getByRole('figure', { name: 'TAM hours per week, last 12 weeks' }).waitFor();
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
    await page.getByText(`BR-RJ · ${customerZone}`).waitFor();
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await page
      .getByRole('table', { name: 'Tickets' })
      .getByRole('row', { name: /Checkout is down/ })
      .waitFor();
    await page.getByRole('tab', { name: 'Review calls' }).click();
    await page.getByRole('cell', { name: `10:30 (${customerZone})` }).waitFor();
    await view(page, 'Customers');
    const row = page.getByRole('row', { name: /Bahia Streaming Ltda/ });
    await expect(row.textContent()).resolves.toContain('1/7');
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

    // A demo customer on Identity Custom (a weekly TAM-hour budget): the three charts with real data.
    await chooseOption(page, 'Filter by plan', 'Identity Custom');
    await grid.locator('tbody a').first().click();
    await page.getByRole('tab', { name: 'Allowances' }).click();
    await page
      .getByRole('figure', { name: /^Burn-down/ })
      .first()
      .waitFor();
    await saveScreenshot(page, 'demo-customer-allowances');
    await expectAccessible(page, 'demo customer allowances');
    await page.getByRole('tab', { name: 'Review calls' }).click();
    await page.getByRole('figure', { name: 'TAM hours per week, last 12 weeks' }).waitFor();
    await saveScreenshot(page, 'demo-customer-review-calls');
    await expectAccessible(page, 'demo customer review calls');
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await page.getByRole('tabpanel', { name: 'Tickets' }).waitFor();
    await saveScreenshot(page, 'demo-customer-tickets');
    await expectAccessible(page, 'demo customer tickets');

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
