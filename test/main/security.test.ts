// security.ts is the glue that touches Electron; the runtime cannot start here, so `electron` is
// replaced by the few calls it makes, each recorded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './support/fakeElectron';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  sandboxed: false,
  appListeners: new Map<string, Listener>(),
  protocolHandlers: new Map<string, Listener>(),
  opened: [] as string[],
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
  devicePermission: null as Listener | null,
}));

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => {
      electron.sandboxed = true;
    },
    on: (event: string, listener: Listener) => electron.appListeners.set(event, listener),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: Listener) => electron.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: Listener) => (electron.permissionCheck = handler),
      setDevicePermissionHandler: (handler: Listener) => (electron.devicePermission = handler),
    },
  },
  shell: {
    openExternal: async (url: string) => {
      electron.opened.push(url);
    },
  },
}));

const { hardenSession, openExternalIfAllowed } = await import('../../src/main/security');

describe('importing security.ts hardens the app before it is ready', () => {
  it('app:// is registered as a standard, secure scheme that fetch and CORS work with', () => {
    expect(electron.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
  });

  it('every renderer is sandboxed', () => {
    expect(electron.sandboxed).toBe(true);
  });

  it('every webContents the app creates gets the navigation and window.open guards', () => {
    const contents = new FakeWebContents();
    electron.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.navigate('https://evil.example/')).toEqual({ prevented: true });
    expect(contents.windowOpen('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(true);
    expect(electron.opened).toEqual([]);
    contents.windowOpen('https://status.zitadel.com');
    expect(electron.opened).toEqual(['https://status.zitadel.com/']);
  });

  it('openExternal hands the shell only allow-listed URLs', () => {
    electron.opened.length = 0;
    expect(openExternalIfAllowed('https://status.azion.com@evil.example/')).toBe(false);
    expect(openExternalIfAllowed('file:///etc/passwd')).toBe(false);
    expect(openExternalIfAllowed('https://tickets.azion.com/')).toBe(true);
    expect(electron.opened).toEqual(['https://tickets.azion.com/']);
  });
});

describe('after ready, the session denies by default and serves app:// behind the path guard', () => {
  const root = mkdtempSync(join(tmpdir(), 'tam-security-'));
  hardenSession(root);

  it('a permission request is granted only for notifications and persistent storage from the console', () => {
    const answers: boolean[] = [];
    const request = (permission: string, requestingUrl: string) =>
      electron.permissionRequest?.({}, permission, (granted: boolean) => answers.push(granted), {
        requestingUrl,
      });
    request('notifications', 'app://console/index.html');
    request('media', 'app://console/index.html');
    request('geolocation', 'app://console/index.html');
    request('notifications', 'https://evil.example/');
    request('persistent-storage', 'app://console/index.html');
    request('persistent-storage', 'https://evil.example/');
    expect(answers).toEqual([true, false, false, false, true, false]);
  });

  it('permission checks and device access follow the same rule', () => {
    expect(electron.permissionCheck?.(null, 'notifications', 'app://console')).toBe(true);
    expect(electron.permissionCheck?.(null, 'clipboard-read', 'app://console')).toBe(false);
    expect(electron.permissionCheck?.(null, 'persistent-storage', 'app://console')).toBe(true);
    expect(electron.permissionCheck?.(null, 'persistent-storage', 'https://evil.example')).toBe(false);
    expect(electron.devicePermission?.({ deviceType: 'usb', origin: 'app://console' })).toBe(false);
  });

  it('the app:// handler refuses a path that leaves the renderer folder', async () => {
    const handler = electron.protocolHandlers.get('app');
    const response = await handler?.({ method: 'GET', url: 'app://console/..%2f..%2fetc%2fpasswd' });
    expect(response).toBeInstanceOf(Response);
    expect(response instanceof Response ? response.status : 0).toBe(404);
  });
});
