// A proxy between the consoles and the team server drops or delays 20 % of the connections,
// including answers lost after the server applied a push. The consoles retry; nothing may be
// lost or applied twice, and the team must end as the model says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures';
import { expectServerEqualsModel, faultWorld, type FaultWorld } from './support/faultTeam';
import { consoleWorkload, seededRandom } from './support/model';
import { tcpProxy, type TcpProxy } from './support/tcpProxy';

const MUTATIONS_PER_CONSOLE = Number(process.env.FAULT_LOSSY_MUTATIONS ?? 200);
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

describe('a network that drops or delays 20 % of connections', () => {
  let world: FaultWorld;
  let proxy: TcpProxy;

  beforeAll(async () => {
    world = await faultWorld({ anna: 'tam', ben: 'tam', carla: 'advisor' }, 5);
    await world.server.start();
    proxy = await tcpProxy(
      { host: '127.0.0.1', port: world.server.port },
      { faultShare: 0.2, random: seededRandom(seed), maxDelayMs: 400 },
    );
    for (const { client } of world.consoles) client.baseUrl = proxy.url;
  });

  afterAll(async () => {
    await proxy?.close();
    await world?.dispose();
  });

  it(`every mutation is applied exactly once through the lossy proxy (seed ${seed})`, async () => {
    await Promise.all(
      world.consoles.map(async ({ client, userId }, index) => {
        const workload = consoleWorkload(
          userId,
          seededRandom(seed + index + 1),
          () => '2026-03-02T08:55:00.000Z',
        );
        while (client.queued.length < MUTATIONS_PER_CONSOLE) {
          client.queue(workload.next());
          await client.sync();
        }
      }),
    );
    // Read back past the proxy: the checks must not be faulted themselves.
    for (const { client } of world.consoles) client.baseUrl = world.server.url;
    const outcome = await expectServerEqualsModel(world);
    const { counters } = proxy;
    const faults = counters.refuse + counters['cut-request'] + counters['lose-answer'] + counters.delay;
    expect(counters['lose-answer']).toBeGreaterThan(0);
    expect(faults / counters.connections).toBeGreaterThan(0.1);
    const statuses: Record<string, number> = {};
    for (const { client } of world.consoles) {
      for (const [status, count] of Object.entries(client.counters.statuses))
        statuses[status] = (statuses[status] ?? 0) + count;
    }
    recordFigures('lossy network (20 % of connections)', {
      'push answers by status': Object.entries(statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
      'pushes failed on the network': world.consoles.reduce(
        (sum, { client }) => sum + client.counters.failedRequests,
        0,
      ),
      seed,
      connections: counters.connections,
      'faults injected': faults,
      refused: counters.refuse,
      'cut mid-request': counters['cut-request'],
      'answers lost after the server applied': counters['lose-answer'],
      delayed: counters.delay,
      mutations: outcome.mutations,
      applied: outcome.applied,
      rejected: outcome.rejected,
      'writes lost': outcome.lost,
      duplicates: outcome.duplicates,
    });
  });
});
