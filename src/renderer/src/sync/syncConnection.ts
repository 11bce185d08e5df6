// Where the console's team server and token come from: the address from settings; the token
// from the desktop app's key store (preload) or, in the browser build, from meta (see schema.ts).
import { db } from '../db/schema';
import { readSettings } from '../db/settings';
import { desktopApi } from '../platform/consoleApi';
import type { SyncConnection } from './syncTransport';

export type ConnectionOrMissing = SyncConnection | { missing: 'server' | 'token' };

export async function readSyncConnection(): Promise<ConnectionOrMissing> {
  const settings = await readSettings();
  const serverUrl = settings?.syncServerUrl ?? null;
  if (!serverUrl) return { missing: 'server' };
  const api = desktopApi();
  if (api) {
    const loaded = await api.loadSyncCredentials();
    if (loaded.ok && loaded.value && loaded.value.serverUrl === serverUrl) {
      return { serverUrl, token: loaded.value.token };
    }
    return { missing: 'token' };
  }
  const stored = await db.meta.get('syncToken');
  return stored?.key === 'syncToken' ? { serverUrl, token: stored.value } : { missing: 'token' };
}

/** The browser build's token store (see MetaEntry 'syncToken' for why it lives in IndexedDB). */
export async function saveBrowserSyncToken(token: string): Promise<void> {
  await db.meta.put({ key: 'syncToken', value: token });
}

export async function clearBrowserSyncToken(): Promise<void> {
  await db.meta.delete('syncToken');
}

export async function hasBrowserSyncToken(): Promise<boolean> {
  return (await db.meta.get('syncToken')) !== undefined;
}
