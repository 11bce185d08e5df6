import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableTextAt } from '../../src/server/storableText';

describe('text the team server can store', () => {
  it('refuses NUL and half surrogate pairs, keeps whole pairs and other odd text', () => {
    expect(isStorableText('nul\u0000inside')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
    expect(isStorableText('a\udfffb')).toBe(false);
    expect(isStorableText('\udfff\ud800')).toBe(false);
    expect(isStorableText('👩🏽‍💻 \u202e e\u0301 \ufeff')).toBe(true);
  });

  it('names the path of the first text it cannot store, in values and keys', () => {
    expect(unstorableTextAt({ customer: { id: 'c-1', notes: ['ok', 'bad\u0000'] } })).toBe(
      'customer.notes.1',
    );
    expect(unstorableTextAt({ patch: { ['\ud800']: 1 } })).toBe('patch');
    expect(unstorableTextAt({ customer: { id: 'c-1', name: 'Zürich AG 🇨🇭' } })).toBeNull();
  });

  it('walks arguments nested deeper than the call stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(unstorableTextAt(deep)).toMatch(/^0(\.0)+$/);
  });
});
