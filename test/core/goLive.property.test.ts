import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkNotice, goLiveWindow, windowsOverlap } from '../../src/core/goLive';
import { runMutation } from '../../src/core/mutations';
import type { CustomerBook } from '../../src/core/records';
import { HOUR_MS, MINUTE_MS, localToInstant, toInstant } from '../../src/core/time';
import { aBook, aContext } from '../support/fixtures';

const from2000 = Date.parse('2000-01-01T00:00:00Z');
const to2040 = Date.parse('2040-01-01T00:00:00Z');
const zones = [
  'Europe/Zurich',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
];

/** Instants to the millisecond, so the 72 h boundary itself is hit, not only whole minutes. */
const instantMillis = fc.integer({ min: from2000, max: to2040 });

describe('notice properties', () => {
  it('the notice rule accepts iff startsAt - requestedAt >= 72 h', () => {
    fc.assert(
      fc.property(
        instantMillis,
        fc.oneof(
          fc.integer({ min: -10 * 24 * HOUR_MS, max: 10 * 24 * HOUR_MS }),
          fc.integer({ min: 72 * HOUR_MS - 2 * MINUTE_MS, max: 72 * HOUR_MS + 2 * MINUTE_MS }),
          fc.constant(72 * HOUR_MS),
          fc.constant(72 * HOUR_MS - 1),
        ),
        (requested, gap) => {
          const result = checkNotice(toInstant(requested), toInstant(requested + gap));
          expect(result.ok).toBe(gap >= 72 * HOUR_MS);
          if (!result.ok) expect(result.rejection.numbers?.noticeMinutes).toBe(Math.floor(gap / MINUTE_MS));
        },
      ),
    );
  });
});

describe('window properties', () => {
  const localDate = fc
    .integer({ min: 0, max: Math.floor((to2040 - from2000) / (24 * HOUR_MS)) })
    .map((day) => new Date(from2000 + day * 24 * HOUR_MS).toISOString().slice(0, 10));
  const localTime = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  // Dates around the DST changes are where conversions go wrong; weight them in.
  const changeDates = fc.constantFrom(
    '2026-03-29',
    '2026-10-25',
    '2026-03-08',
    '2026-11-01',
    '2018-11-04',
    '2018-02-17',
    '2026-04-05',
    '2026-10-04',
  );

  it('a stored booking converted back to its zone gives the entered local date and time', () => {
    fc.assert(
      fc.property(
        fc.oneof(localDate, changeDates),
        localTime,
        fc.constantFrom(...zones),
        (date, time, zone) => {
          const start = localToInstant(date, time, zone);
          fc.pre(start.ok);
          const window = goLiveWindow({ date, time, durationMinutes: 60, timeZone: zone });
          expect(window.ok).toBe(true);
          if (!window.ok) return;
          const back = DateTime.fromISO(window.value.startsAt, { zone });
          expect(back.toFormat('yyyy-MM-dd')).toBe(date);
          expect(back.toFormat('HH:mm')).toBe(time);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a window lasts exactly its minutes in real time', () => {
    fc.assert(
      fc.property(
        fc.oneof(localDate, changeDates),
        localTime,
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 360 }),
        (date, time, zone, minutes) => {
          const window = goLiveWindow({ date, time, durationMinutes: minutes, timeZone: zone });
          fc.pre(window.ok);
          if (!window.ok) return;
          expect(Date.parse(window.value.endsAt) - Date.parse(window.value.startsAt)).toBe(
            minutes * MINUTE_MS,
          );
        },
      ),
    );
  });

  it('overlap is symmetric and back-to-back spans never overlap', () => {
    const span = fc.tuple(instantMillis, fc.integer({ min: 1, max: 360 })).map(([start, minutes]) => ({
      startsAt: toInstant(start),
      endsAt: toInstant(start + minutes * MINUTE_MS),
    }));
    fc.assert(
      fc.property(span, span, fc.integer({ min: 1, max: 360 }), (a, b, minutes) => {
        expect(windowsOverlap(a, b)).toBe(windowsOverlap(b, a));
        const next = { startsAt: a.endsAt, endsAt: toInstant(Date.parse(a.endsAt) + minutes * MINUTE_MS) };
        expect(windowsOverlap(a, next)).toBe(false);
      }),
    );
  });
});

describe('booking properties', () => {
  const request = fc.record({
    kind: fc.constant('request' as const),
    // Four days around the autumn change, so windows cross it too.
    date: fc.constantFrom('2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27'),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45, 59),
    durationMinutes: fc.integer({ min: 1, max: 360 }),
  });
  const cancel = fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() });

  it('accepted windows never overlap each other for one customer after any sequence of requests', () => {
    const context = aContext('2026-10-01T08:00:00.000Z');
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 4, arbitrary: request }, { weight: 1, arbitrary: cancel }), {
          maxLength: 25,
        }),
        (steps) => {
          let book: CustomerBook = aBook();
          steps.forEach((step, index) => {
            const booked = book.goLiveBookings.filter((booking) => booking.status === 'booked');
            const args =
              step.kind === 'request'
                ? {
                    name: 'requestGoLive',
                    args: {
                      id: `gl-${index}`,
                      customerId: 'cust-1',
                      projectId: null,
                      title: `Event ${index}`,
                      date: step.date,
                      time: `${String(step.hour).padStart(2, '0')}:${String(step.minute).padStart(2, '0')}`,
                      durationMinutes: step.durationMinutes,
                      acceptBillable: true,
                      reservationId: null,
                      notes: '',
                    },
                  }
                : booked.length > 0
                  ? {
                      name: 'cancelGoLive',
                      args: { customerId: 'cust-1', id: booked[step.pick % booked.length]?.id },
                    }
                  : null;
            if (!args) return;
            const outcome = runMutation(
              { name: args.name, version: 1, args: args.args },
              () => book,
              context,
            );
            if (!outcome.ok) {
              expect(['go-live-overlap', 'go-live-window']).toContain(outcome.rejection.code);
              return;
            }
            for (const change of outcome.changes.put) {
              if (change.table !== 'goLiveBookings') continue;
              book = {
                ...book,
                goLiveBookings: [
                  ...book.goLiveBookings.filter((b) => b.id !== change.record.id),
                  change.record,
                ],
              };
            }
          });
          const booked = book.goLiveBookings.filter((booking) => booking.status === 'booked');
          for (let i = 0; i < booked.length; i += 1) {
            for (let j = i + 1; j < booked.length; j += 1) {
              expect(windowsOverlap(booked[i]!, booked[j]!)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
