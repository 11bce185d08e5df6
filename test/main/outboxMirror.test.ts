// The outbox mirror over IPC: the console window's pending mutations reach a file in userData,
// whole or not at all, and come back exactly; foreign senders, bad payloads and damaged files are
// refused with a clear error. Real files in a temporary folder; only Electron's ipcMain is faked.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleIpcHandlers } from '../../src/main/consoleIpcHandlers';
import { isTrustedSender, ok, registerIpcHandlers } from '../../src/main/ipc';
import { outboxMirrorStore, parseMirrorFile } from '../../src/main/outboxMirror';
import { userDataPaths } from '../../src/main/userDataFiles';
import type { OutboxMirror } from '../../src/preload/api';
import { callFrom, FakeIpcMain, fromConsoleWindow, MAIN_WEB_CONTENTS_ID } from './support/fakeElectron';

let userData: string;
let file: string;
let ipcMain: FakeIpcMain;

const mirror: OutboxMirror = {
  clientId: 'console-8d1f0c2a',
  lastMutationId: 42,
  settings: {
    userId: 'tam-01',
    userName: 'Ana Lima',
    role: 'tam',
    timeZone: 'Europe/Zurich',
    syncServerUrl: null,
  },
  pending: [
    {
      mutationId: 41,
      name: 'requestGoLive',
      version: 1,
      args: {
        id: 'golive-1',
        customerId: 'cust-1',
        title: 'Black Friday',
        date: '2026-11-27',
        time: '08:00',
      },
      clientTime: '2026-11-20T09:15:00.000Z',
      customerId: 'cust-1',
      summary: 'Booked Go Live "Black Friday"',
    },
    {
      mutationId: 42,
      name: 'logTicket',
      version: 1,
      args: { note: 'line one\nline two, with "quotes"' },
      clientTime: '2026-11-20T09:16:00.000Z',
      customerId: 'cust-1',
      summary: 'Logged a ticket',
    },
  ],
};

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'tam-mirror-'));
  file = userDataPaths(userData).outboxMirror;
  ipcMain = new FakeIpcMain();
  registerIpcHandlers(
    ipcMain,
    consoleIpcHandlers({
      appInfo: { name: 'TAM Console', version: '0.1.0', platform: 'linux' },
      notifications: { isSupported: () => true, show: () => undefined },
      credentials: {
        save: async () => ok({ encrypted: true }),
        load: async () => ok(null),
        clear: async () => ok({ removed: false }),
      },
      outbox: outboxMirrorStore(file, () => new Date('2026-11-20T09:16:01.000Z')),
      saveStatementPdf: async () => ok({ saved: false, bytes: 0 }),
    }),
    (event) => isTrustedSender(event, MAIN_WEB_CONTENTS_ID),
    () => undefined,
  );
});

afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('the outbox mirror', () => {
  it('the console window mirrors its pending mutations and reads them back exactly', async () => {
    expect(await ipcMain.invoke('outbox:mirror', fromConsoleWindow, mirror)).toEqual({
      ok: true,
      value: { pending: 2, savedAt: '2026-11-20T09:16:01.000Z' },
    });
    expect(await ipcMain.invoke('outbox:readMirror', fromConsoleWindow)).toEqual({
      ok: true,
      value: { ...mirror, savedAt: '2026-11-20T09:16:01.000Z' },
    });
    // One header line, then one line per mutation; no temporary file is left behind.
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    expect(readdirSync(userData)).toEqual(['outbox-mirror.jsonl']);
  });

  it('before anything was mirrored there is no mirror, and that is not an error', async () => {
    expect(await ipcMain.invoke('outbox:readMirror', fromConsoleWindow)).toEqual({ ok: true, value: null });
  });

  it('a new mirror replaces the old one whole: an emptied outbox leaves no stale mutation', async () => {
    await ipcMain.invoke('outbox:mirror', fromConsoleWindow, mirror);
    await ipcMain.invoke('outbox:mirror', fromConsoleWindow, { ...mirror, pending: [] });
    const read = (await ipcMain.invoke('outbox:readMirror', fromConsoleWindow)) as { value: OutboxMirror };
    expect(read.value.pending).toEqual([]);
    expect(read.value.lastMutationId).toBe(42);
  });

  it('a page that is not the console window cannot write or read the mirror', async () => {
    const foreign = callFrom('https://evil.example.com/');
    expect(await ipcMain.invoke('outbox:mirror', foreign, mirror)).toMatchObject({
      ok: false,
      error: { code: 'foreign-sender' },
    });
    expect(
      await ipcMain.invoke('outbox:readMirror', callFrom('app://console/', { subframe: true })),
    ).toMatchObject({
      ok: false,
      error: { code: 'foreign-sender' },
    });
    expect(readdirSync(userData)).toEqual([]);
  });

  it('a bad payload is refused with the field at fault, and nothing is written', async () => {
    const zeroId = { ...mirror, pending: [{ ...mirror.pending[0], mutationId: 0 }] };
    expect(await ipcMain.invoke('outbox:mirror', fromConsoleWindow, zeroId)).toMatchObject({
      ok: false,
      error: { code: 'bad-payload', field: 'pending.0.mutationId' },
    });
    expect(
      await ipcMain.invoke('outbox:mirror', fromConsoleWindow, { ...mirror, token: 'tamc_x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-payload' },
    });
    expect(
      await ipcMain.invoke('outbox:mirror', fromConsoleWindow, { ...mirror, clientId: '../../etc' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-payload', field: 'clientId' },
    });
    expect(readdirSync(userData)).toEqual([]);
  });

  it('a damaged or cut-short file is reported as unreadable and left as it is', async () => {
    await ipcMain.invoke('outbox:mirror', fromConsoleWindow, mirror);
    const whole = readFileSync(file, 'utf8');
    const cut = whole.split('\n').slice(0, 2).join('\n');
    writeFileSync(file, cut);
    expect(await ipcMain.invoke('outbox:readMirror', fromConsoleWindow)).toMatchObject({
      ok: false,
      error: { code: 'mirror-unreadable' },
    });
    expect(readFileSync(file, 'utf8')).toBe(cut);
    expect(parseMirrorFile('{not json')).toBeNull();
    expect(parseMirrorFile(whole.replace('"mutationId":41', '"mutationId":-1'))).toBeNull();
  });
});
