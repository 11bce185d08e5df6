import { describe, expect, it } from 'vitest';
import { consoleIpcHandlers } from '../../src/main/consoleIpcHandlers';
import { isTrustedSender, ok, registerIpcHandlers, type IpcIncident } from '../../src/main/ipc';
import type { NativeNotifications } from '../../src/main/notifications';
import type { OutboxMirrorStore } from '../../src/main/outboxMirror';
import type { SyncCredentialStore } from '../../src/main/syncCredentials';
import { z } from 'zod';
import { ipcErrorCodes, ipcRequestSchemas, type IpcError } from '../../src/preload/api';
import { callFrom, FakeIpcMain, fromConsoleWindow, MAIN_WEB_CONTENTS_ID } from './support/fakeElectron';

const token = 'tamc_' + 'A'.repeat(43);

function consoleUnderTest(options: { notificationsSupported?: boolean } = {}) {
  const shown: unknown[] = [];
  const notifications: NativeNotifications = {
    isSupported: () => options.notificationsSupported ?? true,
    show: (request) => shown.push(request),
  };
  const saved: unknown[] = [];
  const loads: number[] = [];
  const credentials: SyncCredentialStore = {
    save: async (value) => {
      saved.push(value);
      return ok({ encrypted: true });
    },
    load: async () => {
      loads.push(1);
      return ok(null);
    },
    clear: async () => ok({ removed: false }),
  };
  const outbox: OutboxMirrorStore = {
    save: (mirror) => ok({ pending: mirror.pending.length, savedAt: '2026-04-01T08:00:00.000Z' }),
    load: () => ok(null),
  };
  const incidents: IpcIncident[] = [];
  const ipcMain = new FakeIpcMain();
  const unregister = registerIpcHandlers(
    ipcMain,
    consoleIpcHandlers({
      appInfo: { name: 'TAM Console', version: '0.1.0', platform: 'linux' },
      notifications,
      credentials,
      outbox,
      saveStatementPdf: async () => ok({ saved: false, bytes: 0 }),
    }),
    (event) => isTrustedSender(event, MAIN_WEB_CONTENTS_ID),
    (incident) => incidents.push(incident),
  );
  return { ipcMain, shown, saved, loads, incidents, unregister };
}

// A refusal has exactly this shape: no stack, no cause, nothing else crosses the boundary.
const refusalSchema = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({
    code: z.enum(ipcErrorCodes),
    message: z.string().min(1),
    field: z.string().optional(),
  }),
});

function errorOf(result: unknown): IpcError {
  return refusalSchema.parse(result).error;
}

describe('IPC registration', () => {
  it('every channel of the contract gets a handler, and only those', () => {
    const { ipcMain } = consoleUnderTest();
    expect([...ipcMain.listeners.keys()].sort()).toEqual(Object.keys(ipcRequestSchemas).sort());
  });

  it('unregistering removes every channel again', () => {
    const { ipcMain, unregister } = consoleUnderTest();
    unregister();
    expect(ipcMain.listeners.size).toBe(0);
  });

  it('the console window gets the app version and platform', async () => {
    const { ipcMain } = consoleUnderTest();
    expect(await ipcMain.invoke('app:info', fromConsoleWindow)).toEqual({
      ok: true,
      value: { name: 'TAM Console', version: '0.1.0', platform: 'linux' },
    });
  });

  it('a valid notification from the console window is shown, its title trimmed', async () => {
    const { ipcMain, shown } = consoleUnderTest();
    const result = await ipcMain.invoke('notify:show', fromConsoleWindow, {
      title: '  Go Live for Acme in 23 h ',
      body: 'Checkout migration, 09:00 Europe/Zurich',
      kind: 'go-live',
    });
    expect(result).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([
      { title: 'Go Live for Acme in 23 h', body: 'Checkout migration, 09:00 Europe/Zurich', kind: 'go-live' },
    ]);
  });

  it('a notification on a system without notifications says so instead of failing silently', async () => {
    const { ipcMain, shown } = consoleUnderTest({ notificationsSupported: false });
    const error = errorOf(
      await ipcMain.invoke('notify:show', fromConsoleWindow, {
        title: 'Review call',
        body: '',
        kind: 'review-call',
      }),
    );
    expect(error.code).toBe('notifications-unsupported');
    expect(shown).toEqual([]);
  });
});

