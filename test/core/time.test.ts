import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMinutes,
  instantSchema,
  isoDateSchema,
  localDateOf,
  localToInstant,
  weekStartOf,
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
