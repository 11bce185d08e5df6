// The browser build without the desktop preload: it opens, offers first start, and says what it
// cannot do there, with no console errors.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';

describe('the console shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on first start without the preload, and Settings says it is the browser build', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(inject('webUrl'));
    await page.getByRole('heading', { name: 'Welcome to the TAM Console' }).waitFor();
    await expect(page.evaluate(() => 'consoleApi' in window)).resolves.toBe(false);
    await page.getByLabel('Your name').fill('Noah Keller');
    await page.getByRole('button', { name: 'Start with an empty book' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByText(/Browser build: desktop notifications and files are not available here\./).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
