// The console in German in real Chromium: a German browser starts in German, Today reads in German
// with German dates and both zones where they meet, and the language set in Settings sticks.
import type { Browser } from 'playwright-core';
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

describe('the console in German', () => {
  it('a German browser gets first start and Today in German; English chosen in Settings stays after a reload', async () => {
    const { context, page, errors } = await openConsole(browser, {
      timezoneId: 'Europe/Berlin',
      locale: 'de-DE',
    });
    await page.getByRole('heading', { name: 'Willkommen in der TAM Console' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('de');
    await page.getByLabel('Ihr Name').fill('Lena Berger');
    await saveScreenshot(page, 'first-start-de');
    await expectAccessible(page, 'first start, German');
    await page.getByRole('button', { name: 'Demodaten laden' }).click();

    await page.getByRole('heading', { level: 1, name: 'Heute' }).waitFor();
    const calls = page.getByRole('region', { name: 'Review-Calls diese und nächste Woche' });
    await calls.waitFor();
    await page.getByRole('navigation', { name: 'Ansichten' }).getByRole('link', { name: 'Kunden' }).waitFor();
    // German dates ("Di. 24. Nov., 13:30") and, where the customer's zone is not mine, my clock too.
    await expect(calls.getByRole('cell').first().textContent()).resolves.toMatch(
      /^(Mo|Di|Mi|Do|Fr|Sa|So)\.? \d{1,2}\. /,
    );
    await page.getByText('Ihre Zeit').first().waitFor();
    await expectAccessible(page, 'Today, German');
    await saveScreenshot(page, 'today-de');

    await page.getByRole('link', { name: 'Einstellungen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
    await saveScreenshot(page, 'settings-de');
    await expectAccessible(page, 'Settings, German');
    await page.getByRole('combobox', { name: 'Sprache' }).click();
    await page.getByRole('option', { name: 'English (Englisch)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
