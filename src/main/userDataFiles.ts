// The small files the main process keeps in Electron's userData folder, and how they are written:
// whole or not at all (temp file + rename), so a crash or power cut never leaves half a file.
// Synchronous on purpose: they are tiny, and the window state is written during 'close'.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type UserDataPaths = {
  windowState: string;
  syncCredentials: string;
  /** Issue 5 (sync client): the outbox mirror, so queued mutations survive a lost IndexedDB. */
  outboxMirror: string;
};

export function userDataPaths(userData: string): UserDataPaths {
  return {
    windowState: join(userData, 'window-state.json'),
    syncCredentials: join(userData, 'sync-credentials.json'),
    outboxMirror: join(userData, 'outbox-mirror.jsonl'),
  };
}

/** The file's text, or null when there is no such file. Other errors (permissions) are thrown. */
export function readTextFileIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

/** Replaces the file in one step; `mode` 0o600 keeps secrets readable by this user only. */
export function writeFileAtomically(file: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content, { encoding: 'utf8', mode });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** True when there was a file to remove. */
export function removeFile(file: string): boolean {
  const existed = existsSync(file);
  rmSync(file, { force: true });
  return existed;
}
