import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutationNames } from '../../src/core/mutations';
import type { RejectionCode } from '../../src/core/rejection';
import { formatMinutes } from '../../src/core/time';
import { refusalSentence, ruleHeadline } from '../../src/renderer/src/attention/ruleInWords';
import { flagLabel, flagSentence } from '../../src/renderer/src/customers/flagWords';
import { translatorFor } from '../../src/renderer/src/i18n/resources';
import { changeInWords } from '../../src/renderer/src/i18n/useRuleWords';
import de from '../../src/renderer/src/i18n/de.json';
import en from '../../src/renderer/src/i18n/en.json';
import { languageFromBrowser } from '../../src/renderer/src/i18n/languages';
import {
  formatDate,
  formatDuration,
  formatNumber,
  formatListInstant,
  formatShortInstant,
  setDisplayLanguage,
} from '../../src/renderer/src/time/zonedFormat';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

const english = leaves(en);
const german = leaves(de);

describe('the English and German resources', () => {
  it('have the same keys', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('fill in the same values in each sentence', () => {
    const differing = [...english].filter(
      ([key, text]) =>
        JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(german.get(key) ?? '')),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('leave no sentence empty', () => {
    const empty = [...english, ...german].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

describe('the language a first start speaks', () => {
  it("follows the browser's first language the console knows, else English", () => {
    expect(languageFromBrowser(['de-CH', 'en-US'])).toBe('de');
    expect(languageFromBrowser(['fr-FR', 'de-DE'])).toBe('de');
    expect(languageFromBrowser(['fr-FR', 'it-IT'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});

describe('dates, times and numbers by the chosen language', () => {
  it('read in English and in German, always in the zone asked for', () => {
    const instant = '2026-04-14T08:00:00.000Z';
    try {
      setDisplayLanguage('en');
      expect(formatShortInstant(instant, 'Europe/Zurich')).toBe('Tue 14 Apr, 10:00');
      expect(formatDate('2026-03-05')).toBe('5 Mar 2026');
      expect(formatNumber(1234.5)).toBe('1,234.5');
      expect(formatDuration(2 * 24 * 60 + 75)).toBe('2 d 1 h 15 min');
      setDisplayLanguage('de');
      // ICU versions differ on the abbreviation dot ("Di" or "Di."); the order and the clock do not.
      expect(formatShortInstant(instant, 'Europe/Zurich')).toMatch(/^Di\.? 14\. Apr\.?, 10:00$/);
      expect(formatShortInstant(instant, 'America/Sao_Paulo')).toMatch(/^Di\.? 14\. Apr\.?, 05:00$/);
      expect(formatDate('2026-03-05')).toMatch(/^5\. Mär(z|\.)? 2026$/);
      expect(formatNumber(1234.5)).toBe('1.234,5');
      expect(formatDuration(2 * 24 * 60 + 75)).toBe('2 T 1 h 15 min');
    } finally {
      setDisplayLanguage('en');
    }
  });
});

describe('a Go Live window in a list', () => {
  it('shows its year when it is past or in another year, not when it is ahead this year', () => {
    const now = '2026-12-07T12:00:00.000Z';
    expect(formatListInstant('2026-12-09T09:00:00.000Z', 'Europe/Zurich', now)).toBe('Wed 9 Dec, 10:00');
    expect(formatListInstant('2026-11-30T09:00:00.000Z', 'Europe/Zurich', now)).toBe(
      'Mon 30 Nov 2026, 10:00',
    );
    expect(formatListInstant('2027-01-12T09:00:00.000Z', 'Europe/Zurich', now)).toBe(
      'Tue 12 Jan 2027, 10:00',
    );
    expect(formatListInstant('2025-12-09T09:00:00.000Z', 'Europe/Zurich', now)).toBe('Tue 9 Dec 2025, 10:00');
  });
});

describe('refusals, changes and flags in German', () => {
  const inGerman = translatorFor('de');
  const inEnglish = translatorFor('en');
  // Words only English uses: a German sentence carrying one is a leftover.
  const englishOnly =
    /\b(the|and|of|left|used|reserved|included|bought|notice|needs|given|year|book|pick|another)\b/i;

  it('every mutation the core knows has a name in both languages', () => {
    const missing = mutationNames.filter(
      (name) => !english.has(`changes.names.${name}`) || !german.has(`changes.names.${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('every rejection code has a rule name or its own headline, in both languages', () => {
    const codes = [
      'unknown-mutation',
      'not-found',
      'already-exists',
      'forbidden',
      'invalid-transition',
      'outside-contract',
      'not-in-plan',
      'go-live-overlap',
      'reservation-invalid',
      'schedule-conflict',
    ] satisfies RejectionCode[];
    for (const code of codes) {
      const refusal = { code, message: 'English from the core.' };
      expect(ruleHeadline(inGerman, 'requestGoLive', refusal)).not.toBe(
        ruleHeadline(inEnglish, 'requestGoLive', refusal),
      );
      expect(refusalSentence(inGerman, 'de', refusal)).not.toMatch(englishOnly);
    }
    // A bad value's detail comes from the input schema, in English, behind the German words.
    const invalid = {
      code: 'invalid-input',
      field: 'contact.phones.0',
      message: 'contact.phones.0: must be E.164',
    };
    expect(refusalSentence(inGerman, 'de', invalid)).toBe('Ungültig: must be E.164');
    expect(ruleHeadline(inGerman, 'createContact', invalid)).toBe('Ungültige Eingabe');
  });

  it('an exhausted allowance reads in German with every figure the rule decided on', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'requestGoLive',
          'requestBestPracticesReview',
          'scheduleTraining',
          'addCustomConfiguration',
        ),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (mutation, contractYear, included, addOn, reserved) => {
          const used = included + addOn - reserved;
          fc.pre(used >= 0);
          const refusal = {
            code: 'allowance-exhausted',
            message: 'No … left (English from the core).',
            numbers: { contractYear, included, addOn, used, reserved, remaining: 0 },
          };
          const headline = ruleHeadline(inGerman, mutation, refusal);
          const sentence = refusalSentence(inGerman, 'de', refusal, mutation);
          expect(headline).toContain(`${used} von ${included + addOn} genutzt`);
          expect(headline).toContain(`Vertragsjahr ${contractYear}`);
          expect(sentence).toContain(
            `(${included} inklusive + ${addOn} zugekauft, ${used} genutzt, ${reserved} reserviert)`,
          );
          expect(`${headline} ${sentence}`).not.toMatch(englishOnly);
          // English keeps the core's own sentence.
          expect(refusalSentence(inEnglish, 'en', refusal, mutation)).toBe(refusal.message);
        },
      ),
    );
  });

  it('short notice reads in German with the notice given and the 72 h needed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 72 * 60 - 1 }), (noticeMinutes) => {
        const refusal = {
          code: 'go-live-notice',
          message: '…',
          numbers: { requiredHours: 72, noticeMinutes },
        };
        const sentence = refusalSentence(inGerman, 'de', refusal);
        expect(sentence).toMatch(/^Ein Go Live braucht 72 h Vorlauf; /);
        if (noticeMinutes > 0) expect(sentence).toContain(formatMinutes(noticeMinutes));
        else expect(sentence).toContain('beginnt vor der Anfrage');
      }),
    );
  });

  it('a change reads in German from its mutation and its title, not from the English summary', () => {
    const line = changeInWords(inGerman, 'de', {
      name: 'requestGoLive',
      args: { title: 'Produktivstart', acceptBillable: true },
      summary: 'Booked Go Live "Produktivstart" …',
    });
    expect(line).toBe('Go Live gebucht: Produktivstart (kostenpflichtig)');
    expect(
      changeInWords(inEnglish, 'en', { name: 'requestGoLive', args: {}, summary: 'Booked Go Live "X"' }),
    ).toBe('Booked Go Live "X"');
  });

  it('a flag reads in each language, with its count in the right plural', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (count) => {
        const flag = { key: 'objectives', reason: 'late', count, color: 'red' } as const;
        expect(flagLabel(inGerman, flag)).toBe(`${count} verspätet`);
        expect(flagSentence(inGerman, flag)).toBe(
          count === 1
            ? '1 Reaktionsziel ist verfehlt und noch unbeantwortet'
            : `${count} Reaktionsziele sind verfehlt und noch unbeantwortet`,
        );
        expect(flagSentence(inEnglish, flag)).toMatch(
          count === 1 ? /objective is missed/ : /objectives are missed/,
        );
      }),
    );
  });
});
