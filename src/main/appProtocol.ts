// The renderer is served from app://console/ (not file://), so IndexedDB has one stable origin
// and every response carries our CSP. Pure: security.ts wires it into Electron's protocol module.
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The policy sent with every app:// response. src/renderer/index.html carries the same one in a
 * meta tag (for the browser build), minus frame-ancestors, which only works as a header.
 * connect-src allows https: because the team's sync server is wherever the TAM points it.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for a URL on our own renderer origin, app://console, with nothing smuggled in. */
export function isAppUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  );
}

/**
 * The file under `root` that an app:// URL names, or null for anything that could leave root:
 * `..` in any spelling, encoded separators (`..%2f`, `%5c`), backslashes, empty segments
 * (`//etc`), NUL bytes, drive letters or stream names (`:`), another host, or no URL at all.
 * The URL parser already folds plain and `%2e%2e` segments; the rest is checked here.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const { pathname } = new URL(requestUrl);
  if (/%2f|%5c|\\|\/\//i.test(pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\0:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const rootPath = resolve(root);
  const file = segments.length === 0 ? join(rootPath, 'index.html') : join(rootPath, ...segments);
  const inside = relative(rootPath, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file.startsWith(rootPath + sep) ? file : null;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type FileReader = (file: string) => Promise<Uint8Array>;

function notFound(status: 404 | 405): Response {
  return new Response(null, {
    status,
    headers: { 'content-security-policy': contentSecurityPolicy, 'x-content-type-options': 'nosniff' },
  });
}

/**
 * Answers one app:// request from the built renderer in `root`. A path without an extension
 * that names no file is a client-side route: it gets index.html, so a reload keeps the view.
 */
export async function serveAppRequest(
  root: string,
  request: { method: string; url: string },
  readFile: FileReader,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405);
  const file = resolveAppPath(root, request.url);
  if (file === null) return notFound(404);
  let served = file;
  let body: Uint8Array;
  try {
    body = await readFile(file);
  } catch {
    if (extname(file) !== '') return notFound(404);
    served = join(resolve(root), 'index.html');
    try {
      body = await readFile(served);
    } catch {
      return notFound(404);
    }
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypeFor(served),
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-cache',
    },
  });
}
