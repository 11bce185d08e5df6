// Upgrades of the server's database: for every released schema (the state after migration 1, 2,
// …), a database created at that schema and filled with data migrates to the latest with its data
// intact, and the server then serves it. Run on PGlite (`npm test`) and PostgreSQL (`npm run
// test:e2e`). A new migration is covered without touching this file; a migration that changes
// what existing rows look like adds a seeder for its schema below.
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../src/core/syncProtocol';
import { hashToken } from '../../../src/server/auth';
import type { Database, Engine } from '../../../src/server/db/database';
import { loadMigrations, migrate } from '../../../src/server/db/migrations';
import { aContract, aCustomer } from '../../support/fixtures';
import { aConsole, createContact } from './consoleClient';
import { apiClient, startServer } from './serverHarness';
import type { TestDatabase } from './testDatabase';

const token = 'tamc_upgrade-test-token-0123456789abcdefghijklmnopqrstuvwxyz012';
const clientId = 'console-upgraded';

/** Data as a console and an administrator leave it, written with the SQL of schema 1. */
async function seedSchema1(db: Database): Promise<void> {
  const customer = aCustomer({ id: 'c-old', name: 'Altbestand AG' });
  const contract = aContract({ id: 'contract-old', customerId: 'c-old' });
  const contact = {
    id: 'k-old',
    customerId: 'c-old',
    name: 'Old Contact',
    role: 'engineering',
    email: 'old@example.com',
    phones: [],
    primary: true,
  };
  await db.exec(`
    INSERT INTO teams (id, name, version) VALUES ('team-old', 'Old Team', 4);
    INSERT INTO users (team_id, id, name, role) VALUES ('team-old', 'tam', 'Tara', 'tam'), ('team-old', 'lead', 'Lea', 'lead');
    INSERT INTO tokens (id, team_id, user_id, hash, label) VALUES ('tok_old', 'team-old', 'tam', '${hashToken(token)}', 'laptop');
    INSERT INTO tokens (id, team_id, user_id, hash, label, revoked_at) VALUES ('tok_gone', 'team-old', 'lead', '${hashToken(`${token}x`)}', 'old', '2026-01-01T00:00:00Z');
    INSERT INTO records (team_id, table_name, id, customer_id, data, version, deleted) VALUES
      ('team-old', 'customers', 'c-old', 'c-old', '${JSON.stringify(customer)}', 1, false),
      ('team-old', 'contracts', 'contract-old', 'c-old', '${JSON.stringify(contract)}', 2, false),
      ('team-old', 'contacts', 'k-old', 'c-old', '${JSON.stringify(contact)}', 3, false),
      ('team-old', 'contacts', 'k-gone', 'c-old', NULL, 4, true);
    INSERT INTO clients (client_id, team_id, user_id, last_mutation_id, created_at, last_seen_at)
      VALUES ('${clientId}', 'team-old', 'tam', 2, '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z');
    INSERT INTO mutation_results (client_id, mutation_id, team_id, name, status, summary, rejection, processed_at) VALUES
      ('${clientId}', 1, 'team-old', 'createCustomer', 'applied', 'Created Altbestand AG', NULL, '2026-02-01T00:00:00Z'),
      ('${clientId}', 2, 'team-old', 'createContact', 'rejected', NULL, '{"code":"not-found","message":"There is no customer c-x.","field":"customerId"}', '2026-02-01T00:00:00Z');
    INSERT INTO audit_log (team_id, at, user_id, client_id, mutation_id, name, version, customer_id, status, client_time, summary, rejection, changes)
      VALUES ('team-old', '2026-02-01T00:00:00Z', 'tam', '${clientId}', 1, 'createCustomer', 1, 'c-old', 'applied', '2026-02-01T00:00:00Z', 'Created Altbestand AG', NULL,
              '[{"table":"customers","id":"c-old","deleted":false,"before":null,"after":{"id":"c-old"}}]');
  `);
}

/** Seeders by the schema they write; a schema uses the newest seeder at or below it. */
const seeders: { schema: number; seed: (db: Database) => Promise<void> }[] = [
  { schema: 1, seed: seedSchema1 },
];

const seededTables = ['teams', 'users', 'tokens', 'records', 'clients', 'mutation_results', 'audit_log'];

/** Every seeded row as JSON, by table, in a stable order. */
async function rowsOf(db: Database): Promise<Record<string, Record<string, unknown>[]>> {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const table of seededTables) {
    const found = await db.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(t) AS row FROM ${table} AS t ORDER BY to_jsonb(t)::text`,
    );
    rows[table] = found.map((each) => each.row);
  }
  return rows;
}

export function describeMigrationUpgrades(engine: Engine, open: () => Promise<TestDatabase>): void {
  const migrations = loadMigrations();
  describe(`upgrading the server's database on ${engine}`, () => {
    it.each(migrations.map((each) => each.version))(
      'a database at schema %i, with data, migrates to the latest intact and is served',
      async (schema) => {
        const database = await open();
        try {
          const { db } = database;
          expect(await migrate(db, migrations.slice(0, schema))).toEqual(
            migrations.slice(0, schema).map((each) => each.version),
          );
          const seeder = [...seeders].reverse().find((candidate) => candidate.schema <= schema);
          if (!seeder) throw new Error(`no seeder for schema ${schema}`);
          await seeder.seed(db);
          const before = await rowsOf(db);
          expect(await migrate(db)).toEqual(migrations.slice(schema).map((each) => each.version));
          const after = await rowsOf(db);
          // Every column a row had keeps its value; later migrations may only add.
          for (const table of seededTables) {
            expect(after[table]?.length, table).toBe(before[table]?.length);
            (before[table] ?? []).forEach((row, index) =>
              expect(after[table]?.[index], table).toMatchObject(row),
            );
          }
          const server = await startServer(db, { clock: () => '2026-03-02T09:00:00.000Z' });
          try {
            expect((await apiClient(server.url, token).get('/me')).status).toBe(200);
            expect((await apiClient(server.url, `${token}x`).get('/me')).status).toBe(401);
            const console = aConsole(server.url, token, clientId);
            const pulled = await console.pull({ resultsAfter: 0 });
            expect(pulled.lastMutationId).toBe(2);
            expect(pulled.results.map((result: MutationResult) => result.status)).toEqual([
              'applied',
              'rejected',
            ]);
            expect(pulled.changes.map((change) => `${change.table}/${change.id}/${change.deleted}`)).toEqual([
              'customers/c-old/false',
              'contracts/contract-old/false',
              'contacts/k-old/false',
              'contacts/k-gone/true',
            ]);
            // The console's queue goes on where it was: a retry gets its stored answer, the next id applies.
            const retried = await console.pushWithIds([{ id: 2, ...createContact('c-x', 'k-x') }]);
            expect(retried.body).toMatchObject({
              lastMutationId: 2,
              results: [{ mutationId: 2, status: 'rejected' }],
            });
            const next = await console.pushWithIds([{ id: 3, ...createContact('c-old', 'k-new') }]);
            expect(next.body).toMatchObject({
              lastMutationId: 3,
              results: [{ mutationId: 3, status: 'applied' }],
            });
          } finally {
            await server.close();
          }
        } finally {
          await database.dispose();
        }
      },
      60_000,
    );
  });
}
