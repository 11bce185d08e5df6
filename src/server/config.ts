// The server's configuration, from the environment: where it listens and where it keeps its data.
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultRateLimit, DEFAULT_BODY_LIMIT } from './app';
import type { Database } from './db/database';
import { openPgliteDatabase } from './db/pgliteDatabase';
import { openPostgresDatabase } from './db/postgresDatabase';

const positiveNumber = z.coerce.number().positive();

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data/server'),
  DATABASE_URL: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: positiveNumber.default(DEFAULT_BODY_LIMIT),
  RATE_LIMIT_BURST: positiveNumber.default(defaultRateLimit.burst),
  RATE_LIMIT_PER_SECOND: positiveNumber.default(defaultRateLimit.perSecond),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Extra browser origins (comma-separated) allowed besides app://console and localhost. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
});

export type ServerConfig = z.infer<typeof environmentSchema>;

export function readConfig(environment: Record<string, string | undefined>): ServerConfig {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR. */
export async function openDatabase(
  config: ServerConfig,
  log: (message: string, error?: unknown) => void = () => undefined,
): Promise<Database> {
  if (config.DATABASE_URL) {
    return openPostgresDatabase({
      connectionString: config.DATABASE_URL,
      maxConnections: config.DATABASE_POOL_SIZE,
      log,
    });
  }
  return openPgliteDatabase(resolve(config.DATA_DIR));
}
