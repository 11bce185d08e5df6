// Pushes arrive twice and out of order: a console's batches are sent again, several at once, older
// ones after newer ones, some ahead of the server (a gap). Every mutation is still applied once,
// in id order, and the team ends as the model says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures';
import { expectServerEqualsModel, faultWorld, type FaultWorld } from './support/faultTeam';
import { consoleWorkload, seededRandom } from './support/model';
import type { QueuedMutation } from './support/modelClient';

const MUTATIONS_PER_CONSOLE = 100;
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

describe('pushes duplicated and reordered', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await faultWorld({ anna: 'tam', ben: 'tam', carla: 'advisor' });
    await world.server.start();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it(`each mutation is applied once, in id order, whatever order its pushes arrive in (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    let sent = 0;
    let duplicates = 0;
    let reordered = 0;
    await Promise.all(
      world.consoles.map(async ({ client, userId }, index) => {
        const workload = consoleWorkload(
          userId,
          seededRandom(seed + index + 1),
          () => '2026-03-02T08:55:00.000Z',
        );
        while (client.queued.length < MUTATIONS_PER_CONSOLE) client.queue(workload.next());
        let rounds = 0;
        while (client.acknowledged < MUTATIONS_PER_CONSOLE) {
          rounds += 1;
          if (rounds > 500) throw new Error(`${client.clientId} made no progress`);
          // Two to four batches from around the server's place: retries of acknowledged ones,
          // the next one, ones ahead of it, and the same batch twice.
          const batches: QueuedMutation[][] = [];
          for (let count = 2 + Math.floor(random() * 3); count > 0; count -= 1) {
            const from = Math.max(1, client.acknowledged + 1 + Math.floor(random() * 12) - 5);
            const size = 1 + Math.floor(random() * 6);
            const batch = client.queued.slice(from - 1, Math.min(from - 1 + size, MUTATIONS_PER_CONSOLE));
            if (batch.length > 0) batches.push(batch);
          }
          const first = batches[0];
          if (first && random() < 0.5) batches.push(first);
          const ids = batches.map((batch) => batch[0]?.id ?? 0);
          duplicates +=
            batches.length - new Set(batches.map((batch) => `${batch[0]?.id}-${batch.length}`)).size;
          reordered += ids.filter((id, at) => at > 0 && id < (ids[at - 1] ?? 0)).length;
          sent += batches.length;
          await Promise.all(batches.map((batch) => client.pushOnce(batch)));
        }
      }),
    );
    const outcome = await expectServerEqualsModel(world);
    const gaps = world.consoles.reduce((sum, { client }) => sum + client.counters.gaps, 0);
    expect(gaps).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
    recordFigures('duplicated and reordered pushes', {
      seed,
      'pushes sent': sent,
      'sent twice': duplicates,
      'sent after a newer one': reordered,
      'refused as a gap (409)': gaps,
      mutations: outcome.mutations,
      applied: outcome.applied,
      rejected: outcome.rejected,
      'writes lost': outcome.lost,
      duplicates: outcome.duplicates,
    });
  });
});
