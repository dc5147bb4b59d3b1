/**
 * @module
 * Per-client rate limits for the citizen routes. The in-memory limiter is GCRA (the
 * generic cell rate algorithm): a sliding window of `perMinute` requests that also lets a
 * client send `burst` at once — one timestamp per client, so memory stays bounded under
 * many distinct clients (`maxClients`, least recently seen evicted first). The interface is
 * async so the Workers runtime can back it with a Durable Object or D1 later.
 */
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /**
   * Refused because the limit could not be checked (its store unreachable), not because the
   * client is over it: a limiter that fails closed (staff login on Workers) says so.
   */
  unavailable?: true;
}

export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

export interface MemoryRateLimitOptions {
  perMinute: number;
  burst: number;
  /** Clients remembered at most; the least recently seen are forgotten first. */
  maxClients?: number;
  now?: () => number;
}

export function createMemoryRateLimiter(options: MemoryRateLimitOptions): RateLimiter & { size(): number } {
  const interval = 60_000 / options.perMinute;
  // A client may be up to this far ahead of the steady rate: `burst` requests at once.
  const tolerance = interval * Math.max(0, options.burst - 1);
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? (() => Date.now());
  /** Theoretical arrival time of each client's next request; insertion order = least recently seen first. */
  const arrivals = new Map<string, number>();

  const forgetLeastRecent = () => {
    for (const key of arrivals.keys()) {
      if (arrivals.size < maxClients) break;
      arrivals.delete(key);
    }
  };

  return {
    async take(key) {
      const at = now();
      const tat = Math.max(arrivals.get(key) ?? at, at);
      if (tat - at > tolerance) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((tat - at - tolerance) / 1000)) };
      }
      arrivals.delete(key);
      if (arrivals.size >= maxClients) forgetLeastRecent();
      arrivals.set(key, tat + interval);
      return { allowed: true, retryAfterSeconds: 0 };
    },
    size: () => arrivals.size,
  };
}

/** A middleware refusing a client over its limit with 429 `rate_limited` and Retry-After; each route has its own budget. */
export function rateLimitMiddleware(limiter: RateLimiter, clientKey: (c: Context) => string, onLimited: (route: string) => void) {
  return async (c: Context, next: () => Promise<void>) => {
    const route = c.req.routePath;
    const decision = await limiter.take(`${route} ${clientKey(c)}`);
    if (!decision.allowed) {
      onLimited(route);
      throw new AppError('rate_limited', `Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${decision.retryAfterSeconds} giây.`, decision.retryAfterSeconds);
    }
    await next();
  };
}
