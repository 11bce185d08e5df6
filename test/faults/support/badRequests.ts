// A generator of bad requests for the team server's API: broken JSON, wrong types, huge strings,
// odd unicode (lone surrogates, NUL), SQL-looking text, deep nesting, oversize bodies, wrong
// methods and content types, bad tokens and mangled query strings. Seeded, so a failure repeats.
import { mutationNames } from '../../../src/core/mutations';

export type BadRequest = {
  kind: string;
  method: string;
  path: string;
  /** The raw body, already serialized (it may be invalid JSON on purpose). */
  body?: string;
  contentType?: string | null;
  /** The Authorization header as sent; null leaves it out. */
  authorization: string | null;
};

export type Ingredients = {
  goodToken: string;
  otherTeamToken: string;
  revokedToken: string;
  clientId: string;
  otherClientId: string;
  customerId: string;
  otherCustomerId: string;
};

const oddStrings = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff surrogate',
  '\ufeffbom',
  '\u202eRTL override',
  'e\u0301\u0301\u0301',
  '👩🏽‍💻🇨🇭',
  '\u0085\u2028\u2029',
  "'; DROP TABLE records; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5)',
  '$1',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{constructor.constructor("x")()}}',
  '__proto__',
  'constructor',
  '\\u0000',
  '\x7f\x1b[31m',
  'a'.repeat(65),
  'tamc_',
];

const oddNumbers = [
  0,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 64,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  4.9e-324,
];

