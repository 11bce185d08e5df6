// index.ts wires the pieces to Electron. The runtime cannot start here, so `electron` is replaced
// by recording stand-ins for the calls index.ts and security.ts make, and nothing more.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { callFrom, fromConsoleWindow, type FakeIpcMain } from './support/fakeElectron';

type Listener = (...args: unknown[]) => unknown;

const runtime = vi.hoisted(() => ({
  hasLock: true,
  userData: '',
  quits: 0,
  appListeners: new Map<string, Listener>(),
  windows: [] as {
    options: Record<string, unknown>;
    loaded: string | null;
    focused: number;
    sent: unknown[][];
    emit(event: string): boolean;
  }[],
  menu: [] as MenuItemConstructorOptions[],
  ipcMain: null as FakeIpcMain | null,
}));

vi.mock('electron', async () => {
  // Imported here: the factory is hoisted above this file's own imports.
  const { EventEmitter } = await import('node:events');
  const { FakeIpcMain: Ipc, MAIN_WEB_CONTENTS_ID } = await import('./support/fakeElectron');
  const ipcMain = new Ipc();
  runtime.ipcMain = ipcMain;

  class BrowserWindow extends EventEmitter {
    loaded: string | null = null;
    focused = 0;
    sent: unknown[][] = [];
    readonly webContents = { id: MAIN_WEB_CONTENTS_ID, send: (...args: unknown[]) => this.sent.push(args) };
    constructor(readonly options: Record<string, unknown>) {
      super();
      runtime.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore = () => undefined;
    maximize = () => undefined;
    show = () => undefined;
    focus = () => {
      this.focused += 1;
    };
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 30, width: 1100, height: 700 });
  }

  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    app: {
      isPackaged: false,
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => runtime.hasLock,
      quit: () => {
        runtime.quits += 1;
      },
      on: (event: string, listener: Listener) => runtime.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getPath: () => runtime.userData,
      getName: () => 'TAM Console',
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: { openExternal: async () => undefined },
    ipcMain,
    BrowserWindow,
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (template: MenuItemConstructorOptions[]) => (runtime.menu = template),
    },
    Notification: { isSupported: () => false },
    safeStorage: {},
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
  };
});

async function startApp(options: { hasLock: boolean }) {
  vi.resetModules();
  runtime.hasLock = options.hasLock;
  runtime.userData = mkdtempSync(join(tmpdir(), 'tam-user-data-'));
  runtime.quits = 0;
  runtime.windows.length = 0;
  runtime.appListeners.clear();
  // The electron stand-in outlives vi.resetModules; each start registers its handlers afresh.
  runtime.ipcMain?.listeners.clear();
  await import('../../src/main/index');
  await new Promise((resolve) => setImmediate(resolve));
  const ipcMain = runtime.ipcMain;
  if (ipcMain === null) throw new Error('ipcMain stand-in missing');
  return { ipcMain, window: runtime.windows[0] };
}

afterEach(() => {
  vi.resetModules();
});

describe('starting the console', () => {
  it('opens one window on app://console, sandboxed, with the preload and hidden until painted', async () => {
    const { window } = await startApp({ hasLock: true });
    expect(runtime.windows).toHaveLength(1);
    expect(window?.loaded).toBe('app://console/index.html');
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: expect.stringMatching(/preload[/\\]index\.js$/),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
  });

  it("answers IPC from the window's own frame and refuses another webContents", async () => {
    const { ipcMain } = await startApp({ hasLock: true });
    expect(await ipcMain.invoke('app:info', fromConsoleWindow)).toEqual({
      ok: true,
      value: { name: 'TAM Console', version: '0.1.0', platform: process.platform },
    });
    expect(
      await ipcMain.invoke('app:info', callFrom('app://console/index.html', { webContentsId: 99 })),
    ).toMatchObject({ ok: false, error: { code: 'foreign-sender' } });
  });

  it('a menu shortcut reaches the window as a menu:command', async () => {
    const { window } = await startApp({ hasLock: true });
    const view = runtime.menu.find((entry) => entry.label === 'View');
    const palette = Array.isArray(view?.submenu)
      ? view.submenu.find((entry) => entry.id === 'palette:open')
      : undefined;
    if (palette?.click) Reflect.apply(palette.click, undefined, []);
    expect(window?.sent).toEqual([['menu:command', 'palette:open']]);
  });

  it('a second start brings the first window forward', async () => {
    const { window } = await startApp({ hasLock: true });
    runtime.appListeners.get('second-instance')?.({}, [], '/');
    expect(window?.focused).toBe(1);
  });

  it('closing the window remembers where it was', async () => {
    const { window } = await startApp({ hasLock: true });
    window?.emit('close');
    const file = join(runtime.userData, 'window-state.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      bounds: { x: 10, y: 30, width: 1100, height: 700 },
      maximized: false,
    });
  });

  it('when the console is already running, this start quits without a window', async () => {
    await startApp({ hasLock: false });
    expect(runtime.quits).toBe(1);
    expect(runtime.windows).toHaveLength(0);
  });
});
