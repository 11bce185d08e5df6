// Takes the README's screenshot (docs/screenshot.png) of the real console with demo data: the browser
// build served locally, Debian's Chromium driven by playwright-core, first start with the demo book,
// then Today. Run `npm run build` first; then `node scripts/readme-screenshot.mjs`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startWebServer } from './serve-web.mjs';

if (!existsSync(resolve('out/renderer/index.html'))) {
  console.error('No browser build in out/renderer: run `npm run build` first.');
  process.exit(1);
}

const server = await startWebServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    timezoneId: 'Europe/Zurich',
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByRole('region', { name: 'Review calls this week and next' }).waitFor();
  // Runs in the page: a toast or a card fading in would blur the picture.
  await page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running')");
  const path = resolve('docs/screenshot.png');
  await page.screenshot({ path });
  console.log(`saved ${path}`);
} finally {
  await browser.close();
  await server.close();
}
