// The console in German in real Chromium: a German browser starts in German, Today reads in German
// with German dates and both zones where they meet, and the language set in Settings sticks; the
// main screens read in German with no English left on them, and pass axe.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '../../src/renderer/src/i18n/de.json';
import en from '../../src/renderer/src/i18n/en.json';
import { launchChromium, saveScreenshot } from './browser';
import { expectAccessible, openConsole, refuseOnServer } from './consolePage';

let browser: Browser;

// English words of the UI: every word of the English resource that no German sentence uses.
// Proper terms (Go Live, TAM, Slack…) are in both resources, so they never count.
const germanWords = new Set(
  [...leafTexts(de)].flatMap((text) => wordsOf(text)).map((word) => word.toLowerCase()),
);
const englishOnlyWords = new Set(
  [...leafTexts(en)]
    .flatMap((text) => wordsOf(text))
    .filter((word) => word.length >= 3 && !germanWords.has(word.toLowerCase())),
);
// The plan templates' own names and severity labels are the team's data, in whatever language
// the team wrote them: left out of the check.
const templateTexts = leafTexts(JSON.parse(readFileSync('resources/plans/templates.json', 'utf8')))
  .filter((text) => /[A-Za-z]{3}/.test(text))
  .sort((a, b) => b.length - a.length);

// Whole English sentences and phrases (the parts between placeholders, three words or more).
const englishPhrases = [...leafTexts(en)]
  .flatMap((text) => text.split(/\{\{\w+\}\}/))
  .map((part) => part.trim())
  .filter((part) => part.split(/\s+/).length >= 3 && ![...leafTexts(de)].some((text) => text.includes(part)));

function leafTexts(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree];
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.values(tree as Record<string, unknown>).flatMap(leafTexts);
}

function withoutTemplateTexts(text: string): string {
  return templateTexts.reduce((rest, data) => rest.split(data).join(' '), text);
}

function wordsOf(text: string): string[] {
  return text.replace(/\{\{\w+\}\}/g, ' ').match(/[A-Za-zÄÖÜäöüß]+/g) ?? [];
}

/**
 * What the page shows in English: any English phrase of the resources in its text, and any
 * English-only word in its chrome (headings, buttons, tabs, table cells, labels, badges); the
 * customer's name (the grid's links, its page's heading) is data and left out.
 */
