import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rateLimit';

function limiterAt(options: { burst: number; perSecond: number }) {
  let now = 0;
  const limiter = new RateLimiter(options, () => now);
  return {
    limiter,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the rate limit per token', () => {
  it('a burst is allowed at once, the next request is told when to come back', () => {
    const { limiter } = limiterAt({ burst: 3, perSecond: 1 });
    expect([1, 2, 3].map(() => limiter.take('t').ok)).toEqual([true, true, true]);
    expect(limiter.take('t')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('tokens come back at the refill rate', () => {
    const { limiter, advance } = limiterAt({ burst: 2, perSecond: 4 });
    limiter.take('t');
    limiter.take('t');
    expect(limiter.take('t').ok).toBe(false);
    advance(250);
    expect(limiter.take('t').ok).toBe(true);
    expect(limiter.take('t').ok).toBe(false);
  });

  it('one busy token does not slow another down', () => {
    const { limiter } = limiterAt({ burst: 1, perSecond: 1 });
    expect(limiter.take('busy').ok).toBe(true);
    expect(limiter.take('busy').ok).toBe(false);
    expect(limiter.take('calm').ok).toBe(true);
  });

  it('over any stretch of time, no more than the burst plus the refill is admitted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }),
        (burst, perSecond, gaps) => {
          const { limiter, advance } = limiterAt({ burst, perSecond });
          let admitted = 0;
          let elapsed = 0;
          for (const gap of gaps) {
            advance(gap);
            elapsed += gap;
            if (limiter.take('t').ok) admitted += 1;
          }
          expect(admitted).toBeLessThanOrEqual(burst + Math.floor((elapsed / 1000) * perSecond) + 1);
        },
      ),
    );
  });
});
