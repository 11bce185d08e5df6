// The team server's rules, as one suite run against both engines: PGlite in `npm test`
// (server.pglite.test.ts) and a real PostgreSQL in `npm run test:e2e` (server.postgres.e2e.test.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditResponse,
  MutationResult,
  Problem,
  PullResponse,
  TeamMember,
  WhoAmI,
} from '../../../src/core/syncProtocol';
import type { Engine } from '../../../src/server/db/database';
import { loadMigrations, migrate, migration } from '../../../src/server/db/migrations';
import { hashToken } from '../../../src/server/auth';
import { openApiPath } from '../../../src/server/openapi';
import { runAdminCommand } from '../../../src/server/adminCli';
import { z } from 'zod';
import { mutationRegistry } from '../../../src/core/mutations';
import {
  applied,
  defineMutation,
  put,
  rejected as rejectedOutcome,
} from '../../../src/core/mutations/mutation';
import type { BookTable } from '../../../src/core/mutations/mutation';
import { claimAndLoad, writeRecords } from '../../../src/server/recordStore';
import { createToken, revokeToken } from '../../../src/server/teamAdmin';
import {
  aConsole,
  createContact,
  createContract,
  createCustomer,
  requestGoLive,
  type Console,
} from './consoleClient';
import {
  aClientId,
  aTeam,
  apiClient,
  openPokeStream,
  startServer,
  type RunningServer,
  type TestTeam,
} from './serverHarness';
import type { TestDatabase } from './testDatabase';

/** The server's clock in these tests; a test that needs another moment sets it. */
export const serverStart = '2026-03-02T09:00:00.000Z';

function problemOf(answer: { body: unknown }): Problem {
  return answer.body as Problem;
}

