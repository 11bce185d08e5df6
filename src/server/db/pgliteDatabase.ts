// The embedded engine: PostgreSQL compiled to WebAssembly, keeping its files in a data folder,
// so a team server runs with nothing installed. One connection: transactions run one at a time.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlValue, TransactionOptions } from './database';

type PgliteQueries = {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
};

function queryable(target: PgliteQueries): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** Opens (creating if needed) a PGlite database in `dataDir`, or in memory when it is null. */
export async function openPgliteDatabase(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return pgliteDatabase(pglite);
}

export function pgliteDatabase(pglite: PGlite): Database {
  return {
    engine: 'pglite',
    ...queryable(pglite),
    async transaction<T>(work: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}) {
      return pglite.transaction(async (tx) => {
        if (options.isolation === 'repeatable read')
          await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        if (options.readOnly) await tx.exec('SET TRANSACTION READ ONLY');
        return work(queryable(tx));
      });
    },
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
