// The command palette and the shortcut help sheet in real Chromium, driven from the keyboard alone:
// open a customer by name, book a Go Live for a customer chosen in the palette, read the shortcuts.
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './browser';
import { expectAccessible, openConsole } from './consolePage';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function startWithDemo(page: Page): Promise<void> {
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
}

/** Some customer of the demo book, as Today links to it. */
async function someCustomerName(page: Page): Promise<string> {
  const link = page.getByRole('main').locator('section a').first();
  await link.waitFor();
  return (await link.textContent()) ?? '';
}

describe('the command palette, from the keyboard alone', () => {
  it('Ctrl+K, a customer name and Enter open that customer; Book Go Live through the palette books one', async () => {
    const { context, page, errors } = await openConsole(browser, {
      timezoneId: 'Europe/Zurich',
      locale: 'en-GB',
    });
    await startWithDemo(page);
    const name = await someCustomerName(page);
    expect(name.length).toBeGreaterThan(3);

    // Open a customer: Ctrl+K, type the name, Enter.
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search customers and commands' });
    await search.waitFor();
    await expect(search.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expectAccessible(page, 'command palette');
    await saveScreenshot(page, 'palette-open');
    await page.keyboard.type(name);
    const palette = page.locator('#console-palette-actions');
    await palette
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .first()
      .waitFor();
    await saveScreenshot(page, 'palette-customer');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await search.waitFor({ state: 'hidden' });

    // Book Go Live from another view: the palette asks for the customer, then opens the form.
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.keyboard.press('Control+K');
    await search.waitFor();
    await page.keyboard.type('book go');
    await palette.getByRole('button', { name: /Book Go Live for a customer/ }).waitFor();
    await page.keyboard.press('Enter');
    const pick = page.getByRole('textbox', { name: 'Choose the customer' });
    await pick.waitFor();
    // A customer whose plan includes Go Live events, as the palette describes it.
    const onMissionCritical = palette.getByRole('button', { name: /Edge Mission Critical/ }).first();
    await onMissionCritical.waitFor();
    const bookFor = (await onMissionCritical.locator('.mantine-Spotlight-actionLabel').textContent()) ?? '';
    await page.keyboard.type(bookFor);
    await palette
      .getByRole('button', { name: new RegExp(`^${bookFor}`) })
      .first()
      .waitFor();
    await saveScreenshot(page, 'palette-pick-customer');
    await expectAccessible(page, 'command palette, choosing the customer');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: bookFor }).waitFor();
    const dialog = page.getByRole('dialog', { name: `Book Go Live — ${bookFor}` });
    await dialog.waitFor();

    // The form, filled by typing: a window five days ahead in the customer's zone.
    const zoneLabel = await dialog
      .getByText(/^Date \(/)
      .first()
      .textContent();
    const zone = /^Date \((.+)\)/.exec(zoneLabel ?? '')?.[1] ?? 'UTC';
    const at = DateTime.now().plus({ days: 5 }).setZone(zone).set({ hour: 10, minute: 0 });
    await dialog.getByLabel('What goes live').fill('Palette launch');
    await dialog.getByLabel(`Date (${zone})`).fill(at.toFormat('yyyy-MM-dd'));
    await dialog.getByLabel(`Start (${zone})`).fill('10:00');
    const length = dialog.getByLabel('Length (minutes, up to 360)');
    await length.fill('120');
    await dialog.getByText('✓ 72 h notice:').waitFor();
    await saveScreenshot(page, 'palette-go-live-form');
    const billable = dialog.getByRole('checkbox', { name: /Book as billable/ });
    if ((await billable.count()) > 0) await billable.check();
    await length.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Go Live', selected: true }).waitFor();
    await page.getByRole('cell', { name: 'Palette launch' }).waitFor();
    await saveScreenshot(page, 'palette-go-live-booked');

    // Views by shortcut, the same keys the app menu shows.
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('Ctrl+Shift+G reserves Go Live units: on a customer page for that customer, elsewhere through the palette', async () => {
    const { context, page, errors } = await openConsole(browser, {
      timezoneId: 'Europe/Zurich',
      locale: 'en-GB',
    });
    await startWithDemo(page);
    const name = await someCustomerName(page);

    // Elsewhere: the palette asks which customer, then the form opens on their Go Live tab.
    await page.keyboard.press('Control+Shift+G');
    const pick = page.getByRole('textbox', { name: 'Choose the customer' });
    await pick.waitFor();
    await expect(pick.getAttribute('placeholder')).resolves.toBe(
      "Reserve Go Live units: type the customer's name…",
    );
    await page.keyboard.type(name);
    const palette = page.locator('#console-palette-actions');
    await palette
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Reserve Go Live units — ${name}` });
    await dialog.waitFor();
    await page.getByRole('tab', { name: 'Go Live', selected: true }).waitFor();
    await saveScreenshot(page, 'palette-reserve-form');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // On the customer's page the same keys open the form for that customer at once.
    await page.keyboard.press('Control+Shift+G');
    await dialog.waitFor();
    await expect(pick.count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The palette lists the command with its keys.
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search customers and commands' }).waitFor();
    await page.keyboard.type('reserve');
    const command = palette.getByRole('button', { name: /Reserve Go Live units for a customer/ });
    await command.waitFor();
    await expect(command.textContent()).resolves.toMatch(/Ctrl\+Shift\+G/);
    await page.keyboard.press('Enter');
    await dialog.waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('? and F1 open the help sheet listing every shortcut; ? typed into a field stays a character', async () => {
    const { context, page, errors } = await openConsole(browser, {
      timezoneId: 'Europe/Zurich',
      locale: 'en-GB',
    });
    await startWithDemo(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const rows = help.getByRole('row');
    // Header + one row per shortcut of the table.
    await expect(rows.count()).resolves.toBe(12);
    await expect(help.getByRole('row', { name: /Ctrl\+K\s*Open the command palette/ }).count()).resolves.toBe(
      1,
    );
    await expect(help.getByRole('row', { name: /Ctrl\+G\s*Book Go Live/ }).count()).resolves.toBe(1);
    await expect(
      help.getByRole('row', { name: /Ctrl\+Shift\+G\s*Reserve Go Live units\s*File/ }).count(),
    ).resolves.toBe(1);
    await expectAccessible(page, 'shortcut help sheet');
    await saveScreenshot(page, 'help-sheet');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('F1');
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+2');
    const customerSearch = page.getByRole('textbox', { name: 'Search customers' });
    await customerSearch.click();
    await page.keyboard.type('a?');
    await expect(customerSearch.inputValue()).resolves.toBe('a?');
    await expect(help.count()).resolves.toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
