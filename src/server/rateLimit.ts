// A token bucket per bearer token: `burst` requests at once, refilled at `perSecond`. Kept in
// memory per instance; behind a load balancer each instance allows its own share.
export type RateLimitOptions = { burst: number; perSecond: number };

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    /** Monotonic milliseconds. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes one request's token; when none is left, says how many seconds until there is one. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const refilled = Math.min(
      this.options.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond,
    );
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return { ok: false, retryAfterSeconds: Math.ceil((1 - refilled) / this.options.perSecond) };
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return { ok: true };
  }

  /** Buckets that have refilled completely carry no information: drop them. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond >= this.options.burst) {
        this.buckets.delete(key);
      }
    }
  }
}
