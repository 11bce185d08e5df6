// Forward-only schema migrations: numbered SQL files in src/server/migrations, applied in order at
// start, each recorded with a checksum. A released migration is never edited (the checksum says
// so) and a database newer than the code is refused rather than guessed at.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toNumber, type Database } from './database';

export type Migration = { version: number; name: string; sql: string; checksum: string };

export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

/** The migration files, in order. Names are `0001_what_it_does.sql`. */
export function loadMigrations(dir: string = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = fileName.exec(file);
      if (!match?.[1] || !match[2])
        throw new Error(`Migration file ${file} is not named like 0001_name.sql.`);
      return migration(Number(match[1]), match[2], readFileSync(join(dir, file), 'utf8'));
    });
  migrations.forEach((current, index) => {
    if (current.version !== index + 1) {
      throw new Error(
        `Migration ${current.version}_${current.name} is out of sequence: expected ${index + 1}.`,
      );
    }
  });
  return migrations;
}

/** Takes an advisory lock so that two instances starting at once do not both migrate. */
const MIGRATION_LOCK = 7_261_001;

/** Applies the migrations the database lacks, all in one transaction. Returns their versions. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.query<{ version: unknown; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((candidate) => [candidate.version, candidate]));
    for (const row of applied) {
      const version = toNumber(row.version);
      const ours = known.get(version);
      if (!ours) {
        throw new Error(
          `The database has migration ${version}_${row.name}, which this server does not know: it is newer than this code.`,
        );
      }
      if (ours.checksum !== row.checksum) {
        throw new Error(
          `Migration ${version}_${ours.name} was changed after it was applied; add a new migration instead.`,
        );
      }
    }
    const done = new Set(applied.map((row) => toNumber(row.version)));
    const ran: number[] = [];
    for (const pending of migrations) {
      if (done.has(pending.version)) continue;
      await tx.exec(pending.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        pending.version,
        pending.name,
        pending.checksum,
      ]);
      ran.push(pending.version);
    }
    return ran;
  });
}
