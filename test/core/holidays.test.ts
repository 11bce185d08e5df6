import { describe, expect, it } from 'vitest';
import { holidayRulesKnown, isPublicHoliday, publicHolidays } from '../../src/core/holidays';
import { isoWeekday } from '../../src/core/time';

describe('public holidays of Switzerland / canton St. Gallen', () => {
  const sg2026 = [...publicHolidays('CH', 'SG', 2026)].sort();

  it('2026 on weekdays are exactly Neujahr, Karfreitag, Ostermontag, Auffahrt, Pfingstmontag and Weihnachtstag', () => {
    expect(sg2026.filter((date) => isoWeekday(date) <= 5)).toEqual([
      '2026-01-01', // Neujahr (Thu)
      '2026-04-03', // Karfreitag
      '2026-04-06', // Ostermontag
      '2026-05-14', // Auffahrt
      '2026-05-25', // Pfingstmontag
      '2026-12-25', // Weihnachtstag (Fri)
    ]);
  });

  it('2026 holds the full St. Gallen list, with the Sunday holidays date-holidays also names public', () => {
    expect(sg2026).toEqual([
      '2026-01-01', // Neujahr
      '2026-04-03', // Karfreitag
      '2026-04-05', // Ostersonntag (Sunday)
      '2026-04-06', // Ostermontag
      '2026-05-14', // Auffahrt
      '2026-05-24', // Pfingstsonntag (Sunday)
      '2026-05-25', // Pfingstmontag
      '2026-08-01', // Bundesfeiertag (Saturday)
      '2026-09-20', // Eidg. Dank-, Buss- und Bettag (Sunday)
      '2026-11-01', // Allerheiligen (Sunday)
      '2026-12-25', // Weihnachtstag
      '2026-12-26', // Stephanstag (Saturday)
    ]);
  });

  it('Berchtoldstag (2 January) is not a public holiday in St. Gallen', () => {
    expect(isPublicHoliday('CH', 'SG', '2026-01-02')).toBe(false);
    expect(isPublicHoliday('CH', 'SG', '2027-01-02')).toBe(false);
  });

  it('Allerheiligen is a St. Gallen holiday, not a Swiss one', () => {
    expect(isPublicHoliday('CH', 'SG', '2027-11-01')).toBe(true);
    expect(isPublicHoliday('CH', null, '2027-11-01')).toBe(false);
  });

  it('Easter moves with the year: Karfreitag 2027 is 26 March', () => {
    expect(isPublicHoliday('CH', 'SG', '2027-03-26')).toBe(true);
    expect(isPublicHoliday('CH', 'SG', '2027-04-03')).toBe(false);
  });
});

describe('public holidays elsewhere', () => {
  it('only public holidays count: Brazil’s Carnaval (a bank holiday) does not, Tiradentes does', () => {
    expect(isPublicHoliday('BR', null, '2018-02-13')).toBe(false);
    expect(isPublicHoliday('BR', null, '2018-04-21')).toBe(true);
  });

  it('a US holiday observed on the Friday counts on that Friday (Independence Day 2026)', () => {
    expect(isPublicHoliday('US', null, '2026-07-03')).toBe(true);
    expect(isPublicHoliday('US', null, '2026-07-04')).toBe(true);
  });

  it('a holiday of several days takes out each of its days (Eid al-Adha 2026 in the UAE)', () => {
    const days = ['2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30'].filter((date) =>
      isPublicHoliday('AE', null, date),
    );
    expect(days).toEqual(['2026-05-27', '2026-05-28', '2026-05-29']);
  });

  it('an unknown country has no holidays, and says so', () => {
    expect(publicHolidays('XX', null, 2026).size).toBe(0);
    expect(holidayRulesKnown('XX', null)).toBe(false);
    expect(holidayRulesKnown('CH', 'SG')).toBe(true);
    expect(holidayRulesKnown('CH', 'ZZ')).toBe(false);
  });

  it('the same place and year is computed once and shared', () => {
    expect(publicHolidays('CH', 'SG', 2026)).toBe(publicHolidays('CH', 'SG', 2026));
  });
});
