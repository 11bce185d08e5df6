// Consoles whose clocks are two days off, behind and ahead. The rules the server judges on its
// own clock (the 72-hour notice, a reservation's start and expiry) must hold whatever the laptop
// says, and the team must end as the model run at the server's clock says — not as a model run
// at the laptops' clocks would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, instantMillis, toInstant } from '../../src/core/time';
import { recordFigures } from './support/figures';
import { expectServerEqualsModel, faultWorld, SERVER_CLOCK, type FaultWorld } from './support/faultTeam';
import { consoleWorkload, ModelTeam, seededRandom, type Operation } from './support/model';

const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const skewDays = { behind: -2, ahead: 2 } as const;

function skewed(days: number, minutes = 0): string {
  return toInstant(instantMillis(SERVER_CLOCK) + days * DAY_MS + minutes * 60_000);
}

describe('a console’s clock two days off', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await faultWorld({ behind: 'tam', ahead: 'tam' });
    await world.server.start();
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it(`rules on the server’s clock hold for consoles 2 days behind and 2 days ahead (seed ${seed})`, async () => {
    const [behind, ahead] = world.consoles;
    if (!behind || !ahead) throw new Error('two consoles expected');
    const setup = (prefix: string, clientTime: string): Operation[] => [
      {
        name: 'createCustomer',
        version: 1,
        clientTime,
        args: {
          customer: {
            id: `${prefix}-c`,
            name: `Skew ${prefix}`,
            country: 'CH',
            region: 'SG',
            timeZone: 'Europe/Zurich',
            tamUserId: prefix,
            channels: ['ticket'],
            notes: '',
            archived: false,
          },
        },
      },
      {
        name: 'createContract',
        version: 1,
        clientTime,
        args: {
          contract: {
            id: `${prefix}-contract`,
            customerId: `${prefix}-c`,
            planId: 'edge-mission-critical',
            startDate: '2026-01-01',
            termMonths: 36,
            overrides: {},
            addOns: [],
          },
        },
      },
    ];
    const behindTime = skewed(skewDays.behind);
    const aheadTime = skewed(skewDays.ahead);
    // 71 h ahead by the server's clock (2026-03-05 08:00 UTC, 09:00 in Zurich), 119 h by the laptop 2 days behind.
    const tooLate: Operation = {
      name: 'requestGoLive',
      version: 1,
      clientTime: behindTime,
      args: {
        id: 'behind-gl-late',
        customerId: 'behind-c',
        title: 'Launch',
        date: '2026-03-05',
        time: '09:00',
        durationMinutes: 60,
      },
    };
    // 100 h ahead by the server's clock, 52 h by the laptop 2 days ahead.
    const inTime: Operation = {
      name: 'requestGoLive',
      version: 1,
      clientTime: aheadTime,
      args: {
        id: 'ahead-gl-ok',
        customerId: 'ahead-c',
        title: 'Launch',
        date: '2026-03-06',
        time: '14:00',
        durationMinutes: 60,
      },
    };
    const reserve = (prefix: string, clientTime: string): Operation => ({
      name: 'reserveAllowance',
      version: 1,
      clientTime,
      args: { id: `${prefix}-res`, customerId: `${prefix}-c`, quantity: 1, validForDays: 14 },
    });
    // A laptop ahead cannot lend a booking a future moment: spending a reservation, it is judged now.
    const spendAhead: Operation = {
      name: 'requestGoLive',
      version: 1,
      clientTime: aheadTime,
      args: {
        id: 'ahead-gl-res',
        customerId: 'ahead-c',
        title: 'Launch',
        date: '2026-03-05',
        time: '09:00',
        durationMinutes: 60,
        reservationId: 'ahead-res',
      },
    };
    for (const operation of [...setup('behind', behindTime), tooLate, reserve('behind', behindTime)])
      behind.client.queue(operation);
    for (const operation of [...setup('ahead', aheadTime), inTime, reserve('ahead', aheadTime), spendAhead])
      ahead.client.queue(operation);
    // Then a random mix on each console's skewed clock.
    const behindWork = consoleWorkload('behind-mix', seededRandom(seed), () => behindTime);
    const aheadWork = consoleWorkload('ahead-mix', seededRandom(seed + 1), () => aheadTime);
    for (let count = 0; count < 60; count += 1) {
      behind.client.queue(behindWork.next());
      ahead.client.queue(aheadWork.next());
    }
    await Promise.all(world.consoles.map(({ client }) => client.sync()));

    expect(behind.client.results.get(3)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'go-live-notice' },
    });
    expect(ahead.client.results.get(3)).toMatchObject({ status: 'applied' });
    expect(ahead.client.results.get(5)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'go-live-notice' },
    });
    const reservations = await world.database.db.query<{
      id: string;
      data: { createdAt: string; expiresAt: string };
    }>(
      "SELECT id, data FROM records WHERE team_id = $1 AND table_name = 'allowanceReservations' AND id IN ('behind-res', 'ahead-res') ORDER BY id",
      [world.team.id],
    );
    for (const reservation of reservations) {
      expect(reservation.data.createdAt).toBe(SERVER_CLOCK);
      expect(reservation.data.expiresAt).toBe(skewed(14));
    }
    expect(reservations).toHaveLength(2);

    const outcome = await expectServerEqualsModel(world);
    // The same operations judged at the laptops' clocks would have ended elsewhere: the test can tell.
    const atLaptopClocks = new ModelTeam();
    const differ = world.consoles.flatMap(({ client, userId, role }) =>
      client.queued.filter((mutation) => {
        const trusted = atLaptopClocks.apply(mutation, { userId, role }, mutation.clientTime);
        const result = client.results.get(mutation.id);
        return trusted.status !== result?.status;
      }),
    );
    expect(differ.length).toBeGreaterThan(0);
    recordFigures('clocks two days off', {
      seed,
      consoles: 2,
      'skew (days)': '-2 and +2',
      mutations: outcome.mutations,
      applied: outcome.applied,
      rejected: outcome.rejected,
      'verdicts a laptop clock would have changed': differ.length,
      'writes lost': outcome.lost,
      duplicates: outcome.duplicates,
    });
  });
});
