// A team member's console in its own Chromium context, syncing with a real team server: first
// start as that user, then the server and token in Settings. Shared by the suites that meet the
// team server (sync, Needs attention).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Queryable } from '../../src/server/db/database';

export type TeamSession = { context: BrowserContext; page: Page; errors: string[] };

export type TeamMember = {
  serverUrl: string;
  token: string;
  user: string;
  name: string;
  zone: string;
  /** As the first-start form names it; a TAM unless said. */
  role?: 'Team lead' | 'TAM';
  acceptDownloads?: boolean;
};

export function syncStatus(page: Page) {
  return page.getByRole('status', { name: 'Sync status' });
}

export async function openTeamConsole(browser: Browser, member: TeamMember): Promise<TeamSession> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: member.zone,
    locale: 'en-GB',
    acceptDownloads: member.acceptDownloads ?? false,
  });
  // The transpiler may name functions with a helper the page does not have; give it one.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Offline fetches and the event stream log network errors by design; anything else is a fault.
    const text = message.text();
    if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to load resource|net::/.test(text))
      errors.push(text);
  });
  await page.goto(inject('webUrl'));
  await page.getByRole('heading', { name: 'Welcome to the TAM Console' }).waitFor();
  await page.getByLabel('Your name').fill(member.name);
  await page.getByLabel('Your user id').fill(member.user);
  if (member.role && member.role !== 'TAM') {
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: member.role }).click();
  }
  await page.getByRole('button', { name: 'Start with an empty book' }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.goto(`${inject('webUrl')}#/settings`);
  await page.getByLabel('Sync server URL').fill(member.serverUrl);
  await page.getByLabel('Token').fill(member.token);
  await page.getByRole('button', { name: 'Save team server' }).click();
  await syncStatus(page).getByText('Online').waitFor();
  return { context, page, errors };
}

export type OutboxRow = {
  mutationId: number;
  name: string;
  status: string;
  resolution?: string;
  args: Record<string, unknown>;
  rejection: { code: string; message: string } | null;
};

/** The outbox as stored, read straight from IndexedDB (assertions only; the app writes it). */
export async function readOutbox(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('tam-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('outbox').objectStore('outbox').getAll();
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as OutboxRow[]);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

/** The team's live rows of one table as the server holds them, of one customer or all. */
export async function serverRecords(
  db: Queryable,
  teamId: string,
  table: string,
  customerId?: string,
): Promise<Record<string, unknown>[]> {
  const rows = await db.query<{ data: unknown }>(
    `SELECT data FROM records WHERE team_id = $1 AND table_name = $2 AND NOT deleted
     AND ($3::text IS NULL OR customer_id = $3)`,
    [teamId, table, customerId ?? null],
  );
  return rows.map(
    (row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
  );
}
