// `npm run server`: starts the team server (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL),
// running migrations first. `npm run server -- admin …` administers it; `… openapi` rewrites
// docs/openapi.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAdminCommand } from './adminCli';
import { buildServer } from './app';
import { openDatabase, readConfig } from './config';
import { migrate } from './db/migrations';
import { openApiPath, openApiText } from './openapi';

async function start(): Promise<void> {
  const config = readConfig(process.env);
  const db = await openDatabase(config, (message, error) => console.error(message, error));
  const applied = await migrate(db);
  const app = await buildServer({
    db,
    logger: { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    rateLimit: { burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND },
    corsOrigins: config.CORS_ORIGINS,
  });
  if (applied.length > 0) app.log.info({ migrations: applied }, 'migrated');
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    { engine: db.engine, dataDir: config.DATABASE_URL ? undefined : resolve(config.DATA_DIR) },
    'ready',
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function admin(args: readonly string[]): Promise<void> {
  const config = readConfig(process.env);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    console.log(await runAdminCommand(db, args, new Date().toISOString()));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'admin') return admin(rest);
  if (command === 'openapi') {
    writeFileSync(openApiPath, openApiText());
    console.log(`Wrote ${openApiPath}`);
    return;
  }
  if (command !== undefined && command !== 'start') {
    throw new Error(`Unknown command ${command}: use start, admin or openapi.`);
  }
  return start();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