export function badRequestGenerator(random: () => number, ingredients: Ingredients) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (max: number) => Math.floor(random() * max);
  const good = `Bearer ${ingredients.goodToken}`;

  function oddValue(depth = 0): unknown {
    const roll = random();
    if (roll < 0.25) return pick(oddStrings);
    if (roll < 0.4) return pick(oddNumbers);
    if (roll < 0.45) return null;
    if (roll < 0.5) return random() < 0.5;
    if (roll < 0.55) return 'x'.repeat(int(200_000));
    if (roll < 0.65 && depth < 3) return Array.from({ length: int(4) }, () => oddValue(depth + 1));
    if (roll < 0.75 && depth < 3) {
      return Object.fromEntries(
        Array.from({ length: int(4) }, () => [pick(oddStrings), oddValue(depth + 1)]),
      );
    }
    if (roll < 0.8) return deep(50 + int(800));
    return pick([ingredients.otherCustomerId, ingredients.customerId, ingredients.otherClientId]);
  }

  function deep(levels: number): unknown {
    let value: unknown = 'bottom';
    for (let level = 0; level < levels; level += 1) value = random() < 0.5 ? [value] : { a: value };
    return value;
  }

  /** A valid-looking envelope with one field made odd. */
  function pushBody(): unknown {
    const mutation: Record<string, unknown> = {
      id: 1 + int(5),
      name: pick(mutationNames),
      version: 1,
      args: oddValue(),
      clientTime: '2026-03-02T08:00:00.000Z',
    };
    // A fresh console id per push, so each one is processed rather than answered from storage.
    const body: Record<string, unknown> = { clientId: `fuzz-${int(1e9)}`, mutations: [mutation] };
    const field = pick([
      'clientId',
      'mutations',
      'id',
      'name',
      'version',
      'clientTime',
      'args',
      'args',
      'extra',
    ]);
    if (field === 'clientId' || field === 'mutations') body[field] = oddValue();
    else if (field === 'extra') body[pick(oddStrings)] = oddValue();
    else mutation[field] = oddValue();
    return body;
  }

  function pullBody(): unknown {
    const body: Record<string, unknown> = {
      clientId: ingredients.clientId,
      cursor: 0,
      limit: 10,
      resultsAfter: 0,
    };
    body[pick(['clientId', 'cursor', 'limit', 'resultsAfter', 'other'])] = oddValue();
    return body;
  }

  function queryValue(): string {
    const roll = random();
    if (roll < 0.3)
      return encodeURIComponent(
        String(pick([...oddStrings.filter((text) => !/[\ud800-\udfff]/.test(text)), ...oddNumbers])),
      );
    if (roll < 0.45)
      return pick([
        '%00',
        '%ZZ',
        '%',
        '%ud800',
        '%ED%A0%80',
        '%FF%FE',
        '1e400',
        '-0',
        '0x10',
        'NaN',
        'Infinity',
        '9'.repeat(40),
      ]);
    if (roll < 0.6) return 'x'.repeat(int(6_000));
    return String(pick(oddNumbers));
  }

  function brokenJson(): string {
    const valid = safeStringify(random() < 0.5 ? pushBody() : pullBody());
    const roll = random();
    if (roll < 0.3) return valid.slice(0, int(valid.length));
    if (roll < 0.45) return `${valid}${pick(['}', ']', ',', 'garbage', '\u0000'])}`;
    if (roll < 0.55)
      return pick([
        '',
        'null',
        'true',
        '1',
        '"text"',
        '[]',
        '{',
        '[[[',
        '{"a":}',
        "{'single': 1}",
        'NaN',
        '{"__proto__": {"polluted": 1}}',
      ]);
    if (roll < 0.62) return `${'['.repeat(10_000 + int(90_000))}${']'.repeat(int(2) === 0 ? 0 : 100_000)}`;
    if (roll < 0.7) {
      // Valid JSON, nested far deeper than any stack: arguments 10,000 to 100,000 levels down.
      const levels = 10_000 + int(90_000);
      const args = `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;
      return `{"clientId":"fuzz-${int(1e9)}","mutations":[{"id":1,"name":"createCustomer","version":1,"args":${args},"clientTime":"2026-03-02T08:00:00.000Z"}]}`;
    }
    if (roll < 0.85)
      return '{"clientId":"\\ud800","mutations":[{"id":1,"name":"createCustomer","version":1,"args":{"customer":{"id":"\\u0000"}},"clientTime":"2026-03-02T08:00:00.000Z"}]}';
    return Buffer.from(Array.from({ length: int(300) }, () => int(256))).toString('latin1');
  }

  const endpoints = ['/me', '/team', '/push', '/pull', '/audit', '/poke', '/health', '/openapi.json'];

  return function next(): BadRequest {
    const roll = random();
    if (roll < 0.2) {
      return {
        kind: 'wrong types in a push',
        method: 'POST',
        path: '/push',
        body: safeStringify(pushBody()),
        authorization: good,
      };
    }
    if (roll < 0.3) {
      return {
        kind: 'wrong types in a pull',
        method: 'POST',
        path: '/pull',
        body: safeStringify(pullBody()),
        authorization: good,
      };
    }
    if (roll < 0.45) {
      return {
        kind: 'broken JSON',
        method: 'POST',
        path: pick(['/push', '/pull']),
        body: brokenJson(),
        authorization: good,
      };
    }
    if (roll < 0.6) {
      const path = pick(['/pull', '/audit', '/poke']);
      const names =
        path === '/audit'
          ? ['customerId', 'before', 'limit']
          : ['clientId', 'cursor', 'limit', 'resultsAfter', 'access_token'];
      const query = Array.from({ length: 1 + int(3) }, () => `${pick(names)}=${queryValue()}`).join('&');
      return {
        kind: 'mangled query string',
        method: 'GET',
        path: `${path}?${query}`,
        authorization: path === '/poke' ? pick([null, 'Bearer tamc_x']) : good,
      };
    }
    if (roll < 0.7) {
      const token = pick([
        null,
        '',
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        `Bearer ${ingredients.revokedToken}`,
        `Bearer ${ingredients.goodToken}x`,
        `Bearer ${ingredients.goodToken.slice(0, -1)}`,
        `Bearer tamc_${'A'.repeat(5_000)}`,
        `Bearer ' OR '1'='1`,
        `bearer  ${ingredients.goodToken}  extra`,
        `Bearer tamc_${encodeURIComponent('\u0000')}`,
      ]);
      const path = pick(endpoints.filter((endpoint) => endpoint !== '/poke'));
      return {
        kind: 'bad token',
        method: path === '/push' ? 'POST' : 'GET',
        path,
        body: path === '/push' ? '{}' : undefined,
        authorization: token,
      };
    }
    if (roll < 0.78) {
      const method = pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'GET', 'POST', 'TRACE']);
      const path = pick([
        ...endpoints.filter((endpoint) => endpoint !== '/poke'),
        '/push/',
        '//push',
        '/PUSH',
        '/records',
        '/admin',
        '/%00',
        '/pull/../push',
      ]);
      return {
        kind: 'wrong method or path',
        method,
        path,
        body: method === 'GET' || method === 'HEAD' || method === 'TRACE' ? undefined : '{}',
        authorization: good,
      };
    }
    if (roll < 0.86) {
      const contentType = pick([
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'application/jsonx',
        '*/*',
        'application/json\u0000',
      ]);
      return {
        kind: 'wrong content type',
        method: 'POST',
        path: pick(['/push', '/pull']),
        body: safeStringify(pushBody()),
        contentType,
        authorization: good,
      };
    }
    if (roll < 0.87) {
      return {
        kind: 'oversize body',
        method: 'POST',
        path: pick(['/push', '/pull']),
        body: `{"clientId":"${'x'.repeat(1_100_000 + int(900_000))}"}`,
        authorization: good,
      };
    }
    if (roll < 0.93) {
      return {
        kind: 'another team’s ids',
        method: 'POST',
        path: pick(['/push', '/pull']),
        body: safeStringify(
          random() < 0.5
            ? { clientId: ingredients.otherClientId, cursor: 0 }
            : {
                clientId: ingredients.otherClientId,
                mutations: [
                  {
                    id: 1,
                    name: 'updateCustomer',
                    version: 1,
                    args: { id: ingredients.otherCustomerId, patch: { name: 'x' } },
                    clientTime: '2026-03-02T08:00:00.000Z',
                  },
                ],
              },
        ),
        authorization: good,
      };
    }
    return {
      kind: 'odd text in valid mutations',
      method: 'POST',
      path: '/push',
      body: safeStringify(oddTextMutation()),
      authorization: good,
    };
  };

  /** A push whose mutation is well-formed but carries odd text where text goes. */
  function oddTextMutation(): unknown {
    const text = pick(oddStrings);
    const customer = {
      id: random() < 0.5 ? `c-${int(1e6)}` : text,
      name: text || 'x',
      country: 'CH',
      region: 'SG',
      timeZone: random() < 0.8 ? 'Europe/Zurich' : text,
      tamUserId: 'tam',
      channels: ['ticket'],
      notes: text,
      archived: false,
    };
    return {
      clientId: `fuzz-${int(1e9)}`,
      mutations: [
        {
          id: 1,
          name: 'createCustomer',
          version: 1,
          args: { customer },
          clientTime: '2026-03-02T08:00:00.000Z',
        },
      ],
    };
  }
}

/** JSON.stringify that survives what the generator makes (deep values are built iteratively). */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '{"clientId":';
  }
}
