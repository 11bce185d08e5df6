import { describe, expect, it } from 'vitest';
import { guardWebContents, hardenedWebPreferences, isPermissionGranted } from '../../src/main/securityPolicy';
import { FakeWebContents } from './support/fakeElectron';

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

describe('navigation is denied', () => {
  it.each([
    'https://evil.example/phish',
    'app://console/index.html',
    'app://console/customers',
    'file:///etc/passwd',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    'about:blank',
  ])('the console window never navigates to %s', (url) => {
    const { contents, opened } = guarded();
    expect(contents.navigate(url)).toEqual({ prevented: true });
    expect(opened).toEqual([]);
  });

  it('a subframe may not navigate either', () => {
    const { contents, opened } = guarded();
    expect(contents.navigate('https://status.azion.com/', false)).toEqual({ prevented: true });
    expect(opened).toEqual([]);
  });

  it('will-navigate is denied on its own, should will-frame-navigate not come first', () => {
    const { contents, opened } = guarded();
    expect(contents.willNavigate('https://evil.example/')).toBe(true);
    expect(contents.willNavigate('https://status.azion.com/')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('a plain link to a vendor status page opens once, in the browser, and the window stays', () => {
    const { contents, opened } = guarded();
    expect(contents.navigate('https://status.azion.com/incidents/42')).toEqual({ prevented: true });
    expect(opened).toEqual(['https://status.azion.com/incidents/42']);
  });

  it('a webview cannot be attached', () => {
    const { contents } = guarded();
    expect(contents.attachWebview()).toBe(true);
  });
});

describe('window.open is denied', () => {
  it.each([
    'https://evil.example/',
    'app://console/index.html',
    'about:blank',
    '',
    'javascript:alert(document.domain)',
    'file:///C:/Windows/System32/calc.exe',
  ])('window.open(%j) opens no window and nothing outside', (url) => {
    const { contents, opened } = guarded();
    expect(contents.windowOpen(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });

  it('a target=_blank link to a vendor support site opens in the browser, not in a new window', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpen('https://support.auth0.com/tickets')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://support.auth0.com/tickets']);
  });

  it('a mailto link to a customer contact goes to the mail app', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpen('mailto:ops@acme.example?subject=Go%20Live')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['mailto:ops@acme.example?subject=Go%20Live']);
  });
});

describe('permissions are denied by default', () => {
  it('the console may show notifications', () => {
    expect(isPermissionGranted('notifications', 'app://console/index.html')).toBe(true);
    expect(isPermissionGranted('notifications', 'app://console')).toBe(true);
  });

  it('the console may keep its local book in persistent storage', () => {
    expect(isPermissionGranted('persistent-storage', 'app://console/index.html')).toBe(true);
    expect(isPermissionGranted('persistent-storage', 'app://console')).toBe(true);
  });

  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'display-capture',
    'openExternal',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'unknown',
  ])('the console is not granted %s', (permission) => {
    expect(isPermissionGranted(permission, 'app://console/index.html')).toBe(false);
  });

  it.each(['https://evil.example', 'file:///', 'app://evil', 'http://localhost:5173'])(
    'a page on %s may neither show notifications nor claim persistent storage',
    (origin) => {
      expect(isPermissionGranted('notifications', origin)).toBe(false);
      expect(isPermissionGranted('persistent-storage', origin)).toBe(false);
    },
  );
});

describe('every window is sandboxed', () => {
  it('renderers run sandboxed, isolated, without Node, with web security and no webview', () => {
    expect(hardenedWebPreferences({ preload: '/app/out/preload/index.js', devTools: false })).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });
});
