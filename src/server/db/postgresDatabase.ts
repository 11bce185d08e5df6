// PostgreSQL through a pg Pool (DATABASE_URL): what several server instances share. Pokes ride on
// LISTEN/NOTIFY over one dedicated connection per instance, reconnected if it drops.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable, SqlValue, TransactionOptions } from './database';

type PgQueries = { query(config: pg.QueryConfig): Promise<pg.QueryResult> };

const statementNames = new Map<string, string>();

/**
 * Every statement with parameters is prepared once per connection under a name derived from its
 * text (all SQL here is constant text), so the hot ones are parsed and planned once, not per push.
 */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `tam_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function queryable(target: PgQueries): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query(
        params.length > 0 ? { name: statementName(sql), text: sql, values: [...params] } : { text: sql },
      );
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await target.query({ text: sql });
    },
  };
}

export type PostgresOptions = {
  connectionString: string;
  /** Pool size per instance. */
  maxConnections?: number;
  log?: (message: string, error?: unknown) => void;
};

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'tam-console-server',
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', (error) => options.log?.('idle PostgreSQL connection failed', error));
  await pool.query('SELECT 1');
  type Listener = { onNotify: (payload: string) => void; onResume?: (() => void) | undefined };
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.Client | null = null;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let connecting: Promise<void> | null = null;

  async function connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'tam-console-server-listen',
    });
    client.on('notification', (message) => {
      for (const listener of listeners.get(message.channel) ?? []) listener.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => {
      options.log?.('PostgreSQL LISTEN connection failed; reconnecting', error);
      scheduleReconnect();
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    listenClient = client;
  }

  function scheduleReconnect() {
    const lost = listenClient;
    listenClient = null;
    lost?.end().catch(() => undefined);
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connectListener().then(
        () => {
          for (const set of listeners.values()) for (const listener of set) listener.onResume?.();
        },
        (error: unknown) => {
          options.log?.('PostgreSQL LISTEN reconnect failed; trying again', error);
          scheduleReconnect();
        },
      );
    }, 1_000);
  }

  return {
    engine: 'postgres',
    ...queryable(pool),
    async transaction<T>(work: (tx: Queryable) => Promise<T>, transactionOptions: TransactionOptions = {}) {
      const client = await pool.connect();
      const modes = [
        transactionOptions.isolation === 'repeatable read' ? 'ISOLATION LEVEL REPEATABLE READ' : '',
        transactionOptions.readOnly ? 'READ ONLY' : '',
      ].filter(Boolean);
      try {
        await client.query(`BEGIN ${modes.join(' ')}`);
        const result = await work(queryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        let broken: Error | undefined;
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        // A connection that cannot even roll back is dropped from the pool, not reused.
        client.release(broken);
        throw error;
      }
    },
    async listen(channel, onNotify, onResume) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (listenClient) await listenClient.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      const listener: Listener = { onNotify, onResume };
      set.add(listener);
      if (!listenClient && !closed && !reconnectTimer) {
        // Servers built on one Database at once share the first connection attempt.
        connecting ??= connectListener().finally(() => {
          connecting = null;
        });
        await connecting;
      }
      return async () => {
        set.delete(listener);
      };
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await listenClient?.end().catch(() => undefined);
      listenClient = null;
      await pool.end();
    },
  };
}
