// Databases for the server suites. PGlite: a copy of a pristine data folder made once per machine
// (initdb costs seconds; a copy and open well under one). PostgreSQL: a fresh database per suite
// on the cluster at TEST_DATABASE_URL (scripts/with-postgres.mjs starts one).
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database, Engine } from '../../../src/server/db/database';
import { openPgliteDatabase } from '../../../src/server/db/pgliteDatabase';
import { openPostgresDatabase } from '../../../src/server/db/postgresDatabase';

export type TestDatabase = {
  db: Database;
  /** Opens another connection set to the same database (a second server instance). */
  openAnother(): Promise<Database>;
  /** Where the database is: a PGlite data folder, or a connection URL. */
  location: string;
  dispose(): Promise<void>;
};

const templateDir = resolve('node_modules/.cache/tam-server/pglite-template');

/** A pristine, never-migrated PGlite data folder, created once and then only copied. */
async function pgliteTemplate(): Promise<string> {
  if (existsSync(join(templateDir, 'PG_VERSION'))) return templateDir;
  mkdirSync(dirname(templateDir), { recursive: true });
  const building = `${templateDir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const pglite = await PGlite.create(building);
  await pglite.close();
  try {
    renameSync(building, templateDir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker was first
  }
  return templateDir;
}

export async function freshPgliteDir(): Promise<string> {
  const template = await pgliteTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'tam-server-test-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = await freshPgliteDir();
    const db = await openPgliteDatabase(dir);
    return {
      db,
      location: dir,
      openAnother: () => Promise.reject(new Error('One PGlite data folder serves one server.')),
      async dispose() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run through scripts/with-postgres.mjs.');
  const name = `tam_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const open = async () => {
    const db = await openPostgresDatabase({ connectionString: url.toString(), maxConnections: 20 });
    opened.push(db);
    return db;
  };
  const db = await open();
  return {
    db,
    location: url.toString(),
    openAnother: open,
    async dispose() {
      for (const each of opened) await each.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
