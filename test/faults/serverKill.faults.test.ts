// The team server is killed with SIGKILL at random moments while consoles push, then restarted;
// the consoles retry. Nothing may be lost or applied twice, and the team must end exactly as the
// model of the same operations says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures';
import { expectServerEqualsModel, faultWorld, SERVER_CLOCK, type FaultWorld } from './support/faultTeam';
import { consoleWorkload, seededRandom } from './support/model';
import { pause } from './support/modelClient';

const TRIALS = Number(process.env.FAULT_KILL_TRIALS ?? 50);
// Enough work that pushes are still going on when the last kill comes.
const MUTATIONS_PER_CONSOLE = Math.max(60, TRIALS * 4);
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

describe('the server is killed with SIGKILL during pushes', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await faultWorld({ anna: 'tam', ben: 'tam', carla: 'advisor' });
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it(`${TRIALS} kills at random points: no mutation lost or applied twice, the team equals the model (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const workloads = world.consoles.map(({ userId }, index) =>
      consoleWorkload(userId, seededRandom(seed + index + 1), () => '2026-03-02T08:55:00.000Z'),
    );
    let stopped = false;
    let pushesCut = 0;
    let killsDuringPush = 0;
    // Each console queues a few mutations after each answered push, as a TAM keeps working, and
    // pushes; a failed push is retried after a short pause.
    const running = world.consoles.map(async ({ client }, index) => {
      const workload = workloads[index];
      let answered = true;
      while (!stopped) {
        const room = MUTATIONS_PER_CONSOLE - client.queued.length;
        const more = answered ? Math.min(room, 1 + Math.floor(Math.random() * 4)) : 0;
        for (let count = more; count > 0; count -= 1) if (workload) client.queue(workload.next());
        if (client.outbox.length === 0) await pause(10);
        answered = await client.pushOnce();
        if (!answered) await pause(40 + Math.random() * 50);
      }
    });
    for (let trial = 0; trial < TRIALS; trial += 1) {
      await world.server.start();
      await pause(20 + random() * 250);
      // Kill while a push is on the wire when there is one (wait briefly for one).
      for (
        let waited = 0;
        waited < 300 && !world.consoles.some(({ client }) => client.inFlight > 0);
        waited += 2
      ) {
        await pause(2);
      }
      await pause(random() * 8);
      const cut = world.consoles.reduce((sum, { client }) => sum + client.inFlight, 0);
      pushesCut += cut;
      if (cut > 0) killsDuringPush += 1;
      await world.server.kill();
    }
    await world.server.start();
    stopped = true;
    await Promise.all(running);
    world.consoles.forEach(({ client }, index) => {
      const workload = workloads[index];
      while (workload && client.queued.length < MUTATIONS_PER_CONSOLE) client.queue(workload.next());
    });
    await Promise.all(world.consoles.map(({ client }) => client.sync()));
    const outcome = await expectServerEqualsModel(world, SERVER_CLOCK);
    expect(killsDuringPush).toBeGreaterThan(TRIALS / 2);
    const failed = world.consoles.reduce((sum, { client }) => sum + client.counters.failedRequests, 0);
    const pushes = world.consoles.reduce((sum, { client }) => sum + client.counters.pushes, 0);
    recordFigures('server killed (SIGKILL)', {
      seed,
      trials: TRIALS,
      'kills with a push in flight': killsDuringPush,
      'pushes cut by a kill': pushesCut,
      pushes,
      'failed requests retried': failed,
      mutations: outcome.mutations,
      applied: outcome.applied,
      rejected: outcome.rejected,
      'writes lost': outcome.lost,
      duplicates: outcome.duplicates,
    });
  });
});
