// The team server's figures: mutations applied per second with 10 concurrent consoles (PGlite and
// PostgreSQL), the latency of a pull of 1,000 and of 10,000 changes, and the time from a push to
// the poke on another connection. Real HTTP on 127.0.0.1, the server in this process.
//   npx tsx bench/serverBench.ts          (starts a private PostgreSQL when DATABASE_URL is unset)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { RecordPut } from '../src/core/mutations/mutation';
import { tableNames, type RecordOf, type TableName } from '../src/core/records';
import type { PullResponse, PushResponse } from '../src/core/syncProtocol';
import { buildServer } from '../src/server/app';
import type { Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrations';
import { openPgliteDatabase } from '../src/server/db/pgliteDatabase';
import { openPostgresDatabase } from '../src/server/db/postgresDatabase';
import { createTeam, createToken, createUser, importRecords } from '../src/server/teamAdmin';
import { againstBaseline, printTable, rowFrom, type BenchRow } from './figures';
import { flattenBook, generateTeamBook } from '../src/core/demoBook';

const CONSOLES = 10;
const BATCH = 10;
const PUSHES_PER_CONSOLE = 20;
const RUNS = 5;
const today = '2026-03-02';
const clock = () => new Date().toISOString();

export type Server = { url: string; close(): Promise<void> };

async function serve(db: Database): Promise<Server> {
  const app = await buildServer({ db, rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const probe = createServer();
    probe.on('error', rejectPort);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `npm run server` as deployed: its own process, so the bench's clients do not share its CPU. */
async function spawnServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const root = fileURLToPath(new URL('..', import.meta.url));
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server itself.
  const extra = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_PER_SECOND: '1000000',
      DATABASE_POOL_SIZE: '12',
    },
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 200 || child.exitCode !== null) throw new Error('the server process did not start');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return {
    url,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// Plain http with keep-alive: the consoles are other machines in real life, so the load generator
// should take as little of this machine's CPU as it can (fetch costs several times more).
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post<T>(url: string, token: string, body: unknown): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise((resolvePost, rejectPost) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200)
            rejectPost(new Error(`${url} answered ${response.statusCode}: ${text}`));
          else resolvePost(JSON.parse(text) as T);
        });
        response.on('error', rejectPost);
      },
    );
    request.on('error', rejectPost);
    request.end(payload);
  });
}

export function recordsOf(customers: number, seed: number): RecordPut[] {
  const tables = flattenBook(generateTeamBook({ customers, seed, today }).books, []);
  return tableNames.flatMap((table: TableName) =>
    (tables[table] as RecordOf<typeof table>[]).map((record) => ({ table, record }) as RecordPut),
  );
}

/** A team with `users` TAMs, each with a token, and optional records loaded. */
export async function aTeam(db: Database, users: number, records: RecordPut[] = []) {
  const id = `bench-${randomBytes(4).toString('hex')}`;
  await createTeam(db, { id, name: id });
  const tokens: string[] = [];
  for (let index = 0; index < users; index += 1) {
    await createUser(db, { teamId: id, id: `tam-${index}`, name: `TAM ${index}`, role: 'tam' });
    tokens.push((await createToken(db, id, `tam-${index}`)).token);
  }
  if (records.length > 0) await importRecords(db, id, records, { at: clock() });
  return { id, tokens };
}

/** One console's edits in a push: alternately a customer's notes and a new contact. */
type BenchContact = {
  id: string;
  customerId: string;
  name: string;
  role: string;
  email: string;
  phones: string[];
  primary: boolean;
};
type BenchEdit =
  | { id: number; name: 'updateCustomer'; args: { id: string; patch: { notes: string } } }
  | { id: number; name: 'createContact'; args: { contact: BenchContact } };

function benchEdits(
  tag: string,
  consoleIndex: number,
  customerId: string,
  run: number,
  first: number,
  batch: number,
): BenchEdit[] {
  return Array.from({ length: batch }, (_, index): BenchEdit => {
    const id = first + index;
    return id % 2 === 0
      ? { id, name: 'updateCustomer', args: { id: customerId, patch: { notes: `Run ${run}, edit ${id}` } } }
      : {
          id,
          name: 'createContact',
          args: {
            contact: {
              id: `bench-${tag}-${consoleIndex}-${id}`,
              customerId,
              name: `Contact ${id}`,
              role: 'engineering',
              email: `c${id}@example.com`,
              phones: [],
              primary: false,
            },
          },
        };
  });
}

export type Load = { consoles: number; batch: number; pushes: number };

