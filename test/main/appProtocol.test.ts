import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  resolveAppPath,
  serveAppRequest,
} from '../../src/main/appProtocol';

// A built renderer in <tmp>/app/renderer, and a secret beside it that must stay out of reach.
let root = '';
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'tam-app-protocol-'));
  root = join(base, 'app', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'app', 'secret.txt'), 'sync token');
});

describe('the app:// path guard', () => {
  it.each([
    ['app://console/', 'index.html'],
    ['app://console', 'index.html'],
    ['app://console/index.html', 'index.html'],
    ['app://console/index.html?view=today#top', 'index.html'],
    ['app://console/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://console/assets/../index.html', 'index.html'],
    ['app://console/assets/%2e%2e/index.html', 'index.html'],
    ['app://console/fonts/Inter%20Var.woff2', 'fonts/Inter Var.woff2'],
    ['app://console/customers', 'customers'],
    // Decoded once: what was encoded twice is a harmless, odd file name inside root.
    ['app://console/%252e%252e/secret.txt', '%2e%2e/secret.txt'],
  ])('%s is served from %s under the renderer folder', (url, file) => {
    expect(resolveAppPath(root, url)).toBe(join(root, ...file.split('/')));
  });

  it('the path above the renderer folder is never reached by folding', () => {
    expect(resolveAppPath(root, 'app://console/../../secret.txt')).toBe(join(root, 'secret.txt'));
  });

  it.each([
    ['an encoded slash after ..', 'app://console/..%2f..%2fsecret.txt'],
    ['an encoded slash in upper case', 'app://console/..%2F..%2Fsecret.txt'],
    ['an encoded dot-dot-slash', 'app://console/%2e%2e%2fsecret.txt'],
    ['an encoded backslash', 'app://console/assets/..%5c..%5csecret.txt'],
    ['a raw backslash', 'app://console/..\\..\\secret.txt'],
    ['an encoded absolute path', 'app://console/%2Fetc%2Fpasswd'],
    ['an empty segment, as in //etc', 'app://console//etc/passwd'],
    ['a NUL byte', 'app://console/index.html%00.js'],
    ['a Windows drive', 'app://console/C:/Windows/win.ini'],
    ['an encoded drive colon', 'app://console/c%3a/Windows/win.ini'],
    ['an NTFS stream name', 'app://console/index.html::$DATA'],
    ['malformed percent-encoding', 'app://console/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['no host, an absolute path', 'app:///etc/passwd'],
    ['a port', 'app://console:8080/index.html'],
    ['a user name', 'app://tam@console/index.html'],
    ['a file URL', 'file:///etc/passwd'],
    ['a bare absolute path', '/etc/passwd'],
    ['an https URL', 'https://console/index.html'],
    ['an empty string', ''],
  ])('%s is refused (%s)', (_trick, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('serving the renderer over app://', () => {
  const get = (url: string, method = 'GET') => {
    const read: string[] = [];
    const response = serveAppRequest(root, { method, url }, (file) => {
      read.push(file);
      return readFile(file);
    });
    return { response, read };
  };

  it('the entry page comes with the content security policy as a header', async () => {
    const response = await get(APP_ENTRY_URL).response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('scripts are served as JavaScript, or module scripts would not run', async () => {
    const response = await get('app://console/assets/index-abc.js').response;
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('a reload on a client-side route gets the entry page', async () => {
    const response = await get('app://console/customers/acme').response;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('a missing asset is a 404, not the entry page', async () => {
    expect((await get('app://console/assets/missing.js').response).status).toBe(404);
  });

  it('a traversal attempt is a 404 and reads no file at all', async () => {
    const { response, read } = get('app://console/..%2fsecret.txt');
    expect((await response).status).toBe(404);
    expect(read).toEqual([]);
  });

  it('every file read stays inside the renderer folder', async () => {
    const urls = [
      'app://console/../../secret.txt',
      'app://console/assets/%2e%2e/%2e%2e/secret.txt',
      'app://console/nowhere',
    ];
    const reads = await Promise.all(
      urls.map(async (url) => {
        const { response, read } = get(url);
        expect(await (await response).text()).not.toContain('sync token');
        return read;
      }),
    );
    for (const file of reads.flat()) expect(file.startsWith(resolve(root))).toBe(true);
  });

  it('only GET and HEAD are answered', async () => {
    expect((await get(APP_ENTRY_URL, 'POST').response).status).toBe(405);
    const head = await get(APP_ENTRY_URL, 'HEAD').response;
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('one content security policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name, sources.sort().join(' ')]),
    );

  it('the meta tag in index.html says what the app:// header says (frame-ancestors is header-only)', () => {
    const html = readFileSync(resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(contentSecurityPolicy);
    header.delete('frame-ancestors');
    expect(directives(meta ?? '')).toEqual(header);
  });

  it('no script runs unless it is a file of the app', () => {
    const policy = directives(contentSecurityPolicy);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('default-src')).toBe("'self'");
  });
});
