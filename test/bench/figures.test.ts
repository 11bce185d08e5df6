import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { againstBaseline, percentile, printTable, rowFrom } from '../../bench/figures';

describe('bench figures', () => {
  it('a time twice its baseline reads 2x, and so does a rate half its baseline', () => {
    const baselineMs = rowFrom('baseline: empty page', [50, 50, 50], 'ms');
    expect(againstBaseline(rowFrom('start', [100, 100, 100], 'ms'), baselineMs).ratio).toBe(2);
    const baselineRate = rowFrom('baseline: raw insert', [4000, 4000], 'mut/s');
    expect(againstBaseline(rowFrom('push', [2000, 2000], 'mut/s'), baselineRate).ratio).toBe(2);
  });

  it('a figure is not compared with a baseline in another unit', () => {
    expect(() => againstBaseline(rowFrom('a', [1], 'ms'), rowFrom('b', [1], 'mut/s'))).toThrow(
      /cannot be compared/,
    );
  });

  it('a time goal is judged on the p95, a throughput goal on the median', () => {
    const slowTail = rowFrom('recompute', [90, 90, 90, 90, 90, 90, 90, 90, 90, 130], 'ms', { atMost: 100 });
    expect(slowTail.median).toBe(90);
    expect(slowTail.pass).toBe(false);
    expect(rowFrom('push', [1900, 2100, 2200], 'mut/s', { atLeast: 2000 }).pass).toBe(true);
  });

  it('a percentile is one of the samples, and the median lies between the smallest and the p95', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (samples) => {
        const median = percentile(samples, 0.5);
        const p95 = percentile(samples, 0.95);
        expect(samples).toContain(median);
        expect(samples).toContain(p95);
        expect(median).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(p95).toBeGreaterThanOrEqual(median);
      }),
    );
  });

  it('the table prints the ratio and names the baseline it was taken against', () => {
    const baseline = rowFrom('baseline: raw insert', [4000], 'mut/s');
    const table = printTable([againstBaseline(rowFrom('push', [1000], 'mut/s'), baseline), baseline]);
    expect(table).toContain('4.00x');
    expect(table).toContain('push: x baseline = against "baseline: raw insert"');
  });
});
