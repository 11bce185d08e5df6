// What the Chromium suites share about the console page: the accessibility check and opening the
// console with errors collected.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export type Session = { context: BrowserContext; page: Page; errors: string[] };

export async function openConsole(
  browser: Browser,
  options: { timezoneId: string; locale: string },
): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(inject('webUrl'));
  return { context, page, errors };
}

/** No serious or critical accessibility violation on what the page shows now. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const blockingNow = async () => {
    // A toast fading in or out is briefly low-contrast; judge the page at rest.
    await page.waitForFunction(() =>
      document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${view}: ${violation.id} (${violation.impact}) ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  };
  let blocking = await blockingNow();
  // A toast that began to close while axe ran is judged mid-fade; a real violation is still there
  // a moment later.
  if (blocking.length > 0) {
    await page.waitForTimeout(1000);
    blocking = await blockingNow();
  }
  expect(blocking).toEqual([]);
}

/**
 * What the sync client does with a refusal from the team server: the outbox entry becomes
 * `rejected` with the rule and its numbers, and its local effect is taken back.
 */
export async function refuseOnServer(
  page: Page,
  titles: readonly string[],
  rejection: { code: string; message: string; field?: string; numbers?: Record<string, unknown> },
): Promise<void> {
  await page.evaluate(
    async ({ refused, rejection }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('tam-console');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = database.transaction(['outbox', 'goLiveBookings', 'customerRevisions', 'meta'], 'readwrite');
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const outbox = tx.objectStore('outbox');
      const entries = await new Promise<Record<string, unknown>[]>((resolve) => {
        const all = outbox.getAll();
        all.onsuccess = () => resolve(all.result as Record<string, unknown>[]);
      });
      for (const entry of entries) {
        const args = entry['args'] as { id: string; title?: string; customerId: string };
        if (entry['name'] !== 'requestGoLive' || !refused.includes(args.title ?? '')) continue;
        outbox.put({
          ...entry,
          status: 'rejected',
          rejection,
        });
        tx.objectStore('goLiveBookings').delete(args.id);
        tx.objectStore('customerRevisions').put({ customerId: args.customerId, revision: Date.now() });
      }
      tx.objectStore('meta').put({ key: 'teamRevision', value: Date.now() });
      await done;
      database.close();
    },
    { refused: titles, rejection },
  );
  await page.reload();
}
