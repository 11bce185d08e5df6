// The preload runs sandboxed in Electron; here `electron` is replaced by a contextBridge and an
// ipcRenderer that record what the preload does with them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ipcRequestSchemas, type ConsoleApi } from '../../src/preload/api';

type Listener = (...args: unknown[]) => void;

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<Listener>>(),
  ipcRenderer: {} as object,
}));

vi.mock('electron', () => {
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      bridge.invoked.push(args);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: Listener) => {
      const set = bridge.listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      bridge.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => bridge.listeners.get(channel)?.delete(listener),
  };
  bridge.ipcRenderer = ipcRenderer;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
    ipcRenderer,
  };
});

await import('../../src/preload/index');

function exposedApi(): ConsoleApi {
  const api = bridge.exposed.get('consoleApi');
  if (typeof api !== 'object' || api === null) throw new Error('window.consoleApi was not exposed');
  // The shape is what this suite checks; the type is only for calling it.
  return api as ConsoleApi;
}

describe('the preload exposes only the named methods of the contract', () => {
  it('one global, window.consoleApi, and nothing else', () => {
    expect([...bridge.exposed.keys()]).toEqual(['consoleApi']);
  });

  it('consoleApi holds the named methods and the platform, never ipcRenderer or a generic send', () => {
    const api = exposedApi();
    expect(Object.keys(api).sort()).toEqual(
      [
        'platform',
        'appInfo',
        'showNotification',
        'saveSyncCredentials',
        'loadSyncCredentials',
        'clearSyncCredentials',
        'mirrorOutbox',
        'readOutboxMirror',
        'saveStatementPdf',
        'onMenuCommand',
      ].sort(),
    );
    expect(Object.values(api)).not.toContain(bridge.ipcRenderer);
  });

  it('each method calls its own channel of the contract, with the payload and nothing else', async () => {
    const api = exposedApi();
    bridge.invoked.length = 0;
    const notification = { title: 'Review call in 45 min', body: 'Acme', kind: 'review-call' } as const;
    const credentials = { serverUrl: 'https://sync.example.com', token: 'tamc_' + 'x'.repeat(43) };
    await api.appInfo();
    await api.showNotification(notification);
    await api.saveSyncCredentials(credentials);
    await api.loadSyncCredentials();
    await api.clearSyncCredentials();
    const mirror = { clientId: 'console-1', lastMutationId: 0, settings: null, pending: [] };
    await api.mirrorOutbox(mirror);
    await api.readOutboxMirror();
    await api.saveStatementPdf({ fileName: 'statement.pdf' });
    expect(bridge.invoked).toEqual([
      ['app:info'],
      ['notify:show', notification],
      ['credentials:save', credentials],
      ['credentials:load'],
      ['credentials:clear'],
      ['outbox:mirror', mirror],
      ['outbox:readMirror'],
      ['statement:savePdf', { fileName: 'statement.pdf' }],
    ]);
    for (const [channel] of bridge.invoked) expect(Object.keys(ipcRequestSchemas)).toContain(channel);
  });

  it('a menu command reaches the callback without the IPC event, until unsubscribed', () => {
    const api = exposedApi();
    const received: unknown[][] = [];
    const unsubscribe = api.onMenuCommand((...args) => received.push(args));
    const emit = (command: string) =>
      bridge.listeners
        .get('menu:command')
        ?.forEach((listener) => listener({ sender: 'ipcRenderer' }, command));
    emit('palette:open');
    unsubscribe();
    emit('view:today');
    expect(received).toEqual([['palette:open']]);
    expect(bridge.listeners.get('menu:command')?.size).toBe(0);
  });

  it('the sandboxed preload imports nothing at run time but electron', () => {
    const source = readFileSync(resolve(__dirname, '../../src/preload/index.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map(
      (match) => match[1],
    );
    expect(runtimeImports).toEqual(['electron']);
  });
});
