// The cached zone-name formatter against luxon's own 'ZZZZ', which builds a new Intl formatter per call.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  setDisplayLanguage,
  zoneAbbreviation,
  zoneAbbreviationUncached,
} from '../../src/renderer/src/time/zonedFormat';

const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+3', 'Etc/GMT-14', 'utc'];

const instants = fc
  .integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2080-01-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());

afterEach(() => setDisplayLanguage('en'));

describe('zoneAbbreviation (cached formatter per locale and zone)', () => {
  it('rule: reads as luxon writes ZZZZ, for every zone, both languages, any instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        instants,
        fc.constantFrom('en', 'de'),
        (zone, instant, language) => {
          setDisplayLanguage(language as 'en' | 'de');
          expect(zoneAbbreviation(instant, zone)).toBe(zoneAbbreviationUncached(instant, zone));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('rule: the clocks changing is read on the right side of the change', () => {
    // Zurich: summer time ends 2026-10-25 01:00 UTC; Sao Paulo keeps one offset (GMT-3).
    expect(zoneAbbreviation('2026-10-25T00:59:00.000Z', 'Europe/Zurich')).toBe('GMT+2');
    expect(zoneAbbreviation('2026-10-25T01:00:00.000Z', 'Europe/Zurich')).toBe('GMT+1');
    expect(zoneAbbreviation('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation('2026-12-01T12:00:00.000Z', 'America/New_York')).toBe('EST');
    setDisplayLanguage('de');
    expect(zoneAbbreviation('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('MESZ');
  });

  it('rule: fixed offsets and a zone luxon does not know read as luxon writes them', () => {
    for (const zone of ['UTC', 'Etc/GMT+3', 'Not/AZone']) {
      expect(zoneAbbreviation('2026-07-01T12:00:00.000Z', zone)).toBe(
        zoneAbbreviationUncached('2026-07-01T12:00:00.000Z', zone),
      );
    }
  });
});
