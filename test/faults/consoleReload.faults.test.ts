// The console reloads between the outbox write and the push, during pushes, while it records the
// server's answers and while it pulls: the renderer's real code (its Dexie outbox under
// fake-indexeddb and its sync engine) against the real team server on PostgreSQL, over HTTP. Each
// reload throws the page's modules away and opens the same database with fresh ones. Whatever a
// page committed is pushed by a later page exactly once; a write cut by the reload is all there
// or not at all; and the team ends as the model of the queued operations says.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/renderer/src/db/schema';
import { openConsolePage, type ConsolePage, type RequestKind } from './support/consolePage';
import { expectServerEqualsModel, faultWorld, SERVER_CLOCK, type FaultWorld } from './support/faultTeam';
import { recordFigures } from './support/figures';
import { consoleWorkload, seededRandom, type Operation } from './support/model';
import { ModelClient, pause } from './support/modelClient';

const RELOADS = Number(process.env.FAULT_RELOADS ?? 60);
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

const reloadPoints = [
  'after the outbox write, before the push',
  'during the outbox write',
  'with a push on the wire',
  'after the server answered a push, before the console read it',
  'while the push results were being recorded',
  'during a pull',
] as const;
type ReloadPoint = (typeof reloadPoints)[number];

/** What one console did, for the checks: every write that committed, and those a reload cut. */
type ConsoleLog = {
  committed: Map<string, Operation>;
  interrupted: Map<string, Operation>;
  refusedLocally: number;
};

