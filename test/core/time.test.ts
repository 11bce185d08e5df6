import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumberOf,
  daysBetween,
  formatMinutes,
  instantMillis,
  instantSchema,
  isoDateOfDayNumber,
  isoDateSchema,
  isoWeekday,
  localDateAt,
  localDateOf,
  localDayNumber,
  localToInstant,
  strictDayNumber,
  strictInstantMillis,
  toInstant,
  weekStartOf,
  zoneSchema,
} from '../../src/core/time';

describe('time vocabulary', () => {
  it('an instant with an offset is stored as UTC', () => {
    expect(instantSchema.parse('2026-03-30T09:00:00+02:00')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('an instant without a zone is refused: it would mean different times on different laptops', () => {
    expect(instantSchema.safeParse('2026-03-30T09:00:00').success).toBe(false);
  });

  it('30 February is not a date', () => {
    expect(isoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(isoDateSchema.safeParse('2028-02-29').success).toBe(true);
  });

  it('09:00 in Zurich is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(localToInstant('2026-03-27', '09:00', 'Europe/Zurich')).toEqual({
      ok: true,
      instant: '2026-03-27T08:00:00.000Z',
    });
    expect(localToInstant('2026-03-30', '09:00', 'Europe/Zurich')).toEqual({
      ok: true,
      instant: '2026-03-30T07:00:00.000Z',
    });
  });

  it('02:30 on 29 March 2026 does not exist in Zurich and is refused', () => {
    const result = localToInstant('2026-03-29', '02:30', 'Europe/Zurich');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('nonexistent');
  });

  it('02:30 on 25 October 2026 happens twice in Zurich; the first is taken', () => {
    expect(localToInstant('2026-10-25', '02:30', 'Europe/Zurich')).toEqual({
      ok: true,
      instant: '2026-10-25T00:30:00.000Z',
    });
  });

  it('the week of a Sunday starts on the Monday before it', () => {
    expect(weekStartOf('2026-11-22')).toBe('2026-11-16');
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23');
  });

  it('spans read as hours and minutes', () => {
    expect(formatMinutes(41 * 60 + 5)).toBe('41 h 5 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(15)).toBe('15 min');
  });

  it('a local time that exists converts to an instant on the same local date and time (property)', () => {
    const zones = [
      'Europe/Zurich',
      'America/New_York',
      'America/Sao_Paulo',
      'Asia/Singapore',
      'Australia/Sydney',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (day, hour, minute, zone) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const result = localToInstant(date, time, zone);
          if (!result.ok) return;
          expect(localDateOf(result.instant, zone)).toBe(date);
        },
      ),
    );
  });
});

