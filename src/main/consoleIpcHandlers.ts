// What each channel of the IPC contract does, given the pieces of the app it needs. Payloads
// arrive already checked (ipc.ts); handlers return values or typed errors.
import type { AppInfo } from '../preload/api';
import { fail, ok, type IpcHandlers } from './ipc';
import type { NativeNotifications } from './notifications';
import type { OutboxMirrorStore } from './outboxMirror';
import type { StatementPdfSaver } from './statementPdf';
import type { SyncCredentialStore } from './syncCredentials';

export type ConsoleIpcServices = {
  appInfo: AppInfo;
  notifications: NativeNotifications;
  credentials: SyncCredentialStore;
  /** The outbox mirror in userDataPaths().outboxMirror. */
  outbox: OutboxMirrorStore;
  saveStatementPdf: StatementPdfSaver;
  // Issue 5 (sync client): `outbox` joins here, backed by userDataPaths().outboxMirror.
};

export function consoleIpcHandlers(services: ConsoleIpcServices): IpcHandlers {
  return {
    'app:info': () => ok(services.appInfo),
    'notify:show': (request) => {
      if (!services.notifications.isSupported()) {
        return fail('notifications-unsupported', 'This system cannot show desktop notifications.');
      }
      services.notifications.show(request);
      return ok({ shown: true });
    },
    'credentials:save': (credentials) => services.credentials.save(credentials),
    'credentials:load': () => services.credentials.load(),
    'credentials:clear': () => services.credentials.clear(),
    'outbox:mirror': (mirror) => services.outbox.save(mirror),
    'outbox:readMirror': () => services.outbox.load(),
    'statement:savePdf': (request) => services.saveStatementPdf(request),
  };
}