/**
 * Runs `load.consoles` consoles concurrently, each sending `load.pushes` pushes of `load.batch`
 * edits, each console to its own 10 customers in turn (books stay near their real size), `RUNS`
 * times; `send` delivers one push. Returns edits per second of each run.
 */
async function editsPerSecond(
  load: Load,
  customers: readonly string[],
  send: (consoleIndex: number, edits: BenchEdit[], customerId: string) => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  const nextIds = Array.from({ length: load.consoles }, () => 1);
  // New contacts' ids differ from one call to the next: a team may be measured more than once.
  const tag = randomBytes(3).toString('hex');
  // One run more than is counted: the first warms up the server's JIT and PostgreSQL's caches.
  for (let run = -1; run < RUNS; run += 1) {
    const started = performance.now();
    await Promise.all(
      nextIds.map(async (_, consoleIndex) => {
        for (let push = 0; push < load.pushes; push += 1) {
          const customerId = customers[consoleIndex * 10 + (push % 10)] ?? '';
          const first = nextIds[consoleIndex] ?? 1;
          await send(
            consoleIndex,
            benchEdits(tag, consoleIndex, customerId, run, first, load.batch),
            customerId,
          );
          nextIds[consoleIndex] = first + load.batch;
        }
      }),
    );
    if (run >= 0)
      samples.push((load.consoles * load.pushes * load.batch) / ((performance.now() - started) / 1000));
  }
  return samples;
}

export type BenchTeam = { id: string; tokens: string[]; customers: string[] };

/** A team of `users` TAMs holding the seeded book of `customers` customers. */
export async function aTeamWithBook(db: Database, customers: number, users: number): Promise<BenchTeam> {
  const records = recordsOf(customers, 11);
  const team = await aTeam(db, users, records);
  const ids = records.filter((put) => put.table === 'customers').map((put) => put.record.id);
  return { ...team, customers: ids };
}

/**
 * Mutations/s through the server: real HTTP, the core's rules, audit, results and the poke. The
 * consoles are spread over `servers` in turn (several instances on one PostgreSQL).
 */
export async function mutationsPerSecond(
  db: Database,
  servers: Server | readonly Server[],
  load: Load,
  existing?: BenchTeam,
): Promise<number[]> {
  const instances = Array.isArray(servers) ? servers : [servers as Server];
  const team = existing ?? (await aTeamWithBook(db, load.consoles * 10, load.consoles));
  const clientIds = team.tokens.map(() => `bench-${randomBytes(6).toString('hex')}`);
  return editsPerSecond(load, team.customers, async (consoleIndex, edits) => {
    const server = instances[consoleIndex % instances.length] as Server;
    const answer = await post<PushResponse>(`${server.url}/push`, team.tokens[consoleIndex] ?? '', {
      clientId: clientIds[consoleIndex],
      mutations: edits.map((edit) => ({ ...edit, version: 1, clientTime: clock() })),
    });
    const refused = answer.results.find((result) => result.status !== 'applied');
    if (refused) throw new Error(`bench mutation refused: ${JSON.stringify(refused)}`);
  });
}

/**
 * The physical baseline of push throughput: the same rows (the customer with its new notes, the
 * new contact) written by the same number of concurrent connections, one transaction and one
 * multi-row INSERT per push, straight into a copy of the records table with its indexes. No HTTP,
 * no rules, no audit or results: what the database itself costs.
 */
export async function rawInsertsPerSecond(db: Database, load: Load): Promise<number[]> {
  const records = recordsOf(load.consoles * 10, 11);
  const customerRecords = new Map(
    records.filter((put) => put.table === 'customers').map((put) => [put.record.id, put.record]),
  );
  await db.exec('CREATE TABLE IF NOT EXISTS bench_raw_records (LIKE records INCLUDING ALL)');
  const teamId = `raw-${randomBytes(4).toString('hex')}`;
  let version = 0;
  const columns = 7;
  const sqlByRows = new Map<number, string>();
  const insertSql = (rows: number) => {
    let sql = sqlByRows.get(rows);
    if (!sql) {
      const values = Array.from(
        { length: rows },
        (_, row) =>
          `(${Array.from({ length: columns }, (__, column) => `$${row * columns + column + 1}`).join(', ')})`,
      );
      sql = `INSERT INTO bench_raw_records (team_id, table_name, id, customer_id, data, version, deleted)
             VALUES ${values.join(', ')}
             ON CONFLICT (team_id, table_name, id) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version`;
      sqlByRows.set(rows, sql);
    }
    return sql;
  };
  const customers = [...customerRecords.keys()];
  try {
    return await editsPerSecond(load, customers, async (_, edits, customerId) => {
      // One row per record, the latest write of each, as the server writes them.
      const rows = new Map<string, { table: string; id: string; data: object }>();
      for (const edit of edits) {
        if (edit.name === 'createContact') {
          rows.set(`contacts/${edit.args.contact.id}`, {
            table: 'contacts',
            id: edit.args.contact.id,
            data: edit.args.contact,
          });
        } else {
          const customer = customerRecords.get(customerId) ?? {};
          rows.set(`customers/${customerId}`, {
            table: 'customers',
            id: customerId,
            data: { ...customer, ...edit.args.patch },
          });
        }
      }
      const params = [...rows.values()].flatMap((row) => {
        version += 1;
        return [teamId, row.table, row.id, customerId, JSON.stringify(row.data), version, false];
      });
      await db.transaction((tx) => tx.query(insertSql(rows.size), params));
    });
  } finally {
    await db.exec('DROP TABLE IF EXISTS bench_raw_records');
  }
}