// The hand-written readers and writers of instants and dates must give Date's (and luxon's)
// answers exactly, for the stored shape and for anything else a caller might pass.
describe('instants and dates read and written by hand agree with Date', () => {
  const DAY = 86_400_000;
  /** Any moment of years 0000-9999, also fractional milliseconds. */
  const anyMillis = fc.oneof(
    fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
    fc.double({ min: -62_167_219_200_000, max: 253_402_300_799_999, noNaN: true }),
    fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
  );
  /** Text shaped like a stored instant, with any character swapped in somewhere. */
  const nearInstant = fc
    .tuple(
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
      fc.nat({ max: 23 }),
      fc.constantFrom('0', '9', '3', '4', '6', '1', '2', ':', '-', 'T', 'Z', 'x', ' ', '+', '.'),
      fc.boolean(),
    )
    .map(([millis, at, character, swap]) => {
      const text = new Date(millis).toISOString();
      return swap ? `${text.slice(0, at)}${character}${text.slice(at + 1)}` : text;
    });
  /** Text shaped like a date, real or not (30 February, month 13, day 00, letters). */
  const nearDate = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 0, max: 33 }),
      fc.constantFrom('', 'x', 'T00:00', ' '),
    )
    .map(
      ([year, month, day, tail]) =>
        `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}${tail}`,
    );
  const zones = [
    'Europe/Zurich',
    'America/Sao_Paulo',
    'America/New_York',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Apia',
    'Africa/Casablanca',
  ];

  it('an instant is written exactly as Date writes it (property)', () => {
    fc.assert(
      fc.property(anyMillis, (millis) => {
        expect(toInstant(millis)).toBe(new Date(millis).toISOString());
      }),
      { numRuns: 2000 },
    );
    expect(() => toInstant(Number.NaN)).toThrow(RangeError);
    expect(toInstant(-1)).toBe('1969-12-31T23:59:59.999Z');
  });

  it('an instant, well formed or not, reads as the moment Date reads (property)', () => {
    fc.assert(
      fc.property(nearInstant, (text) => {
        expect(instantMillis(text)).toBe(Date.parse(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['2026-02-29T10:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-03-29T01:30:00Z', '']) {
      expect(instantMillis(text)).toBe(Date.parse(text));
    }
  });

  it('instants in the stored shape compare as numbers the way they compare as text (property)', () => {
    fc.assert(
      fc.property(anyMillis, anyMillis, (a, b) => {
        const x = toInstant(a);
        const y = toInstant(b);
        expect(Math.sign(strictInstantMillis(x) - strictInstantMillis(y))).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
    expect(strictInstantMillis('2026-02-30T00:00:00.000Z')).toBeNaN();
    expect(strictInstantMillis('2026-01-01T09:00:00Z')).toBeNaN();
  });

  it('day numbers, day arithmetic and weekdays agree with Date, for any date text (property)', () => {
    fc.assert(
      fc.property(nearDate, nearDate, fc.integer({ min: -800, max: 800 }), (date, other, days) => {
        const parsed = Date.parse(`${date}T00:00:00Z`);
        expect(dayNumberOf(date)).toBe(Math.round(parsed / DAY));
        expect(daysBetween(date, other)).toBe(Math.round((Date.parse(`${other}T00:00:00Z`) - parsed) / DAY));
        const shifted = new Date(parsed + days * DAY);
        if (Number.isNaN(shifted.getTime())) expect(() => addDays(date, days)).toThrow(RangeError);
        else expect(addDays(date, days)).toBe(shifted.toISOString().slice(0, 10));
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect(isoWeekday(date)).toBe(weekday === 0 ? 7 : weekday);
        const strict = strictDayNumber(date);
        if (!Number.isNaN(strict)) expect(isoDateOfDayNumber(strict)).toBe(date);
      }),
      { numRuns: 3000 },
    );
  });

  it('a day number names the date Date names for that day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (day) => {
        expect(isoDateOfDayNumber(day)).toBe(new Date(day * DAY).toISOString().slice(0, 10));
      }),
      { numRuns: 3000 },
    );
  });

  it('the local date of an instant is the one luxon gives, in zones with odd offsets and changes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (millis, zone) => {
          const instant = new Date(millis).toISOString();
          const date = DateTime.fromMillis(millis, { zone }).toISODate();
          expect(localDateOf(instant, zone)).toBe(date);
          expect(localDateAt(millis, zone)).toBe(date);
          expect(isoDateOfDayNumber(localDayNumber(instant, zone))).toBe(date);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a local date on the very day the clocks change is still luxon’s', () => {
    // Around the 2026 changes in Zurich, New York and Lord Howe, every 10 minutes.
    const starts = [Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 3, 4, 0)];
    for (const [index, zone] of ['Europe/Zurich', 'America/New_York', 'Australia/Lord_Howe'].entries()) {
      const start = starts[index] as number;
      for (let millis = start; millis < start + 2 * DAY; millis += 10 * 60_000) {
        const instant = new Date(millis).toISOString();
        expect(localDateOf(instant, zone)).toBe(DateTime.fromMillis(millis, { zone }).toISODate());
      }
    }
  });

  it('a zone is recognised again after it was checked once, and a wrong one never is', () => {
    expect(zoneSchema.safeParse('Europe/Zurich').success).toBe(true);
    expect(zoneSchema.safeParse('Europe/Zurich').success).toBe(true);
    expect(zoneSchema.safeParse('Europe/Zurichh').success).toBe(false);
    expect(zoneSchema.safeParse('Europe/Zurichh').success).toBe(false);
  });
});
