// API fuzzing: over ten thousand generated bad requests against every endpoint of the real
// server over real HTTP, with correct requests interleaved. Not one 5xx, no crash, every refusal
// a JSON problem, and the correct requests keep succeeding during and after.
import { connect } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../src/core/syncProtocol';
import { migrate } from '../../src/server/db/migrations';
import { revokeToken, createToken } from '../../src/server/teamAdmin';
import { aConsole, createContact, createCustomer, type Console } from '../server/support/consoleClient';
import { aTeam, startServer, type RunningServer } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { badRequestGenerator, type BadRequest } from './support/badRequests';
import { recordFigures } from './support/figures';
import { seededRandom } from './support/model';
import { SERVER_CLOCK } from './support/faultTeam';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 10_000);
const RAW_INPUTS = 300;
const PARALLEL = 8;
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

type Seen = { status: number; body: string };

/** Sends one request; a poke stream is closed once its headers arrived. */
function send(baseUrl: string, bad: BadRequest): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const headers: Record<string, string> = {};
    if (bad.authorization !== null) headers.authorization = bad.authorization;
    if (bad.body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(bad.body));
      if (bad.contentType !== null) headers['content-type'] = bad.contentType ?? 'application/json';
    }
    let outgoing: ReturnType<typeof request>;
    try {
      outgoing = request(
        { host: url.hostname, port: url.port, method: bad.method, path: bad.path, headers, agent: false },
        (response) => {
          const status = response.statusCode ?? 0;
          if ((response.headers['content-type'] ?? '').includes('text/event-stream')) {
            response.destroy();
            resolve({ status, body: '' });
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
    } catch (error) {
      // Node itself refuses to send it (a header with a control character): nothing reached the server.
      resolve({ status: -1, body: String(error) });
      return;
    }
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`no answer to ${bad.method} ${bad.path}`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the connection on an oversize body before reading it all.
      if (bad.kind === 'oversize body' && (error.code === 'EPIPE' || error.code === 'ECONNRESET'))
        resolve({ status: 413, body: '' });
      else reject(error);
    });
    if (bad.body !== undefined) outgoing.write(bad.body);
    outgoing.end();
  });
}

/** Bytes on a raw socket: what no HTTP library would send. Resolves with the status line's code. */
function sendRaw(port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.setTimeout(2_000, () => socket.destroy());
    socket.write(bytes, () => socket.end());
  });
}

describe('API fuzzing', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let honest: Console;
  let created = 0;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await migrate(database.db);
    server = await startServer(database.db, { clock: () => SERVER_CLOCK });
    const team = await aTeam(database.db, { tam: 'tam' });
    honest = aConsole(server.url, team.users.tam?.token ?? '');
    expect((await honest.push(createCustomer({ id: 'c-honest' }))).results[0]).toMatchObject({
      status: 'applied',
    });
  });

  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  let queue: Promise<void> = Promise.resolve();
  /** A correct push and pull, one pair at a time (a console pushes in order): both must succeed. */
  function correctRequests(): Promise<void> {
    const run = queue.then(correctPair);
    queue = run.catch(() => undefined);
    return run;
  }

  async function correctPair(): Promise<void> {
    created += 1;
    const pushed = await honest.push(createContact('c-honest', `k-${created}`));
    expect(pushed.status).toBe(200);
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });
    const page = await honest.pull({ cursor: 0, limit: 1 });
    expect(page.changes).toHaveLength(1);
  }

  it(`${INPUTS} bad requests over HTTP: no 5xx, no crash, correct requests keep succeeding (seed ${seed})`, async () => {
    const team = await aTeam(database.db, { tam: 'tam' });
    const other = await aTeam(database.db, { tam: 'tam' });
    const otherConsole = aConsole(server.url, other.users.tam?.token ?? '');
    await otherConsole.push(createCustomer({ id: 'c-other-team' }));
    const revoked = await createToken(database.db, team.id, 'tam', 'revoked');
    await revokeToken(database.db, revoked.tokenId, SERVER_CLOCK);
    const next = badRequestGenerator(seededRandom(seed), {
      goodToken: team.users.tam?.token ?? '',
      otherTeamToken: other.users.tam?.token ?? '',
      revokedToken: revoked.token,
      clientId: 'fuzz-console',
      otherClientId: otherConsole.clientId,
      customerId: 'c-honest',
      otherCustomerId: 'c-other-team',
    });
    const byKind = new Map<string, number>();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    let correct = 0;
    let stop = false;
    const worker = async () => {
      while (sent < INPUTS && !stop) {
        sent += 1;
        const bad = next();
        byKind.set(bad.kind, (byKind.get(bad.kind) ?? 0) + 1);
        const seen = await send(server.url, bad);
        statuses.set(seen.status, (statuses.get(seen.status) ?? 0) + 1);
        const detail = `${bad.kind}: ${bad.method} ${bad.path.slice(0, 120)} ${String(bad.body).slice(0, 200)} → ${seen.status} ${seen.body.slice(0, 300)}`;
        if (seen.status >= 500) failures.push(detail);
        else if (
          seen.status >= 400 &&
          bad.method !== 'HEAD' &&
          !problemSchema.safeParse(safeJson(seen.body)).success
        ) {
          failures.push(`not a JSON problem: ${detail}`);
        }
        if (sent % 100 === 0) {
          correct += 2;
          await correctRequests();
        }
      }
    };
    await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        worker().catch((error: unknown) => {
          stop = true;
          throw error;
        }),
      ),
    );
    // Bytes no client library would send: control characters and broken UTF-8 in the request line and headers.
    const rawRandom = seededRandom(seed + 1);
    const token = team.users.tam?.token ?? '';
    let rawErrors = 0;
    for (let index = 0; index < RAW_INPUTS; index += 1) {
      const junk = Buffer.from(
        Array.from({ length: 1 + Math.floor(rawRandom() * 40) }, () => Math.floor(rawRandom() * 256)),
      );
      const variants = [
        Buffer.concat([
          Buffer.from(`GET /me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}`),
          junk,
          Buffer.from('\r\n\r\n'),
        ]),
        Buffer.concat([
          Buffer.from('GET /pull?clientId='),
          junk,
          Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
        ]),
        Buffer.concat([
          Buffer.from(
            `POST /push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${junk.length}\r\n\r\n`,
          ),
          junk,
        ]),
        Buffer.concat([junk, Buffer.from('\r\n\r\n')]),
      ];
      const status = await sendRaw(
        server.app.server.address() && typeof server.app.server.address() === 'object'
          ? (server.app.server.address() as { port: number }).port
          : 0,
        variants[index % variants.length] as Buffer,
      );
      if (status >= 500) rawErrors += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    await correctRequests();
    correct += 2;
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(rawErrors).toBe(0);
    // The honest console's book is whole: its customer and every contact it created.
    const rows = await honest.pullAll();
    expect(rows.filter((row) => row.table === 'contacts')).toHaveLength(created);
    const fiveHundreds = [...statuses.entries()]
      .filter(([status]) => status >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    recordFigures('API fuzzing', {
      seed,
      'inputs tried': INPUTS + RAW_INPUTS,
      // Node's HTTP client refuses headers with control characters: those never left the test.
      'refused by the HTTP client itself': statuses.get(-1) ?? 0,
      'closed without an answer (raw bytes)': statuses.get(0) ?? 0,
      ...Object.fromEntries([...byKind.entries()].sort()),
      'raw byte requests': RAW_INPUTS,
      'correct requests interleaved': correct,
      statuses: [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
      '5xx': fiveHundreds,
    });
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
