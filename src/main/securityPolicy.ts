// The security rules of the desktop shell as pure functions: window preferences, the external
// link allow-list, permissions, and the navigation guards. security.ts applies them to Electron.
import type { WebPreferences } from 'electron';
import { isAppUrl } from './appProtocol';

/** Every renderer runs sandboxed and isolated, with no Node and no way to turn that off. */
export function hardenedWebPreferences(options: { preload: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}

/**
 * The only places a link in the console may open, outside the app: the vendors' status,
 * ticket and support sites (from the plan documents). Exact host names: no subdomains.
 */
export const allowedExternalHosts: ReadonlySet<string> = new Set([
  'status.azion.com',
  'tickets.azion.com',
  'www.azion.com',
  'zitadel.com',
  'status.zitadel.com',
  'support.auth0.com',
  'status.auth0.com',
]);

// Printable ASCII only, no spaces or backslashes: anything else is either an encoding trick
// (IDN homographs, `\` read as `/` by some parsers) or not something a TAM would click.
const plainUrlCharacters = /^[\x21-\x5b\x5d-\x7e]+$/;
const mailAddress =
  /^[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const mailtoFields = new Set(['subject', 'body']);

/**
 * The URL to hand to the OS, normalized, or null when it is not on the allow-list: https to an
 * allowed host exactly as typed (no userinfo, port, percent-encoding, trailing dot, punycode),
 * or mailto: to plain addresses. Everything else (javascript:, file:, data:, http:) is refused.
 */
export function externalUrlToOpen(value: string): string | null {
  if (value.length > 2048 || !plainUrlCharacters.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') {
    if (!/^mailto:[^/]/i.test(value)) return null;
    const addresses = decodeURIComponentOrNull(url.pathname)?.split(',');
    if (!addresses || !addresses.every((address) => mailAddress.test(address))) return null;
    // A prefilled subject or body is handy; prefilled cc/bcc recipients are how mail goes astray.
    if ([...url.searchParams.keys()].some((key) => !mailtoFields.has(key.toLowerCase()))) return null;
    return url.href;
  }
  if (url.protocol !== 'https:') return null;
  // The authority as written must be the bare host name: this rules out `good@evil`,
  // `good:443`, `%2e` tricks and `https:/host` or `https:///host` that parsers forgive.
  const authority = /^https:\/\/([^/?#]*)/i.exec(value)?.[1];
  if (authority === undefined || authority.toLowerCase() !== url.hostname) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  if (!allowedExternalHosts.has(url.hostname)) return null;
  return url.href;
}

export function isAllowedExternalUrl(value: string): boolean {
  return externalUrlToOpen(value) !== null;
}

function decodeURIComponentOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * What our own renderer may use: desktop notifications, and persistent storage so the browser
 * never evicts the local book and its unsent outbox (the sync client asks for it). Everything
 * else, and anything asked by another origin, is denied.
 */
const grantedToTheConsole: ReadonlySet<string> = new Set(['notifications', 'persistent-storage']);

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return grantedToTheConsole.has(permission) && isAppUrl(requestingUrl);
}

// The parts of webContents the guards touch, so tests can drive them with a plain emitter.
type Preventable = { preventDefault(): void };
type FrameNavigation = Preventable & { url: string; isMainFrame: boolean };
export type GuardedWebContents = {
  on(event: 'will-navigate', listener: (event: Preventable) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: FrameNavigation) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/** Hands an allow-listed URL to the OS (shell.openExternal in the app). */
export type OpenExternal = (url: string) => void;

/**
 * The console never navigates, opens windows or embeds webviews. A link to an allow-listed site
 * opens in the user's browser instead. Navigations are opened from will-frame-navigate only:
 * Electron emits it first and skips will-navigate once it is cancelled, so a link opens once.
 */
export function guardWebContents(contents: GuardedWebContents, openExternal: OpenExternal): void {
  const openIfAllowed = (url: string): void => {
    const allowed = externalUrlToOpen(url);
    if (allowed !== null) openExternal(allowed);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    if (event.isMainFrame) openIfAllowed(event.url);
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