describe('the console reloads between the outbox write and the push, and during pushes', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await faultWorld({ anna: 'tam', ben: 'tam' });
    await world.server.start();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it(`${RELOADS} reloads at random points: nothing the console committed is lost or applied twice, the team equals the model (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const reloadsAt = new Map<ReloadPoint, number>(reloadPoints.map((point) => [point, 0]));
    const totals = { pushesSent: 0, pushAnswersLost: 0, requestsAborted: 0, writesInterrupted: 0 };
    const failures: unknown[] = [];
    // Every local write gets its own client time: it names the write in the outbox.
    let serial = 0;
    const nextClientTime = () => {
      serial += 1;
      return new Date(Date.parse(SERVER_CLOCK) - 3_600_000 + serial).toISOString();
    };

    const consoles = world.consoles.map(({ userId, role }, index) => ({
      userId,
      role,
      databaseName: `reload-${userId}-${seed}`,
      token: world.team.users[userId]?.token ?? '',
      workload: consoleWorkload(userId, seededRandom(seed + index + 1), () => SERVER_CLOCK),
      random: seededRandom(seed * 7 + index),
      log: { committed: new Map(), interrupted: new Map(), refusedLocally: 0 } as ConsoleLog,
    }));
    type TestConsole = (typeof consoles)[number];

    const open = async (console: TestConsole): Promise<ConsolePage> => {
      const page = await openConsolePage({
        databaseName: console.databaseName,
        connection: { serverUrl: world.server.url, token: console.token },
        clock: () => SERVER_CLOCK,
        random: console.random,
        pushLimit: 4,
      });
      if (!(await page.db.meta.get('settings'))) {
        const saved = await page.modules.saveSettings({
          userId: console.userId,
          userName: console.userId,
          role: console.role,
          timeZone: 'Europe/Zurich',
        });
        expect(saved.ok).toBe(true);
      }
      return page;
    };

    const retire = (page: ConsolePage) => {
      page.reload();
      totals.pushesSent += page.counters.pushesSent;
      totals.pushAnswersLost += page.counters.pushAnswersLost;
      totals.requestsAborted += page.counters.requestsAborted;
      failures.push(...page.failures);
    };

    /** One local change, as a form saves it, then a sync kick as the runtime does. */
    const write = async (console: TestConsole, page: ConsolePage): Promise<void> => {
      const operation = { ...console.workload.next(), clientTime: nextClientTime() };
      const outcome = await page.modules.applyLocalMutation(
        { name: operation.name, version: operation.version, args: operation.args },
        operation.clientTime,
      );
      if (page.closed) {
        // Cut by the reload: in the outbox whole, or not at all.
        console.log.interrupted.set(operation.clientTime, operation);
        totals.writesInterrupted += 1;
      } else if (outcome.ok) {
        console.log.committed.set(operation.clientTime, operation);
        page.kick();
      } else if (outcome.rejection.code === 'storage-failed') {
        failures.push(outcome.rejection);
      } else {
        console.log.refusedLocally += 1;
      }
    };

    /** Writes until the page is reloaded by a hook (or a time limit passes). */
    const writeUntilReloaded = async (console: TestConsole, page: ConsolePage) => {
      for (let step = 0; step < 40 && !page.closed; step += 1) {
        if (console.random() < 0.6) await write(console, page);
        await pause(5 + console.random() * 15);
      }
    };

    const trial = async (console: TestConsole, point: ReloadPoint) => {
      const page = await open(console);
      // A page syncs as soon as it starts.
      page.kick();
      const cutOn = (kind: RequestKind, how: 'sent' | 'answered' | 'recording') => {
        if (how === 'sent') {
          page.hooks.sent = (current, sent) => {
            if (sent === kind) setTimeout(() => current.reload(), console.random() * 15);
          };
        } else if (how === 'answered') {
          page.hooks.answered = (_, answered) => answered === kind;
        } else {
          page.hooks.answered = (current, answered) => {
            if (answered === kind) setTimeout(() => current.reload(), console.random() * 3);
            return false;
          };
        }
      };
      switch (point) {
        case 'after the outbox write, before the push': {
          for (let count = 1 + Math.floor(console.random() * 3); count > 0; count -= 1) {
            const written = write(console, page);
            // The last write's commit is the reload point: the kick it makes has not pushed yet.
            if (count === 1) {
              await written;
              page.reload();
            } else await written;
          }
          break;
        }
        case 'during the outbox write': {
          await write(console, page);
          const cut = write(console, page);
          await pause(console.random() * 3);
          page.reload();
          await cut;
          break;
        }
        case 'with a push on the wire':
          cutOn('push', 'sent');
          await writeUntilReloaded(console, page);
          break;
        case 'after the server answered a push, before the console read it':
          cutOn('push', 'answered');
          await writeUntilReloaded(console, page);
          break;
        case 'while the push results were being recorded':
          cutOn('push', 'recording');
          await writeUntilReloaded(console, page);
          break;
        case 'during a pull':
          cutOn('pull', console.random() < 0.5 ? 'sent' : 'answered');
          await writeUntilReloaded(console, page);
          break;
      }
      if (page.closed) reloadsAt.set(point, (reloadsAt.get(point) ?? 0) + 1);
      retire(page);
    };

    // A reload evaluates the renderer's modules afresh: two pages never share an engine or a db.
    const first = await open(consoles[0] as TestConsole);
    const second = await open(consoles[0] as TestConsole);
    expect(second.modules.SyncEngine).not.toBe(first.modules.SyncEngine);
    expect(second.db).not.toBe(first.db);
    retire(first);
    retire(second);

    // Both consoles work and reload at once, each on its own database.
    const perConsole = Math.ceil(RELOADS / consoles.length);
    await Promise.all(
      consoles.map(async (console, consoleIndex) => {
        // Each point in turn (the consoles half a round apart); when and how much is drawn.
        const offset = Math.floor(random() * reloadPoints.length) + consoleIndex * 3;
        for (let index = 0; index < perConsole; index += 1) {
          const point = reloadPoints[(offset + index) % reloadPoints.length] ?? reloadPoints[0];
          await trial(console, point);
        }
      }),
    );

    // A last page per console syncs until its outbox holds nothing pending.
    const finalOutboxes = new Map<string, { clientId: string; entries: OutboxEntry[]; last: number }>();
    for (const console of consoles) {
      const page = await open(console);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const outcome = await page.engine.syncOnce();
        expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
        if ((await page.db.outbox.where('status').equals('pending').count()) === 0) break;
        if (Date.now() > deadline) throw new Error(`${console.userId}: outbox still pending`);
      }
      const clientId = (await page.db.meta.get('clientId'))?.value;
      if (typeof clientId !== 'string') throw new Error('no client id');
      const lastEntry = await page.db.meta.get('lastMutationId');
      finalOutboxes.set(console.userId, {
        clientId,
        entries: await page.db.outbox.orderBy('mutationId').toArray(),
        last: typeof lastEntry?.value === 'number' ? lastEntry.value : 0,
      });
      retire(page);
    }
    expect(failures, 'cycles that failed on a page that was not reloaded').toEqual([]);

    // The outbox is the console's memory of what it did: every committed write exactly once,
    // under consecutive ids, and nothing but writes this console made.
    let interruptedKept = 0;
    for (const console of consoles) {
      const outbox = finalOutboxes.get(console.userId);
      if (!outbox) throw new Error('no outbox');
      const ids = outbox.entries.map((entry) => entry.mutationId);
      expect(ids, `${console.userId}: mutation ids 1…n`).toEqual(ids.map((_, index) => index + 1));
      expect(outbox.last).toBe(ids.length);
      const byTime = new Map<string, OutboxEntry[]>();
      for (const entry of outbox.entries)
        byTime.set(entry.clientTime, [...(byTime.get(entry.clientTime) ?? []), entry]);
      for (const [clientTime, operation] of console.log.committed) {
        const found = byTime.get(clientTime) ?? [];
        expect(found.length, `${console.userId}: committed write ${operation.name} at ${clientTime}`).toBe(1);
        expect(found[0]?.args).toEqual(operation.args);
      }
      for (const [clientTime, entries] of byTime) {
        expect(entries.length, `${console.userId}: write at ${clientTime} queued once`).toBe(1);
        if (console.log.committed.has(clientTime)) continue;
        expect(
          console.log.interrupted.has(clientTime),
          `${console.userId}: unknown write at ${clientTime}`,
        ).toBe(true);
        interruptedKept += 1;
      }
    }

    // The model console of each real one: its outbox in id order, under its real client id.
    world.consoles.forEach((entry) => {
      const outbox = finalOutboxes.get(entry.userId);
      const console = consoles.find((candidate) => candidate.userId === entry.userId);
      if (!outbox || !console) throw new Error('no console');
      const model = new ModelClient(outbox.clientId, console.token, world.server.url);
      for (const queued of outbox.entries) {
        const mutation = model.queue({
          name: queued.name,
          version: queued.version,
          args: queued.args,
          clientTime: queued.clientTime,
        });
        expect(mutation.id).toBe(queued.mutationId);
      }
      entry.client = model;
    });
    const outcome = await expectServerEqualsModel(world, SERVER_CLOCK);

    // Every verdict the server keeps reached the console's outbox, as the server gave it.
    for (const { client, userId } of world.consoles) {
      const results = new Map(
        (await client.pullResults()).results.map((result) => [result.mutationId, result]),
      );
      for (const entry of finalOutboxes.get(userId)?.entries ?? []) {
        const result = results.get(entry.mutationId);
        expect(entry.status, `${userId} #${entry.mutationId}`).toBe(result?.status);
        if (result?.status === 'rejected') expect(entry.rejection).toEqual(result.rejection);
      }
    }

    const reloads = [...reloadsAt.values()].reduce((sum, count) => sum + count, 0);
    expect(reloads).toBeGreaterThanOrEqual(RELOADS * 0.8);
    for (const [point, count] of reloadsAt) expect(count, `reloads ${point}`).toBeGreaterThan(0);
    expect(totals.pushAnswersLost).toBeGreaterThan(0);
    recordFigures('console reloads (real sync client)', {
      seed,
      consoles: consoles.length,
      reloads,
      ...Object.fromEntries([...reloadsAt.entries()].map(([point, count]) => [`reloads ${point}`, count])),
      'local writes committed': consoles.reduce((sum, console) => sum + console.log.committed.size, 0),
      'writes cut by a reload': totals.writesInterrupted,
      'of those kept whole': interruptedKept,
      'pushes sent': totals.pushesSent,
      'push answers lost to a reload': totals.pushAnswersLost,
      'requests aborted by a reload': totals.requestsAborted,
      mutations: outcome.mutations,
      applied: outcome.applied,
      rejected: outcome.rejected,
      'writes lost': outcome.lost,
      duplicates: outcome.duplicates,
    });
  });
});
