// User ids as names: the sync engine asks the team server for the team's members (GET /team) when
// it checks the team, keeps them in Dexie meta, and personName/nameOf shows a teammate's name, my
// own from Settings, and the id for anyone unknown. Real server on PGlite, real HTTP, the real
// engine and Dexie under fake-indexeddb.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamServerForFile } from './support/teamServer';
import { resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';
import { readTeamMembers } from '../../src/renderer/src/db/teamMembers';
import { SyncEngine } from '../../src/renderer/src/sync/syncEngine';
import { httpSyncTransport, type SyncConnection } from '../../src/renderer/src/sync/syncTransport';
import { personName } from '../../src/renderer/src/team/personName';
import { aTeam } from '../server/support/serverHarness';

const now = '2026-04-01T08:00:00.000Z';
const me = { userId: 'ana', userName: 'Ana Lima' };

const shared = teamServerForFile(() => now);

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ ...me, role: 'tam', timeZone: 'Europe/Zurich' });
});

describe('personName', () => {
  const members = [
    { id: 'ben', name: 'Ben Okafor' },
    { id: 'ana', name: 'Ana (server)' },
  ];

  it('a teammate the server listed is shown by name', () => {
    expect(personName('ben', me, members)).toBe('Ben Okafor');
  });

  it('my own id is my name from Settings, even where the server lists another', () => {
    expect(personName('ana', me, members)).toBe('Ana Lima');
    expect(personName('ana', me)).toBe('Ana Lima');
  });

  it('an id nobody listed stays the id', () => {
    expect(personName('tam-02', me, members)).toBe('tam-02');
    expect(personName('ben', me, [])).toBe('ben');
  });
});

describe('the team’s names in the sync engine', () => {
  it('a sync keeps the members of this token’s team, and a switch to another team replaces them', async () => {
    const first = await aTeam(shared.database.db, { ana: 'tam', ben: 'lead' });
    const second = await aTeam(shared.database.db, { ana: 'tam', cleo: 'advisor' });
    const connection: { current: SyncConnection } = {
      current: { serverUrl: shared.server.url, token: first.users.ana?.token ?? '' },
    };
    const engine = new SyncEngine({ connection: async () => connection.current, clock: () => now });
    expect(await readTeamMembers()).toEqual([]);
    expect((await engine.syncOnce()).ok).toBe(true);
    const firstNames = await readTeamMembers();
    expect(firstNames).toEqual([
      { id: 'ana', name: 'User ana', role: 'tam' },
      { id: 'ben', name: 'User ben', role: 'lead' },
    ]);
    expect(personName('ben', me, firstNames)).toBe('User ben');
    expect(personName('cleo', me, firstNames)).toBe('cleo');

    connection.current = { serverUrl: shared.server.url, token: second.users.ana?.token ?? '' };
    expect((await engine.syncOnce()).ok).toBe(true);
    const secondNames = await readTeamMembers();
    expect(secondNames.map((member) => member.id)).toEqual(['ana', 'cleo']);
    expect(personName('ben', me, secondNames)).toBe('ben');
  });

  it('a server that cannot list the team still syncs, and ids stay ids', async () => {
    const team = await aTeam(shared.database.db, { ana: 'tam', ben: 'lead' });
    const asked: string[] = [];
    const engine = new SyncEngine({
      connection: async () => ({ serverUrl: shared.server.url, token: team.users.ana?.token ?? '' }),
      clock: () => now,
      // An older server: no /team.
      transport: (connection) =>
        httpSyncTransport(connection, async (input, init) => {
          const url = String(input);
          asked.push(new URL(url).pathname);
          if (url.endsWith('/team'))
            return new Response(JSON.stringify({ code: 'not-found', message: 'There is no GET /team.' }), {
              status: 404,
              headers: { 'content-type': 'application/json' },
            });
          return fetch(input, init);
        }),
    });
    expect((await engine.syncOnce()).ok).toBe(true);
    expect(asked).toContain('/team');
    expect(await readTeamMembers()).toEqual([]);
    expect(personName('ben', me, await readTeamMembers())).toBe('ben');
  });
});
