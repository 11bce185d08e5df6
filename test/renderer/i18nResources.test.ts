import { describe, expect, it } from 'vitest';
import de from '../../src/renderer/src/i18n/de.json';
import en from '../../src/renderer/src/i18n/en.json';
import { languageFromBrowser } from '../../src/renderer/src/i18n/languages';
import {
  formatDate,
  formatDuration,
  formatNumber,
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
