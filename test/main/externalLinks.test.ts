import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAllowedExternalUrl } from '../../src/main/securityPolicy';

describe('external links open only to the allow-list', () => {
  it.each([
    ['https://status.azion.com/', 'https://status.azion.com/'],
    ['https://tickets.azion.com/', 'https://tickets.azion.com/'],
    ['https://status.zitadel.com', 'https://status.zitadel.com/'],
    ['https://zitadel.com/contact', 'https://zitadel.com/contact'],
    ['https://support.auth0.com/tickets?id=4711#reply', 'https://support.auth0.com/tickets?id=4711#reply'],
    ['HTTPS://STATUS.AUTH0.COM/', 'https://status.auth0.com/'],
    ['https://www.azion.com/en/docs/support/', 'https://www.azion.com/en/docs/support/'],
    ['mailto:ops@acme.example', 'mailto:ops@acme.example'],
    [
      'mailto:ops@acme.example,cto@acme.example?subject=Review',
      'mailto:ops@acme.example,cto@acme.example?subject=Review',
    ],
  ])('%s opens as %s', (url, normalized) => {
    expect(externalUrlToOpen(url)).toBe(normalized);
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  const misleading: [trick: string, url: string][] = [
    ['userinfo: the real host is after the @', 'https://status.azion.com@evil.example/'],
    ['userinfo with a password', 'https://status.azion.com:pw@evil.example/'],
    ['userinfo that is our host, then an allowed host', 'https://evil@status.azion.com/'],
    ['an allowed host as a subdomain of another', 'https://status.azion.com.evil.example/'],
    ['an allowed host as a prefix', 'https://status.azion.community/'],
    ['a subdomain of an allowed host', 'https://evil.status.azion.com/'],
    ['a subdomain of an allowed apex', 'https://evil.zitadel.com/'],
    ['a trailing dot', 'https://status.azion.com./'],
    ['an explicit port', 'https://status.azion.com:8443/'],
    ['the default port spelled out', 'https://status.azion.com:443/'],
    ['plain http', 'http://status.azion.com/'],
    ['IDN lookalike with a Cyrillic a', 'https://st\u0430tus.azion.com/'],
    ['the same lookalike in punycode', 'https://xn--sttus-3ve.azion.com/'],
    ['a fullwidth dot', 'https://status\uff0eazion.com/'],
    ['a percent-encoded dot in the host', 'https://status%2eazion.com/'],
    ['a backslash read as a slash', 'https://evil.example\\@status.azion.com/'],
    ['a backslash after the scheme', 'https:\\\\status.azion.com/'],
    ['one slash only', 'https:/status.azion.com/'],
    ['no slashes', 'https:status.azion.com'],
    ['three slashes', 'https:///status.azion.com/'],
    ['leading whitespace', ' https://status.azion.com/'],
    ['an embedded tab', 'https://status.az\tion.com/'],
    ['a newline in the path', 'https://status.azion.com/\n'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: dressed as a comment', 'javascript://status.azion.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a Windows UNC path', 'file://attacker.example/share/payload.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['our own app origin', 'app://console/index.html'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['an IP address', 'https://192.0.2.10/'],
    ['a mailto with a header injected', 'mailto:ops@acme.example%0d%0abcc:all@evil.example'],
    ['a mailto that prefills a bcc', 'mailto:ops@acme.example?bcc=spy@evil.example'],
    ['a mailto whose address is a script', 'mailto:javascript:alert(1)'],
    ['a mailto that pretends to be a host', 'mailto://evil.example/'],
    ['an empty string', ''],
    ['not a URL at all', 'status.azion.com'],
    ['a very long URL', `https://status.azion.com/${'a'.repeat(2100)}`],
  ];

  it.each(misleading)('refused: %s (%j)', (_trick, url) => {
    expect(externalUrlToOpen(url)).toBeNull();
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