async function englishLeftovers(page: Page, withCells: boolean): Promise<string[]> {
  const { text, chrome } = await page.evaluate((cells) => {
    const selectors = `h1, h2, h3, h4, button, [role=tab], th, label, .mantine-Badge-label, nav a${cells ? ', td' : ''}`;
    const chromeTexts = [...document.querySelectorAll(selectors)]
      // A customer's name is the h1 of its page and a link in the grid: data, not chrome.
      .filter(
        (element) =>
          !element.closest('.grid-link') &&
          !element.querySelector('.grid-link') &&
          !(element.tagName === 'H1' && location.hash.startsWith('#/customers/')),
      )
      .map((element) => (element as HTMLElement).innerText);
    return { text: document.body.innerText, chrome: chromeTexts };
  }, withCells);
  const phrases = englishPhrases.filter((phrase) => text.includes(phrase));
  const words = chrome.flatMap((label) =>
    (withoutTemplateTexts(label).match(/[A-Za-z]+/g) ?? [])
      .filter((word) => englishOnlyWords.has(word))
      .map((word) => `${word} (in “${label.slice(0, 60)}”)`),
  );
  return [...new Set([...phrases, ...words])];
}

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

  it('Today, the customers, a customer, Go Live booking, the usage statement, Needs attention, Activity, the schedule and Settings read in German, with no English left, and pass axe', async () => {
    const { context, page, errors } = await openConsole(browser, {
      timezoneId: 'Europe/Zurich',
      locale: 'de-CH',
    });
    // `withCells: false` where table cells are mostly the team's own records (ticket titles, what was used).
    const screen = async (name: string, withCells = true) => {
      await page.waitForTimeout(300);
      await expect(englishLeftovers(page, withCells), name).resolves.toEqual([]);
      await expectAccessible(page, `${name}, German`);
      await saveScreenshot(page, `${name}-de`);
    };
    const nav = page.getByRole('navigation', { name: 'Ansichten' });
    const go = async (link: string, heading: string) => {
      await nav.getByRole('link', { name: new RegExp(`^${link}`) }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    };
    await page.getByLabel('Ihr Name').fill('Lena Berger');
    await page.getByRole('button', { name: 'Demodaten laden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Heute' }).waitFor();
    await page.getByRole('region', { name: 'Review-Calls diese und nächste Woche' }).waitFor();
    await screen('walk-today');

    await go('Kunden', 'Kunden');
    const grid = page.getByRole('table');
    await grid.getByRole('link').first().waitFor();
    await page.getByText(/^\d+ Kunden$/).waitFor();
    await screen('walk-customers');

    // A customer whose plan includes Go Live events and has some left this year.
    await page.getByRole('textbox', { name: 'Kunden suchen' }).fill('Mission');
    await grid.getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Vertrag & Plan' }).waitFor();
    await screen('walk-customer');
    await page.getByRole('tab', { name: 'Kontingente' }).click();
    await page.getByRole('heading', { name: 'Buchungen' }).first().waitFor();
    await screen('walk-customer-allowances');
    await page.getByRole('tab', { name: 'Go Live' }).click();
    await page.getByRole('heading', { name: 'Meine Reservierungen' }).waitFor();
    await screen('walk-customer-go-live');

    await page.getByRole('button', { name: 'Go Live buchen' }).click();
    const dialog = page.getByRole('dialog', { name: /^Go Live buchen/ });
    await dialog.getByLabel('Was geht live').fill('Produktivstart Zahlungsverkehr');
    await dialog.getByText('✓ 72 h Vorlauf:').waitFor();
    await dialog.getByText(/^Noch .* buchbar/).waitFor();
    await screen('walk-go-live-booking');
    await dialog.getByRole('button', { name: 'Go Live buchen' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Nutzungsnachweis (CSV, PDF)' }).click();
    await page.getByRole('heading', { name: 'Kontingente' }).waitFor();
    await page.getByRole('button', { name: 'Drucken / als PDF sichern' }).waitFor();
    await screen('walk-statement', false);

    // The team server refuses it: the last unit went to a colleague.
    await refuseOnServer(page, ['Produktivstart Zahlungsverkehr'], {
      code: 'allowance-exhausted',
      message: 'No Go Live events left in contract year 2 (…); book it as billable or pick another year.',
      field: 'acceptBillable',
      numbers: { contractYear: 2, included: 12, addOn: 0, used: 12, reserved: 0, remaining: 0 },
    });
    await nav.getByLabel('1 offener Punkt').waitFor();
    await go('Zu erledigen', 'Zu erledigen');
    const inbox = page.getByRole('table', { name: 'Abgelehnte Änderungen' });
    await inbox.getByText('Go-Live-Kontingent: 12 von 12 genutzt im Vertragsjahr 2').waitFor();
    await inbox.getByText(/^Keine Go-Live-Ereignisse mehr frei im Vertragsjahr 2 \(12 inklusive/).waitFor();
    await inbox.getByText('Go Live gebucht: Produktivstart Zahlungsverkehr').waitFor();
    await screen('walk-needs-attention');

    await go('Aktivität', 'Aktivität');
    await page
      .getByRole('table', { name: 'Meine Änderungen' })
      .getByText('abgelehnt: zu erledigen')
      .waitFor();
    await screen('walk-activity');

    await go('Kalender', 'Kalender');
    await page.getByRole('button', { name: 'Meinen Kalender exportieren' }).waitFor();
    await screen('walk-schedule');

    await go('Einstellungen', 'Einstellungen');
    await screen('walk-settings');

    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
