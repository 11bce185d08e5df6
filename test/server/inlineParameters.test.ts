import { describe, expect, it } from 'vitest';
import { inlineParameters } from '../../src/server/db/postgresDatabase';

describe('parameters inlined as SQL literals (a push’s write and its COMMIT in one message)', () => {
  it('quotes text, doubling quotes and backslashes, and writes numbers, booleans and null as they are', () => {
    expect(inlineParameters('SELECT $1, $2, $3, $4', ["it's", 42, true, null])).toBe(
      "SELECT 'it''s', 42, TRUE, NULL",
    );
    // Backslashes doubled inside an E'' literal (pg's escapeLiteral puts a space before the E).
    expect(inlineParameters('SELECT $1::jsonb', ['{"a":"b\\\\c"}'])).toBe(
      `SELECT  E'{"a":"b\\\\\\\\c"}'::jsonb`,
    );
  });

  it('replaces $10 as the tenth parameter, not the first followed by 0, and leaves the values unscanned', () => {
    const params = ['$2', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'ten'];
    expect(inlineParameters('SELECT $10, $1', params)).toBe("SELECT 'ten', '$2'");
  });

  it('refuses a placeholder without its parameter, and a number that is no SQL number', () => {
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/no parameter \$2/);
    expect(() => inlineParameters('SELECT $1', [Number.NaN])).toThrow(TypeError);
  });
});