describe('IPC rejects bad payloads', () => {
  const valid = {
    title: 'Response objective',
    body: 'Sev1 for Acme: 12 min left',
    kind: 'response-objective',
  };
  const badNotifications: [rule: string, payload: unknown, field: string | undefined][] = [
    ['a notification without a title', { body: 'x', kind: 'go-live' }, 'title'],
    ['a notification whose title is only spaces', { ...valid, title: '   ' }, 'title'],
    ['a notification title longer than 120 characters', { ...valid, title: 'x'.repeat(121) }, 'title'],
    ['a notification body longer than 500 characters', { ...valid, body: 'x'.repeat(501) }, 'body'],
    ['a notification of an unknown kind', { ...valid, kind: 'marketing' }, 'kind'],
    [
      'a notification with a field the contract does not know',
      { ...valid, icon: 'file:///etc/passwd' },
      undefined,
    ],
    ['a title that is not text', { ...valid, title: 42 }, 'title'],
    ['a notification that is a string', 'Go Live soon', undefined],
    ['a notification that is an array', [valid], undefined],
    ['no notification at all', undefined, undefined],
    ['null for a notification', null, undefined],
  ];

  it.each(badNotifications)('%s is refused as a bad payload', async (_rule, payload, field) => {
    const { ipcMain, shown } = consoleUnderTest();
    const error = errorOf(await ipcMain.invoke('notify:show', fromConsoleWindow, payload));
    expect(error.code).toBe('bad-payload');
    expect(error.field).toBe(field);
    if (field) expect(error.message).toMatch(new RegExp(`^${field}: `));
    expect(shown).toEqual([]);
  });

  const badCredentials: [rule: string, payload: unknown, field: string | undefined][] = [
    [
      'a token that is not the server-issued kind',
      { serverUrl: 'https://sync.example.com', token: 'hunter2' },
      'token',
    ],
    [
      'a server address over plain http to another machine',
      { serverUrl: 'http://sync.example.com', token },
      'serverUrl',
    ],
    [
      'a server address with a user and password in it',
      { serverUrl: 'https://tam:pw@sync.example.com', token },
      'serverUrl',
    ],
    ['a server address that is a file', { serverUrl: 'file:///etc/passwd', token }, 'serverUrl'],
    ['a server address that is javascript', { serverUrl: 'javascript:alert(1)', token }, 'serverUrl'],
    ['a server address that is not a URL', { serverUrl: 'sync server', token }, 'serverUrl'],
    ['credentials without a token', { serverUrl: 'https://sync.example.com' }, 'token'],
  ];

  it.each(badCredentials)(
    '%s is refused before the credential store sees it',
    async (_rule, payload, field) => {
      const { ipcMain, saved } = consoleUnderTest();
      const error = errorOf(await ipcMain.invoke('credentials:save', fromConsoleWindow, payload));
      expect(error.code).toBe('bad-payload');
      expect(error.field).toBe(field);
      expect(saved).toEqual([]);
    },
  );

  it('credentials for a server on this machine over http are accepted', async () => {
    const { ipcMain, saved } = consoleUnderTest();
    const credentials = { serverUrl: 'http://127.0.0.1:8787', token };
    expect(await ipcMain.invoke('credentials:save', fromConsoleWindow, credentials)).toEqual({
      ok: true,
      value: { encrypted: true },
    });
    expect(saved).toEqual([credentials]);
  });

  it('a channel that takes nothing refuses a payload', async () => {
    const { ipcMain } = consoleUnderTest();
    expect(errorOf(await ipcMain.invoke('credentials:clear', fromConsoleWindow, { all: true })).code).toBe(
      'bad-payload',
    );
  });

  it('a call with more than one argument is refused', async () => {
    const { ipcMain, shown } = consoleUnderTest();
    const error = errorOf(await ipcMain.invoke('notify:show', fromConsoleWindow, valid, { extra: true }));
    expect(error).toEqual({
      code: 'bad-payload',
      message: 'notify:show takes one payload; it was sent 2 arguments.',
    });
    expect(shown).toEqual([]);
  });
});

