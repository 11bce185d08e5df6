// A real team server for the console's tests that sync: PGlite, migrated, on a free port, started
// once before a file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../../src/server/db/migrations';
import { startServer, type RunningServer } from '../../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../../server/support/testDatabase';

export type FileTeamServer = { readonly database: TestDatabase; readonly server: RunningServer };

/** Call at the top of a test file; read `database` and `server` inside the tests. */
export function teamServerForFile(clock: () => string): FileTeamServer {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await migrate(database.db);
    server = await startServer(database.db, { clock });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });
  return {
    get database() {
      if (!database) throw new Error('The team server starts in beforeAll: read it inside a test.');
      return database;
    },
    get server() {
      if (!server) throw new Error('The team server starts in beforeAll: read it inside a test.');
      return server;
    },
  };
}
