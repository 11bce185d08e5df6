import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageCipher, syncCredentialStore, type TokenCipher } from '../../src/main/syncCredentials';

const credentials = { serverUrl: 'https://sync.example.com', token: 'tamc_' + 'k'.repeat(43) };

/** Stands in for the OS key store: reversible, but never the plain token. */
function fakeCipher(options: { reason?: string | null; stale?: boolean; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const calls = { encrypt: 0 };
  const cipher: TokenCipher = {
    unavailableReason: async () => options.reason ?? null,
    encrypt: async (plain) => {
      calls.encrypt += 1;
      return Uint8Array.from(Buffer.from(plain, 'utf8'), (byte) => byte ^ key);
    },
    decrypt: async (sealed) => {
      const plain = Buffer.from(Uint8Array.from(sealed, (byte) => byte ^ key)).toString('utf8');
      if (!plain.startsWith('tamc_')) throw new Error('Error while decrypting the ciphertext provided');
      return { plain, stale: options.stale ?? false };
    },
  };
  return { cipher, calls };
}

const credentialsFile = () => join(mkdtempSync(join(tmpdir(), 'tam-credentials-')), 'sync-credentials.json');

describe('sync credentials', () => {
  it('are saved with the token encrypted, and come back as they were', async () => {
    const file = credentialsFile();
    const store = syncCredentialStore(file, fakeCipher().cipher);
    expect(await store.save(credentials)).toEqual({ ok: true, value: { encrypted: true } });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(credentials.token);
    expect(text).toContain(credentials.serverUrl);
    expect(await store.load()).toEqual({ ok: true, value: credentials });
  });

  it('the file is readable by this user only', async () => {
    const file = credentialsFile();
    await syncCredentialStore(file, fakeCipher().cipher).save(credentials);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('without a secure key store the token is refused, never written in plain text', async () => {
    const file = credentialsFile();
    const store = syncCredentialStore(
      file,
      fakeCipher({ reason: 'this system offers no secure key store' }).cipher,
    );
    const result = await store.save(credentials);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'secure-storage-unavailable', field: 'token' },
    });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^The sync token was not saved: this system offers no/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('nothing saved loads as nothing', async () => {
    expect(await syncCredentialStore(credentialsFile(), fakeCipher().cipher).load()).toEqual({
      ok: true,
      value: null,
    });
  });

  it('a token the keychain can no longer decrypt asks for the token again', async () => {
    const file = credentialsFile();
    await syncCredentialStore(file, fakeCipher({ key: 1 }).cipher).save(credentials);
    const result = await syncCredentialStore(file, fakeCipher({ key: 2 }).cipher).load();
    expect(result).toMatchObject({ ok: false, error: { code: 'credentials-unreadable', field: 'token' } });
  });

  it.each([
    ['not JSON', 'sync=https://sync.example.com'],
    ['another version', JSON.stringify({ version: 2, serverUrl: 'https://x.example', token: {} })],
    [
      'a token kept in plain text',
      JSON.stringify({ version: 1, serverUrl: 'https://x.example', token: credentials.token }),
    ],
    [
      'a server address no one could have saved',
      JSON.stringify({
        version: 1,
        serverUrl: 'javascript:alert(1)',
        token: { sealedWith: 'safeStorage', data: '' },
      }),
    ],
  ])('a damaged file (%s) is reported, not trusted', async (_case, text) => {
    const file = credentialsFile();
    writeFileSync(file, text);
    expect(await syncCredentialStore(file, fakeCipher().cipher).load()).toMatchObject({
      ok: false,
      error: { code: 'credentials-unreadable' },
    });
  });

  it('a token sealed with a rotated key is sealed again on load', async () => {
    const file = credentialsFile();
    await syncCredentialStore(file, fakeCipher().cipher).save(credentials);
    const { cipher, calls } = fakeCipher({ stale: true });
    expect(await syncCredentialStore(file, cipher).load()).toEqual({ ok: true, value: credentials });
    expect(calls.encrypt).toBe(1);
  });

  it('clearing removes the file, and says whether there was one', async () => {
    const file = credentialsFile();
    const store = syncCredentialStore(file, fakeCipher().cipher);
    await store.save(credentials);
    expect(await store.clear()).toEqual({ ok: true, value: { removed: true } });
    expect(existsSync(file)).toBe(false);
    expect(await store.clear()).toEqual({ ok: true, value: { removed: false } });
  });
});

describe("Electron's safeStorage as the key store", () => {
  const safeStorage = (available: boolean, backend: 'basic_text' | 'gnome_libsecret' | 'unknown') => ({
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain: string) => Buffer.from(plain),
    decryptStringAsync: async (sealed: Buffer) => ({ result: sealed.toString(), shouldReEncrypt: false }),
  });

  it('no encryption at all counts as no key store', async () => {
    expect(await safeStorageCipher(safeStorage(false, 'unknown'), 'win32').unavailableReason()).toBe(
      'this system offers no secure key store',
    );
  });

  it("Linux's basic_text fallback counts as no key store: its key is the same everywhere", async () => {
    expect(await safeStorageCipher(safeStorage(true, 'basic_text'), 'linux').unavailableReason()).toMatch(
      /no system keyring/,
    );
  });

  it('a Linux keyring, or macOS and Windows with encryption, is a key store', async () => {
    expect(
      await safeStorageCipher(safeStorage(true, 'gnome_libsecret'), 'linux').unavailableReason(),
    ).toBeNull();
    expect(await safeStorageCipher(safeStorage(true, 'unknown'), 'darwin').unavailableReason()).toBeNull();
  });
});
