// Electron's security checklist in one place, imported first by index.ts. Importing it registers
// app:// as a privileged scheme, sandboxes every renderer and guards every webContents; call
// hardenSession after 'ready', before the first window. The rules live in securityPolicy.ts.
import { readFile } from 'node:fs/promises';
import { app, protocol, session, shell } from 'electron';
import { APP_SCHEME, serveAppRequest } from './appProtocol';
import { externalUrlToOpen, guardWebContents, isPermissionGranted } from './securityPolicy';

// Both must happen before 'ready'. standard + secure give app://console a real origin, so
// IndexedDB keys on it; supportFetchAPI and corsEnabled let the renderer fetch its own assets.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
app.enableSandbox();

/** The one way a URL leaves the app: through the allow-list, then to the OS's handler. */
export function openExternalIfAllowed(url: string): boolean {
  const allowed = externalUrlToOpen(url);
  if (allowed === null) return false;
  void shell.openExternal(allowed);
  return true;
}

// Every webContents, including ones we do not create ourselves (DevTools, a future dialog).
app.on('web-contents-created', (_event, contents) => {
  guardWebContents(contents, (url) => {
    openExternalIfAllowed(url);
  });
});

/** Permissions denied unless granted by policy, and app:// served from the built renderer. */
export function hardenSession(rendererRoot: string): void {
  const target = session.defaultSession;
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  target.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request, (file) => readFile(file)));
}
