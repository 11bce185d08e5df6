// The team server as the fault suites run it in a child process: the same migrate + buildServer +
// listen as src/server/main.ts, on DATABASE_URL, but with the server's clock fixed (FAULT_SERVER_CLOCK)
// so a model of the same operations can predict every verdict. Killed with SIGKILL by the tests.
// With FAULT_STANDBY=1 it boots (modules, database, migrations) and waits for a line on stdin
// before it listens: a restart then takes milliseconds instead of the boot's second or two.
import { resolve } from 'node:path';
import { buildServer } from '../../../src/server/app';
import { openDatabase, readConfig } from '../../../src/server/config';
import { loadMigrations, migrate } from '../../../src/server/db/migrations';

async function start(): Promise<void> {
  const config = readConfig(process.env);
  const clock = process.env.FAULT_SERVER_CLOCK;
  if (!clock) throw new Error('FAULT_SERVER_CLOCK is not set.');
  const db = await openDatabase(config, () => undefined);
  // Bundled into out/faults, the migrations are found from the working directory (the repo).
  await migrate(db, loadMigrations(resolve('src/server/migrations')));
  const app = await buildServer({ db, clock: () => clock, rateLimit: false, logger: false });
  if (process.env.FAULT_STANDBY === '1') {
    process.stdout.write('ready\n');
    await new Promise<void>((go) => process.stdin.once('data', () => go()));
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  // The parent waits for this line to know the port.
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
}

start().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