/** Latency of pulling `limit` changes from cursor 0, as the console sees it (request to parsed JSON). */
export async function pullLatency(
  server: Server,
  token: string,
  limit: number,
  times: number,
): Promise<number[]> {
  const clientId = `bench-pull-${randomBytes(4).toString('hex')}`;
  const samples: number[] = [];
  for (let index = 0; index < times + 2; index += 1) {
    const started = performance.now();
    const page = await post<PullResponse>(`${server.url}/pull`, token, { clientId, cursor: 0, limit });
    const elapsed = performance.now() - started;
    if (page.changes.length !== limit) throw new Error(`pulled ${page.changes.length} changes, not ${limit}`);
    if (index >= 2) samples.push(elapsed); // the first two warm up
  }
  return samples;
}

/** A whole first sync from cursor 0 in pages of `limit`, as a new console does it: milliseconds and rows. */
export async function wholePull(
  server: Server,
  token: string,
  limit: number,
): Promise<{ ms: number; rows: number }> {
  const clientId = `bench-sync-${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  let cursor = 0;
  let rows = 0;
  for (;;) {
    const page = await post<PullResponse>(`${server.url}/pull`, token, { clientId, cursor, limit });
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - started, rows };
}

/** Opens /poke and resolves each time a `poke` event arrives. */
async function pokeListener(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/poke`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const waiting: { resolve: ((at: number) => void) | null } = { resolve: null };
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolveReady) => {
    readyResolve = resolveReady;
  });
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body ?? []) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: ready')) readyResolve();
          if (block.includes('event: poke')) {
            waiting.resolve?.(performance.now());
            waiting.resolve = null;
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  await ready;
  return {
    nextPoke: () =>
      new Promise<number>((resolvePoke) => {
        waiting.resolve = resolvePoke;
      }),
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/** Push on `writer`, poke arriving on a stream held open on `listener` (another instance on PostgreSQL). */
export async function pushToPoke(
  db: Database,
  writer: Server,
  listener: Server,
  times: number,
): Promise<number[]> {
  const records = recordsOf(1, 5);
  const customerId = records.find((put) => put.table === 'customers')?.record.id ?? '';
  const team = await aTeam(db, 2, records);
  const [writerToken = '', listenerToken = ''] = team.tokens;
  const stream = await pokeListener(listener.url, listenerToken);
  const clientId = `bench-poke-${randomBytes(4).toString('hex')}`;
  const samples: number[] = [];
  try {
    for (let index = 1; index <= times; index += 1) {
      const poked = stream.nextPoke();
      const started = performance.now();
      await post(`${writer.url}/push`, writerToken, {
        clientId,
        mutations: [
          {
            id: index,
            name: 'updateCustomer',
            version: 1,
            args: { id: customerId, patch: { notes: `poke ${index}` } },
            clientTime: clock(),
          },
        ],
      });
      samples.push((await poked) - started);
    }
  } finally {
    await stream.close();
  }
  return samples;
}

async function pullRows(db: Database, server: Server, engine: string): Promise<BenchRow[]> {
  // About 40 records a customer: 260 customers give more than 10,000 changes.
  const team = await aTeam(db, 1, recordsOf(260, 3));
  const token = team.tokens[0] ?? '';
  return [
    rowFrom(`pull 1,000 changes (${engine})`, await pullLatency(server, token, 1_000, 30), 'ms', {
      atMost: 50,
    }),
    rowFrom(`pull 10,000 changes (${engine})`, await pullLatency(server, token, 10_000, 10), 'ms'),
  ];
}

const standardLoad: Load = { consoles: CONSOLES, batch: BATCH, pushes: PUSHES_PER_CONSOLE };

/** Push throughput against its raw-insert baseline, measured one after the other on the same database. */
async function throughputRows(
  db: Database,
  server: Server,
  engine: string,
  goal?: number,
): Promise<BenchRow[]> {
  const baseline = rowFrom(
    `baseline: raw multi-row INSERT of the same rows, ${CONSOLES} connections (${engine})`,
    await rawInsertsPerSecond(db, standardLoad),
    'mut/s',
  );
  const pushed = rowFrom(
    `mutations/s, ${CONSOLES} consoles, pushes of ${BATCH} (${engine})`,
    await mutationsPerSecond(db, server, standardLoad),
    'mut/s',
    goal === undefined ? undefined : { atLeast: goal },
  );
  return [againstBaseline(pushed, baseline), baseline];
}

async function pgliteRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tam-bench-pglite-'));
  const db = await openPgliteDatabase(dir);
  try {
    await migrate(db);
    const server = await serve(db);
    try {
      return [
        ...(await throughputRows(db, server, 'PGlite')),
        ...(await pullRows(db, server, 'PGlite')),
        rowFrom('push to poke (PGlite)', await pushToPoke(db, server, server, 30), 'ms', { atMost: 100 }),
      ];
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh database on the cluster, migrated, with `instances` server processes on it. */
export async function withPostgresInstances<T>(
  adminUrl: string,
  instances: number,
  work: (db: Database, servers: Server[]) => Promise<T>,
): Promise<T> {
  const name = `tam_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDatabase({ connectionString: url.toString(), maxConnections: 12 });
  try {
    await migrate(db);
    const [server] = await db.query<{ server_version: string }>('SHOW server_version');
    console.log(`server: PostgreSQL ${server?.server_version ?? 'unknown'}, ${instances} instance(s)`);
    // Each instance its own process, as behind a load balancer.
    const servers: Server[] = [];
    try {
      for (let index = 0; index < instances; index += 1) servers.push(await spawnServer(url.toString()));
      return await work(db, servers);
    } finally {
      for (const server of servers) await server.close();
    }
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function postgresRows(adminUrl: string): Promise<BenchRow[]> {
  return withPostgresInstances(adminUrl, 2, async (db, [serverA, serverB]) => {
    if (!serverA || !serverB) throw new Error('two instances expected');
    return [
      ...(await throughputRows(db, serverA, 'PostgreSQL', 2_000)),
      rowFrom(
        `mutations/s, ${CONSOLES} consoles, pushes of 1 (PostgreSQL)`,
        await mutationsPerSecond(db, serverA, { consoles: CONSOLES, batch: 1, pushes: 100 }),
        'mut/s',
      ),
      rowFrom(
        `mutations/s, ${CONSOLES} consoles, pushes of 50 (PostgreSQL)`,
        await mutationsPerSecond(db, serverA, { consoles: CONSOLES, batch: 50, pushes: 4 }),
        'mut/s',
      ),
      ...(await pullRows(db, serverA, 'PostgreSQL')),
      rowFrom('push to poke, same instance (PostgreSQL)', await pushToPoke(db, serverA, serverA, 30), 'ms', {
        atMost: 100,
      }),
      rowFrom(
        'push to poke, across two instances (PostgreSQL)',
        await pushToPoke(db, serverA, serverB, 30),
        'ms',
        { atMost: 100 },
      ),
    ];
  });
}

/** PostgreSQL from DATABASE_URL, or a private cluster started for the run; null when neither works. */
export async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T | null> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  let cluster: { url: string; stop: () => void };
  try {
    const { startPostgresCluster } = await import('../scripts/with-postgres.mjs');
    cluster = await startPostgresCluster();
  } catch (error) {
    console.warn(
      `server bench: no PostgreSQL (${error instanceof Error ? error.message : String(error)}); skipping its figures`,
    );
    return null;
  }
  try {
    return await work(cluster.url);
  } finally {
    cluster.stop();
  }
}

export async function runServerBench(): Promise<BenchRow[]> {
  const rows = await pgliteRows();
  const postgres = await withPostgres(postgresRows);
  if (postgres) rows.push(...postgres);
  else {
    rows.push({
      figure: 'mutations/s, 10 consoles (PostgreSQL): not measured, PostgreSQL missing',
      median: Number.NaN,
      p95: Number.NaN,
      unit: 'mut/s',
      goal: '>= 2000',
      pass: false,
    });
  }
  return rows;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  runServerBench().then(
    (rows) => {
      console.log(printTable(rows));
      console.log(
        `Throughput rows: median and p95 of ${RUNS} runs of ${CONSOLES} consoles; latency rows: per request, real HTTP on 127.0.0.1.`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
