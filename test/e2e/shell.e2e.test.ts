import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, saveScreenshot } from './browser';

describe('the console shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens and lists the plans the domain core ships, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(inject('webUrl'));
    await page.getByRole('heading', { name: 'TAM Console' }).waitFor();
    await expect(page.getByRole('listitem').allTextContents()).resolves.toContain('Edge Mission Critical');
    await saveScreenshot(page, 'shell');
    expect(errors).toEqual([]);
  });
});
