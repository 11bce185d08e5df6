// The sync server address and token, kept in userData with the token encrypted by the OS key
// store (Electron's safeStorage). Where there is none, the token is refused, never written plain.
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import {
  syncCredentialsSchema,
  type IpcResponse,
  type IpcResult,
  type SyncCredentials,
} from '../preload/api';
import { fail, ok } from './ipc';
import { readTextFileIfPresent, removeFile, writeFileAtomically } from './userDataFiles';

/** Encryption bound to this user's OS account; safeStorageCipher adapts Electron's. */
export type TokenCipher = {
  /** Why the token cannot be kept safely on this machine, or null when it can. */
  unavailableReason(): Promise<string | null>;
  encrypt(plain: string): Promise<Uint8Array>;
  /** `stale`: the key has rotated and the token should be encrypted again. */
  decrypt(sealed: Uint8Array): Promise<{ plain: string; stale: boolean }>;
};

const sealedCredentialsSchema = z.strictObject({
  version: z.literal(1),
  serverUrl: z.string(),
  token: z.strictObject({ sealedWith: z.literal('safeStorage'), data: z.base64() }),
});

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** The file content for these credentials, or why it cannot be written safely. */
export async function sealCredentials(
  credentials: SyncCredentials,
  cipher: TokenCipher,
): Promise<IpcResult<string>> {
  const reason = await cipher.unavailableReason();
  if (reason !== null) {
    return fail(
      'secure-storage-unavailable',
      `The sync token was not saved: ${reason}, and the console does not keep tokens in plain text. ` +
        'Enter it again after each start, or set up the system keyring and save again.',
      'token',
    );
  }
  const sealed = {
    version: 1,
    serverUrl: credentials.serverUrl,
    token: { sealedWith: 'safeStorage', data: toBase64(await cipher.encrypt(credentials.token)) },
  } satisfies z.input<typeof sealedCredentialsSchema>;
  return ok(`${JSON.stringify(sealed, null, 2)}\n`);
}

const damaged = fail(
  'credentials-unreadable',
  'The saved sync settings are damaged; enter the server address and token again.',
);

/** The credentials in a file written by sealCredentials; `stale` asks for a fresh seal. */
export async function openCredentials(
  text: string,
  cipher: TokenCipher,
): Promise<IpcResult<{ credentials: SyncCredentials; stale: boolean }>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return damaged;
  }
  const sealed = sealedCredentialsSchema.safeParse(json);
  if (!sealed.success) return damaged;
  let token: { plain: string; stale: boolean };
  try {
    token = await cipher.decrypt(Buffer.from(sealed.data.token.data, 'base64'));
  } catch {
    return fail(
      'credentials-unreadable',
      'The saved sync token can no longer be decrypted (the system keychain changed); enter it again.',
      'token',
    );
  }
  const credentials = syncCredentialsSchema.safeParse({
    serverUrl: sealed.data.serverUrl,
    token: token.plain,
  });
  if (!credentials.success) return damaged;
  return ok({ credentials: credentials.data, stale: token.stale });
}

export type SyncCredentialStore = {
  save(credentials: SyncCredentials): Promise<IpcResponse<'credentials:save'>>;
  load(): Promise<IpcResponse<'credentials:load'>>;
  clear(): Promise<IpcResponse<'credentials:clear'>>;
};

export function syncCredentialStore(file: string, cipher: TokenCipher): SyncCredentialStore {
  const write = (text: string) => writeFileAtomically(file, text, 0o600);
  return {
    async save(credentials) {
      const sealed = await sealCredentials(credentials, cipher);
      if (!sealed.ok) return sealed;
      write(sealed.value);
      return ok({ encrypted: true });
    },
    async load() {
      const text = readTextFileIfPresent(file);
      if (text === null) return ok(null);
      const opened = await openCredentials(text, cipher);
      if (!opened.ok) return opened;
      if (opened.value.stale) {
        const resealed = await sealCredentials(opened.value.credentials, cipher);
        if (resealed.ok) write(resealed.value);
      }
      return ok(opened.value.credentials);
    },
    async clear() {
      return ok({ removed: removeFile(file) });
    },
  };
}

/**
 * Electron's safeStorage as a TokenCipher. On Linux without a keyring (GNOME libsecret, KWallet)
 * Chromium falls back to 'basic_text', a fixed key anyone can reproduce: that counts as none.
 */
export function safeStorageCipher(
  safeStorage: Pick<
    SafeStorage,
    'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
  >,
  platform: string,
): TokenCipher {
  return {
    async unavailableReason() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'this system offers no secure key store';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return 'no system keyring (GNOME Keyring or KWallet) is running';
      }
      return null;
    },
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(sealed) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return { plain: result, stale: shouldReEncrypt };
    },
  };
}