describe('IPC rejects foreign senders', () => {
  const foreign: [rule: string, event: Parameters<typeof isTrustedSender>[0]][] = [
    ['another window of the app', callFrom('app://console/index.html', { webContentsId: 8 })],
    ['a subframe inside the console window', callFrom('app://console/index.html', { subframe: true })],
    ['a page on the web that the window somehow shows', callFrom('https://evil.example/')],
    ['a local file', callFrom('file:///home/tam/Downloads/invoice.html')],
    ['another app:// host', callFrom('app://evil/index.html')],
    ['an app:// host that starts like ours', callFrom('app://console.evil/index.html')],
    ['app:// with a user name in front of our host', callFrom('app://console@evil/index.html')],
    ['app:// on a port', callFrom('app://console:8080/index.html')],
    ['a dev server on localhost', callFrom('http://localhost:5173/')],
    ['about:blank', callFrom('about:blank')],
    ['a data: URL', callFrom('data:text/html,<script>1</script>')],
    ['a frame that no longer exists', { sender: { id: MAIN_WEB_CONTENTS_ID }, senderFrame: null }],
  ];

  it.each(foreign)('a call from %s is refused and logged', async (_rule, event) => {
    const { ipcMain, incidents, saved } = consoleUnderTest();
    const error = errorOf(
      await ipcMain.invoke('credentials:save', event, { serverUrl: 'https://sync.example.com', token }),
    );
    expect(error.code).toBe('foreign-sender');
    expect(saved).toEqual([]);
    expect(incidents).toEqual([
      { kind: 'foreign-sender', channel: 'credentials:save', frameUrl: event.senderFrame?.url ?? null },
    ]);
  });

  it('reading credentials from a foreign sender is refused before the store is asked', async () => {
    const { ipcMain, loads } = consoleUnderTest();
    const error = errorOf(await ipcMain.invoke('credentials:load', callFrom('https://evil.example/')));
    expect(error.code).toBe('foreign-sender');
    expect(loads).toEqual([]);
    expect(await ipcMain.invoke('credentials:load', fromConsoleWindow)).toEqual({ ok: true, value: null });
    expect(loads).toEqual([1]);
  });

  it('before the main window exists, no sender is trusted', () => {
    expect(isTrustedSender(fromConsoleWindow, undefined)).toBe(false);
  });

  it('the console window top frame on app://console is trusted, on any of its routes', () => {
    expect(isTrustedSender(callFrom('app://console/customers?sort=plan#row-4'), MAIN_WEB_CONTENTS_ID)).toBe(
      true,
    );
  });
});

describe('IPC never throws a stack trace across', () => {
  it('a handler that throws gives a typed internal error, and the stack stays in the main log', async () => {
    const incidents: IpcIncident[] = [];
    const ipcMain = new FakeIpcMain();
    const boom = new Error(
      'EACCES: permission denied, open /home/tam/.config/TAM Console/sync-credentials.json',
    );
    registerIpcHandlers(
      ipcMain,
      {
        ...consoleIpcHandlers({
          appInfo: { name: 'TAM Console', version: '0.1.0', platform: 'linux' },
          notifications: { isSupported: () => true, show: () => undefined },
          credentials: {
            save: async () => ok({ encrypted: true }),
            load: async () => {
              throw boom;
            },
            clear: async () => ok({ removed: true }),
          },
          outbox: { save: () => ok({ pending: 0, savedAt: '' }), load: () => ok(null) },
          saveStatementPdf: async () => ok({ saved: false, bytes: 0 }),
        }),
      },
      () => true,
      (incident) => incidents.push(incident),
    );
    const result = await ipcMain.invoke('credentials:load', fromConsoleWindow);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'credentials:load failed inside the app; the details are in its log.',
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/EACCES|\/home\/tam|at /);
    expect(incidents).toEqual([{ kind: 'handler-failed', channel: 'credentials:load', error: boom }]);
  });
});