function rejected(result: MutationResult | undefined) {
  if (result?.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return result.rejection;
}

export function describeServer(engine: Engine, open: () => Promise<TestDatabase>): void {
  describe(`the team server on ${engine}`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let firstMigration: number[];
    let now = serverStart;

    beforeAll(async () => {
      database = await open();
      firstMigration = await migrate(database.db);
      server = await startServer(database.db, { clock: () => now });
    }, 60_000); // PGlite's first initdb on a machine takes seconds

    afterAll(async () => {
      await server?.close();
      await database?.dispose();
    });

    async function teamWithConsole(): Promise<{ team: TestTeam; tam: Console; lead: Console }> {
      const team = await aTeam(database.db);
      return {
        team,
        tam: aConsole(server.url, team.users.tam?.token ?? ''),
        lead: aConsole(server.url, team.users.lead?.token ?? ''),
      };
    }

    async function versionOf(teamId: string): Promise<number> {
      const [row] = await database.db.query<{ version: unknown }>('SELECT version FROM teams WHERE id = $1', [
        teamId,
      ]);
      return Number(row?.version);
    }

    describe('migrations', () => {
      it('a fresh database gets every migration in order, and a second start applies none', async () => {
        expect(firstMigration).toEqual(loadMigrations().map((each) => each.version));
        expect(await migrate(database.db)).toEqual([]);
        const rows = await database.db.query<{ version: unknown; name: string }>(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((row) => `${Number(row.version)}_${row.name}`)).toEqual(
          loadMigrations().map((each) => `${each.version}_${each.name}`),
        );
      });

      it('a migration edited after it was applied is refused', async () => {
        await expect(migrate(database.db, [migration(1, 'initial', 'SELECT 1')])).rejects.toThrow(
          /was changed after it was applied/,
        );
      });

      it('a database newer than the code is refused rather than guessed at', async () => {
        await database.db.query(
          "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')",
        );
        try {
          await expect(migrate(database.db)).rejects.toThrow(/newer than this code/);
        } finally {
          await database.db.query('DELETE FROM schema_migrations WHERE version = 999');
        }
      });

      it('the audit log cannot be rewritten', async () => {
        await expect(database.db.query("UPDATE audit_log SET name = 'x'")).rejects.toThrow(/append-only/);
        await expect(database.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      });
    });

    describe('health and the API description', () => {
      it('/health answers without a token and names the engine', async () => {
        const answer = await apiClient(server.url, null).get('/health');
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: 'ok', engine });
      });

      it('/openapi.json is the document kept in docs/openapi.json (run `npm run openapi` after changing the API)', async () => {
        const answer = await apiClient(server.url, null).get('/openapi.json');
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(JSON.parse(readFileSync(openApiPath, 'utf8')));
      });
    });

    describe('tokens', () => {
      it('every endpoint but /health refuses a request without a token, with 401', async () => {
        const anonymous = apiClient(server.url, null);
        const answers = await Promise.all([
          anonymous.get('/me'),
          anonymous.get('/team'),
          anonymous.post('/push', { clientId: 'x', mutations: [] }),
          anonymous.get('/pull?clientId=x'),
          anonymous.post('/pull', { clientId: 'x' }),
          anonymous.get('/poke'),
          anonymous.get('/audit'),
        ]);
        for (const answer of answers) {
          expect(answer.status).toBe(401);
          expect(problemOf(answer).code).toBe('unauthorized');
          expect(answer.headers.get('www-authenticate')).toBe('Bearer');
        }
      });

      it('a made-up token and a revoked token are refused with 401', async () => {
        const team = await aTeam(database.db, { tam: 'tam' });
        const fake = await apiClient(server.url, 'tamc_not-a-real-token').get('/me');
        expect(fake.status).toBe(401);
        const { token, tokenId } = await createToken(database.db, team.id, 'tam');
        expect((await apiClient(server.url, token).get('/me')).status).toBe(200);
        expect(await revokeToken(database.db, tokenId, now)).toBe(true);
        const revoked = await apiClient(server.url, token).get('/me');
        expect(revoked.status).toBe(401);
        expect(problemOf(revoked).message).toMatch(/revoked/);
      });

      it('/me says who the token belongs to, with the role from the users table', async () => {
        const team = await aTeam(database.db, { lena: 'lead' });
        const answer = await apiClient(server.url, team.users.lena?.token ?? '').get('/me');
        expect(answer.body as WhoAmI).toMatchObject({
          user: { id: 'lena', role: 'lead' },
          team: { id: team.id },
        });
      });

      it('/team lists the caller’s team members with names and roles, for every role, and no other team’s', async () => {
        const team = await aTeam(database.db, { lena: 'lead', tam: 'tam', ada: 'advisor' });
        const other = await aTeam(database.db, { tam: 'tam', otto: 'lead' });
        const expected: TeamMember[] = [
          { id: 'ada', name: 'User ada', role: 'advisor' },
          { id: 'lena', name: 'User lena', role: 'lead' },
          { id: 'tam', name: 'User tam', role: 'tam' },
        ];
        for (const member of Object.values(team.users)) {
          const answer = await apiClient(server.url, member.token).get('/team');
          expect(answer.status).toBe(200);
          expect(answer.body).toEqual(expected);
        }
        // The other team has a user with the same id: only its own user comes back, under its own team.
        const theirs = await apiClient(server.url, other.users.tam?.token ?? '').get('/team');
        expect(theirs.body).toEqual([
          { id: 'otto', name: 'User otto', role: 'lead' },
          { id: 'tam', name: 'User tam', role: 'tam' },
        ]);
        await database.db.query('UPDATE users SET name = $1 WHERE team_id = $2 AND id = $3', [
          'Tam Other',
          other.id,
          'tam',
        ]);
        const ours = await apiClient(server.url, team.users.tam?.token ?? '').get('/team');
        expect((ours.body as TeamMember[]).map((member) => member.name)).not.toContain('Tam Other');
        expect((ours.body as TeamMember[]).map((member) => member.name)).not.toContain('User otto');
      });

      it('a token used for pushes, pulls and the poke stream appears nowhere in the database', async () => {
        const team = await aTeam(database.db, { tam: 'tam' });
        const token = team.users.tam?.token ?? '';
        const tamConsole = aConsole(server.url, token);
        await tamConsole.push(createCustomer({ id: 'c-secret' }));
        await tamConsole.pullAll();
        const stream = await openPokeStream(server.url, token);
        await stream.next('ready');
        await stream.close();
        const tables = await database.db.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        expect(tables.length).toBeGreaterThan(5);
        for (const { table_name } of tables) {
          const secret = token.slice('tamc_'.length);
          const [found] = await database.db.query<{ count: unknown }>(
            `SELECT count(*) FROM "${table_name}" AS t WHERE t::text LIKE '%' || $1 || '%'`,
            [secret],
          );
          expect(Number(found?.count), `the token in ${table_name}`).toBe(0);
        }
      });

      it('a revoked token is refused at once on every endpoint, and its open poke stream is closed', async () => {
        const team = await aTeam(database.db, { tam: 'tam' });
        const { token, tokenId } = await createToken(database.db, team.id, 'tam', 'laptop');
        const tamConsole = aConsole(server.url, token);
        expect((await tamConsole.push(createCustomer({ id: 'c-revoked' }))).status).toBe(200);
        const stream = await openPokeStream(server.url, token);
        const sameUserOtherToken = await openPokeStream(server.url, team.users.tam?.token ?? '');
        try {
          await stream.next('ready');
          await sameUserOtherToken.next('ready');
          expect(await revokeToken(database.db, tokenId, now)).toBe(true);
          expect(await stream.endedWithin(2_000)).toBe(true);
          expect(await sameUserOtherToken.endedWithin(200)).toBe(false);
          const answers = await Promise.all([
            tamConsole.api.get('/me'),
            tamConsole.api.post('/push', {
              clientId: tamConsole.clientId,
              mutations: [{ id: 2, ...createContact('c-revoked', 'k'), version: 1, clientTime: serverStart }],
            }),
            tamConsole.api.get(`/pull?clientId=${tamConsole.clientId}`),
            tamConsole.api.post('/pull', { clientId: tamConsole.clientId }),
            tamConsole.api.get('/audit'),
            tamConsole.api.get('/poke'),
          ]);
          expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401]);
          expect(await revokeToken(database.db, tokenId, now)).toBe(false);
        } finally {
          await stream.close();
          await sameUserOtherToken.close();
        }
      });

      it('a poke stream whose revocation notice was missed closes at the next heartbeat', async () => {
        const beating = await startServer(database.db, { clock: () => now, heartbeatMs: 100 });
        const team = await aTeam(database.db, { tam: 'tam' });
        const { token, tokenId } = await createToken(database.db, team.id, 'tam', 'laptop');
        const stream = await openPokeStream(beating.url, token);
        try {
          await stream.next('ready');
          // Revoked behind the server's back: no NOTIFY, as if LISTEN was reconnecting.
          await database.db.query('UPDATE tokens SET revoked_at = $2 WHERE id = $1', [tokenId, now]);
          expect(await stream.endedWithin(3_000)).toBe(true);
        } finally {
          await stream.close();
          await beating.close();
        }
      });

      it('tokens are stored only as a hash', async () => {
        const team = await aTeam(database.db, { tam: 'tam' });
        const token = team.users.tam?.token ?? '';
        const rows = await database.db.query<{ hash: string }>('SELECT hash FROM tokens WHERE team_id = $1', [
          team.id,
        ]);
        expect(rows).toHaveLength(1);
        expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(rows)).not.toContain(token);
      });
    });

    describe('push', () => {
      it('a retried push returns the stored results and applies nothing twice', async () => {
        const { team, tam } = await teamWithConsole();
        const batch = [
          { id: 1, ...createCustomer({ id: 'c-retry' }) },
          { id: 2, ...createContact('c-retry', 'k-1') },
        ];
        const first = await tam.pushWithIds(batch);
        expect(first.status).toBe(200);
        const version = await versionOf(team.id);
        const again = await tam.pushWithIds(batch);
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
        expect(await versionOf(team.id)).toBe(version);
        const audit = (await tam.api.get('/audit')).body as AuditResponse;
        expect(audit.entries).toHaveLength(2);
        const changes = await tam.pullAll();
        expect(changes.map((change) => change.id).sort()).toEqual(['c-retry', 'k-1']);
      });

      it('a retry that overlaps new mutations applies only the new ones', async () => {
        const { tam } = await teamWithConsole();
        await tam.pushWithIds([
          { id: 1, ...createCustomer({ id: 'c-overlap' }) },
          { id: 2, ...createContact('c-overlap', 'k-1') },
        ]);
        const answer = await tam.pushWithIds([
          { id: 2, ...createContact('c-overlap', 'k-1') },
          { id: 3, ...createContact('c-overlap', 'k-2') },
        ]);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          lastMutationId: 3,
          results: [
            { mutationId: 2, status: 'applied' },
            { mutationId: 3, status: 'applied' },
          ],
        });
        const contacts = (await tam.pullAll()).filter((change) => change.table === 'contacts');
        expect(contacts.map((change) => change.id).sort()).toEqual(['k-1', 'k-2']);
      });

      it('a gap in mutation ids is refused with the id expected next, and nothing is applied', async () => {
        const { team, tam } = await teamWithConsole();
        await tam.pushWithIds([{ id: 1, ...createCustomer({ id: 'c-gap' }) }]);
        const version = await versionOf(team.id);
        const gap = await tam.pushWithIds([{ id: 3, ...createContact('c-gap', 'k-3') }]);
        expect(gap.status).toBe(409);
        expect(problemOf(gap)).toMatchObject({ code: 'mutation-gap', expectedMutationId: 2 });
        expect(await versionOf(team.id)).toBe(version);
        const resumed = await tam.pushWithIds([
          { id: 2, ...createContact('c-gap', 'k-2') },
          { id: 3, ...createContact('c-gap', 'k-3') },
        ]);
        expect(resumed.status).toBe(200);
      });

      it('ids inside one push must go up by one', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.pushWithIds([
          { id: 1, ...createCustomer({ id: 'c-skip' }) },
          { id: 3, ...createContact('c-skip', 'k') },
        ]);
        expect(answer.status).toBe(400);
        expect(problemOf(answer)).toMatchObject({ code: 'invalid-body', field: 'mutations.1.id' });
      });

      it('a rejected mutation is recorded with its rule and still advances the queue', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.push(createContact('c-nobody', 'k-1'), createCustomer({ id: 'c-after' }));
        expect(answer.status).toBe(200);
        expect(rejected(answer.results[0])).toMatchObject({ code: 'not-found', field: 'customerId' });
        expect(answer.results[1]).toMatchObject({ mutationId: 2, status: 'applied' });
        expect(answer.body).toMatchObject({ lastMutationId: 2 });
        const next = await tam.push(createContact('c-after', 'k-2'));
        expect(next.results[0]).toMatchObject({ mutationId: 3, status: 'applied' });
        // The rejection reaches the console again through pull, for its Needs-attention inbox.
        const pulled = await tam.pull({ resultsAfter: 0 });
        expect(pulled.lastMutationId).toBe(3);
        expect(pulled.results.map((result) => result.status)).toEqual(['rejected', 'applied', 'applied']);
        const audit = (await tam.api.get('/audit')).body as AuditResponse;
        expect(audit.entries.find((entry) => entry.mutationId === 1)).toMatchObject({
          status: 'rejected',
          rejection: { code: 'not-found' },
          changes: [],
        });
      });

      it('arguments that fail the mutation’s schema are a recorded rejection naming the field', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.push(createCustomer({ id: 'c-bad', country: 'Switzerland' }));
        expect(answer.status).toBe(200);
        expect(rejected(answer.results[0])).toMatchObject({
          code: 'invalid-input',
          field: 'customer.country',
        });
        expect(answer.body).toMatchObject({ lastMutationId: 1 });
      });

      it('text the database cannot store (NUL, half a surrogate pair) rejects that mutation alone; the queue goes on', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.push(
          createCustomer({ id: 'c-nul', name: 'Null\u0000 AG' }),
          createCustomer({ id: 'c-half', notes: 'half \ud800 pair' }),
          createCustomer({ id: 'c-fine', name: 'Zürich 🇨🇭 AG' }),
        );
        expect(answer.status).toBe(200);
        expect(rejected(answer.results[0])).toMatchObject({ code: 'invalid-input', field: 'customer.name' });
        expect(rejected(answer.results[1])).toMatchObject({ code: 'invalid-input', field: 'customer.notes' });
        expect(answer.results[2]).toMatchObject({ status: 'applied' });
        expect((await tam.pullAll()).map((change) => change.id)).toEqual(['c-fine']);
        const audit = await tam.api.get(`/audit?customerId=${encodeURIComponent('c-\u0000')}`);
        expect(audit.status).toBe(404);
        expect(problemOf(audit)).toMatchObject({ code: 'not-found', field: 'customerId' });
      });

      it('an unknown mutation or version is 422 and nothing of the push is applied', async () => {
        const { team, tam } = await teamWithConsole();
        const unknownName = await tam.push(createCustomer({ id: 'c-422' }), {
          name: 'teleportCustomer',
          args: {},
        });
        expect(unknownName.status).toBe(422);
        expect(problemOf(unknownName)).toMatchObject({
          code: 'unknown-mutation',
          field: 'mutations.1.name',
          mutationId: 2,
        });
        const unknownVersion = await tam.push({ ...createCustomer({ id: 'c-422' }), version: 99 });
        expect(unknownVersion.status).toBe(422);
        expect(problemOf(unknownVersion)).toMatchObject({ field: 'mutations.0.version', mutationId: 1 });
        expect(await versionOf(team.id)).toBe(0);
        expect((await tam.pull()).lastMutationId).toBe(0);
      });

      it('the 72-hour notice is judged on the server’s clock, not the laptop’s', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-notice' }), createContract({ customerId: 'c-notice' }));
        now = '2026-03-08T09:00:00.000Z'; // 48 h before the window below
        try {
          const answer = await tam.push(
            requestGoLive('c-notice', 'gl-late', '2026-03-10', {}, '2026-03-05T09:00:00.000Z'),
          );
          expect(rejected(answer.results[0])).toMatchObject({ code: 'go-live-notice' });
        } finally {
          now = serverStart;
        }
      });

      it('a booking that spends a reserved unit keeps the notice it had when made offline', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-trip' }), createContract({ customerId: 'c-trip' }));
        const reserved = await tam.push({
          name: 'reserveAllowance',
          args: { id: 'res-1', customerId: 'c-trip', quantity: 1, validForDays: 14 },
        });
        expect(reserved.results[0]).toMatchObject({ status: 'applied' });
        now = '2026-03-09T09:00:00.000Z'; // back online 24 h before the window
        try {
          const madeOffline = '2026-03-05T09:00:00.000Z'; // 5 days before the window
          const without = await tam.push(requestGoLive('c-trip', 'gl-a', '2026-03-10', {}, madeOffline));
          expect(rejected(without.results[0])).toMatchObject({ code: 'go-live-notice' });
          const spending = await tam.push(
            requestGoLive('c-trip', 'gl-b', '2026-03-10', { reservationId: 'res-1' }, madeOffline),
          );
          expect(spending.results[0]).toMatchObject({ status: 'applied' });
        } finally {
          now = serverStart;
        }
      });

      it('role limits: an advisor or a TAM cannot edit plan templates or log time for someone else; a lead can', async () => {
        const { team, tam, lead } = await teamWithConsole();
        const advisor = aConsole(server.url, team.users.advisor?.token ?? '');
        const template = (await import('../../../src/core/plans')).planTemplates[0];
        const edited = { ...template, id: 'team-silver', name: 'Team Silver' };
        await lead.push(createCustomer({ id: 'c-roles' }), createContract({ customerId: 'c-roles' }));
        const version = await versionOf(team.id);
        const logForLead = () => ({
          name: 'logTamTime',
          args: {
            id: `t-${aClientId()}`,
            customerId: 'c-roles',
            userId: 'lead',
            date: '2026-03-02',
            minutes: 30,
            activity: 'advice',
          },
        });
        for (const limited of [advisor, tam]) {
          const answer = await limited.push(
            { name: 'savePlanTemplate', args: { template: edited } },
            logForLead(),
          );
          expect(answer.results.map((result) => rejected(result).code)).toEqual(['forbidden', 'forbidden']);
        }
        expect(await versionOf(team.id)).toBe(version);
        const byLead = await lead.push({ name: 'savePlanTemplate', args: { template: edited } });
        expect(byLead.results[0]).toMatchObject({ status: 'applied' });
      });

      it('only a lead saves a plan template, and the team’s template then governs contracts', async () => {
        const { tam, lead } = await teamWithConsole();
        const template = (await import('../../../src/core/plans')).planTemplates.find(
          (candidate) => candidate.id === 'edge-mission-critical',
        );
        const gold = { ...template, id: 'team-gold', name: 'Team Gold' };
        const byTam = await tam.push({ name: 'savePlanTemplate', args: { template: gold } });
        expect(rejected(byTam.results[0])).toMatchObject({ code: 'forbidden' });
        const byLead = await lead.push({ name: 'savePlanTemplate', args: { template: gold } });
        expect(byLead.results[0]).toMatchObject({ status: 'applied' });
        const contract = await tam.push(
          createCustomer({ id: 'c-gold' }),
          createContract({ customerId: 'c-gold', planId: 'team-gold' }),
        );
        expect(contract.results.map((result) => result.status)).toEqual(['applied', 'applied']);
        const templates = (await tam.pullAll()).filter((change) => change.table === 'planTemplates');
        expect(templates).toMatchObject([{ id: 'team-gold', customerId: null, deleted: false }]);
      });

      it('a new record cannot take an id that another customer’s record has', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(
          createCustomer({ id: 'c-a' }),
          createCustomer({ id: 'c-b' }),
          createContact('c-a', 'shared'),
        );
        const answer = await tam.push(createContact('c-b', 'shared'));
        expect(rejected(answer.results[0])).toMatchObject({ code: 'already-exists', field: 'id' });
        const contact = (await tam.pullAll()).find((change) => change.id === 'shared');
        expect(contact?.customerId).toBe('c-a');
      });

      it('the audit log says who changed what from which client, with the value it replaced', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-audit', name: 'Old Name AG' }));
        await tam.push({ name: 'updateCustomer', args: { id: 'c-audit', patch: { name: 'New Name AG' } } });
        const audit = (await tam.api.get('/audit?customerId=c-audit')).body as AuditResponse;
        expect(audit.entries[0]).toMatchObject({
          userId: 'tam',
          clientId: tam.clientId,
          mutationId: 2,
          name: 'updateCustomer',
          status: 'applied',
          at: serverStart,
          clientTime: '2026-03-02T08:00:00.000Z',
          changes: [
            {
              table: 'customers',
              id: 'c-audit',
              before: { name: 'Old Name AG' },
              after: { name: 'New Name AG' },
            },
          ],
        });
      });

      it('a customer’s lock key is the same on the database as the previous release computed it, so both exclude each other', async () => {
        // The previous release: the first eight bytes of sha-256(team, NUL, scope), signed, big-endian.
        const previous = (teamId: string, scope: string) =>
          createHash('sha256').update(`${teamId}\u0000${scope}`).digest().readBigInt64BE(0).toString();
        for (const [teamId, scope] of [
          ['team-a', 'customer:c-1'],
          ['team-ü', 'customer:Zürich AG'],
          ['team-a', 'team'],
        ] as const) {
          const [row] = await database.db.query<{ key: unknown }>(
            'SELECT tam_scope_lock_key($1, $2)::text AS key',
            [teamId, scope],
          );
          expect(row?.key).toBe(previous(teamId, scope));
        }
      });

      it('a push reads of each book only the tables its mutations declare, the customer record always', async () => {
        const { team, tam } = await teamWithConsole();
        await tam.push(
          createCustomer({ id: 'c-reads' }),
          createContract({ customerId: 'c-reads' }),
          createContact('c-reads', 'k-reads'),
        );
        const tablesRead = (tables: ReadonlySet<BookTable> | null) =>
          database.db.transaction(async (tx) => {
            const claimed = await claimAndLoad(tx, {
              tokenHash: hashToken(team.users.tam?.token ?? ''),
              clientId: aClientId(),
              now,
              scopes: ['customer:c-reads'],
              reads: [{ customerId: 'c-reads', tables }],
            });
            const rows = claimed?.client?.loaded.books.get('c-reads') ?? [];
            return [...new Set(rows.map((row) => row.table_name))].sort();
          });
        expect(await tablesRead(new Set(['contacts']))).toEqual(['contacts', 'customers']);
        expect(await tablesRead(new Set())).toEqual(['customers']);
        expect(await tablesRead(null)).toEqual(['contacts', 'contracts', 'customers']);
      });

      it('a rule that reads past its declared tables is run again on the whole book, and decides as with it', async () => {
        // A mutation that declares it reads nothing of the book but reads the contract, and counts
        // the contacts (read by the other mutations of the push).
        const registry = mutationRegistry as Map<string, unknown>;
        registry.set(
          'contractOfForTest@1',
          defineMutation({
            name: 'contractOfForTest',
            version: 1,
            args: z.object({ customerId: z.string() }),
            scope: (args) => ({ customerId: args.customerId }),
            reads: [],
            apply: (book, args) =>
              book
                ? applied(
                    `${book.contacts.length} contacts, contract on ${book.contract?.planId ?? 'nothing'}`,
                    put('customers', { ...book.customer, notes: 'counted' }),
                  )
                : rejectedOutcome({ code: 'not-found', message: `no ${args.customerId}` }),
          }),
        );
        try {
          const { tam } = await teamWithConsole();
          await tam.push(
            createCustomer({ id: 'c-count' }),
            createContract({ customerId: 'c-count' }),
            createContact('c-count', 'k-1'),
          );
          const answer = await tam.push(
            createContact('c-count', 'k-2'),
            { name: 'contractOfForTest', args: { customerId: 'c-count' } },
            createContact('c-count', 'k-3'),
          );
          expect(answer.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
          expect(answer.results[1]).toMatchObject({
            summary: '2 contacts, contract on edge-mission-critical',
          });
          const changes = await tam.pullAll();
          expect(
            changes
              .filter((change) => change.table === 'contacts')
              .map((change) => change.id)
              .sort(),
          ).toEqual(['k-1', 'k-2', 'k-3']);
          const audit = (await tam.api.get('/audit?customerId=c-count')).body as AuditResponse;
          expect(audit.entries.filter((entry) => entry.mutationId === 5)).toHaveLength(1);
        } finally {
          registry.delete('contractOfForTest@1');
        }
      });

      it('ten consoles racing for the last Go Live unit: exactly one wins', async () => {
        const members = Object.fromEntries(
          Array.from({ length: 10 }, (_, index) => [`tam-${index}`, 'tam' as const]),
        );
        const team = await aTeam(database.db, members);
        const setup = aConsole(server.url, team.users['tam-0']?.token ?? '');
        await setup.push(
          createCustomer({ id: 'c-race' }),
          createContract({ customerId: 'c-race', overrides: { included: { goLiveEvents: 1 } } }),
        );
        const consoles = Object.values(team.users).map((user) => aConsole(server.url, user.token));
        const answers = await Promise.all(
          consoles.map((each, index) =>
            each.push(
              requestGoLive('c-race', `gl-race-${index}`, `2026-03-${String(10 + index).padStart(2, '0')}`),
            ),
          ),
        );
        const results = answers.map((answer) => answer.results[0]);
        expect(answers.every((answer) => answer.status === 200)).toBe(true);
        expect(results.filter((result) => result?.status === 'applied')).toHaveLength(1);
        const losers = results.filter((result) => result?.status === 'rejected');
        expect(losers).toHaveLength(9);
        for (const loser of losers) expect(rejected(loser)).toMatchObject({ code: 'allowance-exhausted' });
        const bookings = (await setup.pullAll()).filter((change) => change.table === 'goLiveBookings');
        expect(bookings).toHaveLength(1);
      });
    });

    describe('pull', () => {
      it('pages through every change in version order, each row once at its latest version', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(
          createCustomer({ id: 'c-pages' }),
          ...Array.from({ length: 24 }, (_, index) => createContact('c-pages', `k-${index}`)),
        );
        await tam.push({
          name: 'updateContact',
          args: { customerId: 'c-pages', id: 'k-0', patch: { name: 'Moved' } },
        });
        const pages: PullResponse[] = [];
        let cursor = 0;
        do {
          const page = await tam.pull({ cursor, limit: 10 });
          pages.push(page);
          cursor = page.cursor;
        } while (pages[pages.length - 1]?.hasMore);
        expect(pages.map((page) => page.changes.length)).toEqual([10, 10, 5]);
        const changes = pages.flatMap((page) => page.changes);
        const versions = changes.map((change) => change.version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
        expect(new Set(changes.map((change) => change.id)).size).toBe(25);
        expect(changes[changes.length - 1]).toMatchObject({ id: 'k-0', record: { name: 'Moved' } });
        const empty = await tam.pull({ cursor });
        expect(empty).toMatchObject({ cursor, hasMore: false, changes: [] });
      });

      it('a deleted row comes as a tombstone', async () => {
        const { team, tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-tomb' }), createContact('c-tomb', 'k-gone'));
        const before = (await tam.pull()).cursor;
        await database.db.transaction((tx) =>
          writeRecords(tx, team.id, [{ table: 'contacts', id: 'k-gone', customerId: 'c-tomb', data: null }]),
        );
        const page = await tam.pull({ cursor: before });
        expect(page.changes).toMatchObject([
          { table: 'contacts', id: 'k-gone', deleted: true, record: null },
        ]);
      });

      it('GET and POST give the same page', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-get' }));
        const viaGet = await tam.api.get(`/pull?clientId=${tam.clientId}&cursor=0&limit=5`);
        expect(viaGet.status).toBe(200);
        expect(viaGet.body).toEqual(await tam.pull({ cursor: 0, limit: 5 }));
      });

      it('returns this console’s results after a given mutation id', async () => {
        const { tam } = await teamWithConsole();
        await tam.push(
          createCustomer({ id: 'c-res' }),
          createContact('c-res', 'k1'),
          createContact('c-res', 'k1'),
        );
        const pulled = await tam.pull({ resultsAfter: 1 });
        expect(pulled.results.map((result) => [result.mutationId, result.status])).toEqual([
          [2, 'applied'],
          [3, 'rejected'],
        ]);
      });

      it('a cursor beyond the team’s version is refused: this server holds other data', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.api.post('/pull', { clientId: tam.clientId, cursor: 10_000 });
        expect(answer.status).toBe(409);
        expect(problemOf(answer)).toMatchObject({ code: 'cursor-ahead', field: 'cursor' });
      });

      it('a malformed query is 400 and names the parameter', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.api.get(`/pull?clientId=${tam.clientId}&limit=0`);
        expect(answer.status).toBe(400);
        expect(problemOf(answer)).toMatchObject({ code: 'invalid-body', field: 'limit' });
      });
    });

    describe('poke', () => {
      it('a write pokes every console of the team and no other team', async () => {
        const { team, tam } = await teamWithConsole();
        const other = await aTeam(database.db, { tam: 'tam' });
        const ours = await openPokeStream(server.url, team.users.advisor?.token ?? '');
        const theirs = await openPokeStream(server.url, other.users.tam?.token ?? '');
        try {
          expect(ours.status).toBe(200);
          expect(ours.contentType).toMatch(/text\/event-stream/);
          expect(JSON.parse((await ours.next('ready')).data)).toEqual({ version: 0 });
          await theirs.next('ready');
          await tam.push(createCustomer({ id: 'c-poke' }));
          expect(JSON.parse((await ours.next('poke')).data)).toEqual({ version: 1 });
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect(theirs.events.filter((event) => event.event === 'poke')).toHaveLength(0);
        } finally {
          await ours.close();
          await theirs.close();
        }
      });
    });

    describe('teams are sealed from each other', () => {
      it('every endpoint refuses another team’s token and ids', async () => {
        const { team, tam } = await teamWithConsole();
        await tam.push(
          createCustomer({ id: 'c-sealed', name: 'Sealed AG' }),
          createContact('c-sealed', 'k-sealed'),
        );
        const intruder = await aTeam(database.db, { tam: 'tam' });
        const theirs = apiClient(server.url, intruder.users.tam?.token ?? '');
        // Our console's id, their token: as if it did not exist.
        const push = await theirs.post('/push', {
          clientId: tam.clientId,
          mutations: [{ id: 99, name: 'createCustomer', version: 1, args: {}, clientTime: serverStart }],
        });
        expect(push.status).toBe(404);
        expect(problemOf(push)).toMatchObject({ code: 'not-found', field: 'clientId' });
        expect((await theirs.get(`/pull?clientId=${tam.clientId}`)).status).toBe(404);
        expect((await theirs.post('/pull', { clientId: tam.clientId })).status).toBe(404);
        const audit = await theirs.get('/audit?customerId=c-sealed');
        expect(audit.status).toBe(404);
        expect(problemOf(audit).message).toBe('There is no customer c-sealed in your team.');
        // Their own pull from 0 sees none of our rows, their audit none of our entries.
        const intruderConsole = aConsole(server.url, intruder.users.tam?.token ?? '');
        expect(await intruderConsole.pullAll()).toEqual([]);
        expect(((await theirs.get('/audit')).body as AuditResponse).entries).toEqual([]);
        // Our customer's id in their mutations names nothing.
        const update = await intruderConsole.push({
          name: 'updateCustomer',
          args: { id: 'c-sealed', patch: { name: 'Taken Over' } },
        });
        expect(rejected(update.results[0])).toMatchObject({ code: 'not-found' });
        const ours = await tam.pullAll();
        expect(ours.find((change) => change.id === 'c-sealed')?.record).toMatchObject({ name: 'Sealed AG' });
        expect(await versionOf(team.id)).toBe(2);
      });

      it('another team’s customer looks exactly like one that does not exist, on every path', async () => {
        const { tam } = await teamWithConsole();
        const other = await aTeam(database.db, { tam: 'tam' });
        const theirs = aConsole(server.url, other.users.tam?.token ?? '');
        await theirs.push(
          createCustomer({ id: 'c-theirs' }),
          createContract({ customerId: 'c-theirs' }),
          createContact('c-theirs', 'k-theirs'),
          requestGoLive('c-theirs', 'gl-theirs', '2026-03-10'),
        );
        const theirVersion = await versionOf(other.id);
        // The same questions about their ids and about ids nobody has: answers equal but for the id.
        const asked = async (customerId: string, suffix: string) => {
          const audit = await tam.api.get(`/audit?customerId=${customerId}`);
          const pushed = await tam.push(
            { name: 'updateCustomer', args: { id: customerId, patch: { name: 'Taken Over' } } },
            createContact(customerId, `k-new-${suffix}`),
            { name: 'updateContact', args: { customerId, id: `k-${suffix}`, patch: { name: 'x' } } },
            requestGoLive(customerId, `gl-new-${suffix}`, '2026-03-11'),
            { name: 'cancelGoLive', args: { customerId, id: `gl-${suffix}` } },
            { name: 'reserveAllowance', args: { id: `res-${suffix}`, customerId, quantity: 1 } },
          );
          return JSON.stringify({ audit: [audit.status, audit.body], results: pushed.results })
            .replaceAll(customerId, 'CUSTOMER')
            .replaceAll(suffix, 'SUFFIX')
            .replace(/"mutationId":\d+/g, '"mutationId":N');
        };
        const aboutTheirs = await asked('c-theirs', 'theirs');
        const aboutNobody = await asked('c-nobody-at-all', 'nobody');
        expect(aboutTheirs).toBe(aboutNobody);
        expect(aboutTheirs).toContain('not-found');
        expect(await versionOf(other.id)).toBe(theirVersion);
        // Ids are per team: ours may repeat theirs, and neither side sees the other's record.
        const same = await tam.push(createCustomer({ id: 'c-theirs', name: 'Our Own AG' }));
        expect(same.results[0]).toMatchObject({ status: 'applied' });
        expect((await theirs.pullAll()).find((change) => change.id === 'c-theirs')?.record).toMatchObject({
          name: 'Helvetia Payments AG',
        });
      });

      it('a console id belongs to one user: a teammate’s token cannot use it', async () => {
        const { team, tam } = await teamWithConsole();
        await tam.push(createCustomer({ id: 'c-mine' }));
        const teammate = apiClient(server.url, team.users.advisor?.token ?? '');
        expect((await teammate.post('/pull', { clientId: tam.clientId })).status).toBe(404);
      });
    });

    describe('the admin CLI', () => {
      it('creates a team, a user and a token that signs in; revoking it signs out', async () => {
        const admin = (...args: string[]) => runAdminCommand(database.db, args, now);
        const teamId = `cli-${aClientId()}`;
        expect(await admin('create-team', teamId, '--name', 'Team Zurich')).toBe(`Created team ${teamId}.`);
        expect(await admin('create-user', teamId, 'mia', '--name', 'Mia Keller', '--role', 'lead')).toBe(
          `Created lead mia in team ${teamId}.`,
        );
        await expect(admin('create-user', teamId, 'bo', '--name', 'Bo', '--role', 'boss')).rejects.toThrow(
          /--role/,
        );
        const printed = await admin('create-token', teamId, 'mia', '--label', 'laptop');
        const [, token] = printed.split('\n');
        const me = await apiClient(server.url, token ?? '').get('/me');
        expect(me.body as WhoAmI).toMatchObject({ user: { id: 'mia', name: 'Mia Keller', role: 'lead' } });
        const shown = JSON.parse(await admin('show-team', teamId));
        expect(shown.users[0].tokens[0]).toMatchObject({ label: 'laptop', revoked: false });
        expect(await admin('revoke-token', shown.users[0].tokens[0].id)).toBe('Revoked.');
        expect((await apiClient(server.url, token ?? '').get('/me')).status).toBe(401);
      });

      it('loads demo customers that every console of the team then pulls', async () => {
        const team = await aTeam(database.db, { tam: 'tam' });
        const loaded = await runAdminCommand(
          database.db,
          ['load-demo', team.id, '--customers', '3', '--seed', '7'],
          now,
        );
        const count = Number(/Loaded (\d+) records/.exec(loaded)?.[1]);
        expect(count).toBeGreaterThan(3);
        const changes = await aConsole(server.url, team.users.tam?.token ?? '').pullAll();
        expect(changes).toHaveLength(count);
        expect(changes.filter((change) => change.table === 'customers')).toHaveLength(3);
      });
    });

    describe('bad input', () => {
      it('a body that is not JSON is 400 invalid-json', async () => {
        const { tam } = await teamWithConsole();
        const answer = await tam.api.postRaw('/push', '{"clientId": ');
        expect(answer.status).toBe(400);
        expect(problemOf(answer).code).toBe('invalid-json');
      });

      it('a body that is not declared as JSON is 415', async () => {
        const { team } = await teamWithConsole();
        const response = await fetch(`${server.url}/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${team.users.tam?.token ?? ''}`, 'content-type': 'text/plain' },
          body: 'createCustomer please',
        });
        expect(response.status).toBe(415);
        expect(((await response.json()) as Problem).code).toBe('unsupported-media-type');
      });

      it('a malformed push is 400 and names the field', async () => {
        const { tam } = await teamWithConsole();
        const missing = await tam.api.post('/push', { mutations: [] });
        expect(missing.status).toBe(400);
        expect(problemOf(missing)).toMatchObject({ code: 'invalid-body', field: 'clientId' });
        const badTime = await tam.api.post('/push', {
          clientId: aClientId(),
          mutations: [{ id: 1, name: 'createCustomer', version: 1, args: {}, clientTime: 'yesterday' }],
        });
        expect(problemOf(badTime)).toMatchObject({ code: 'invalid-body', field: 'mutations.0.clientTime' });
      });

      it('an unknown endpoint is a JSON 404', async () => {
        const answer = await apiClient(server.url, null).get('/nowhere');
        expect(answer.status).toBe(404);
        expect(problemOf(answer).code).toBe('not-found');
      });

      it('a body over the limit is 413', async () => {
        const small = await startServer(database.db, { clock: () => now, bodyLimit: 4_096 });
        try {
          const team = await aTeam(database.db, { tam: 'tam' });
          const answer = await aConsole(small.url, team.users.tam?.token ?? '').push(
            createCustomer({ id: 'c-big', notes: 'x'.repeat(5_000) }),
          );
          expect(answer.status).toBe(413);
          expect(problemOf(answer).code).toBe('body-too-large');
        } finally {
          await small.close();
        }
      });

      it('too many requests on one token is 429 with Retry-After; other tokens go on', async () => {
        const limited = await startServer(database.db, {
          clock: () => now,
          rateLimit: { burst: 3, perSecond: 0.5 },
        });
        try {
          const team = await aTeam(database.db, { tam: 'tam', advisor: 'advisor' });
          const busy = apiClient(limited.url, team.users.tam?.token ?? '');
          const statuses: number[] = [];
          for (let index = 0; index < 4; index += 1) statuses.push((await busy.get('/me')).status);
          expect(statuses).toEqual([200, 200, 200, 429]);
          const refused = await busy.get('/me');
          expect(problemOf(refused)).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 2 });
          expect(refused.headers.get('retry-after')).toBe('2');
          expect((await apiClient(limited.url, team.users.advisor?.token ?? '').get('/me')).status).toBe(200);
        } finally {
          await limited.close();
        }
      });

      it('a failure inside the server is a plain 500, never a stack trace, and advances nothing', async () => {
        const broken = await startServer(database.db, {
          clock: () => {
            throw new Error('clock exploded at /work/secret/path.ts:12');
          },
        });
        try {
          const team = await aTeam(database.db, { tam: 'tam' });
          const tamConsole = aConsole(broken.url, team.users.tam?.token ?? '');
          const answer = await tamConsole.push(createCustomer({ id: 'c-500' }));
          expect(answer.status).toBe(500);
          expect(answer.body).toEqual({
            code: 'internal',
            message: 'Something went wrong on the team server; the request can be retried.',
          });
          expect(JSON.stringify(answer.body)).not.toMatch(/exploded|stack|\.ts/);
          const retried = await aConsole(server.url, team.users.tam?.token ?? '', tamConsole.clientId).push(
            createCustomer({ id: 'c-500' }),
          );
          expect(retried.results[0]).toMatchObject({ mutationId: 1, status: 'applied' });
        } finally {
          await broken.close();
        }
      });
    });
  });
}
