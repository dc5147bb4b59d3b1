import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './rate-limit.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createMemoryRateLimiter (GCRA)', () => {
  it('lets a client send its burst at once, then refuses with the seconds until the next request', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ perMinute: 20, burst: 5, now: c.now });
    for (let i = 0; i < 5; i++) expect((await limiter.take('a')).allowed).toBe(true);
    const refused = await limiter.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 3 });
  });

  it('allows the steady rate after the burst: one request per 60/perMinute seconds', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ perMinute: 20, burst: 5, now: c.now });
    for (let i = 0; i < 5; i++) await limiter.take('a');
    c.advance(2_999);
    expect((await limiter.take('a')).allowed).toBe(false);
    c.advance(1);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('never allows more than perMinute + burst in a minute, however requests are spread', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ perMinute: 20, burst: 5, now: c.now });
    let allowed = 0;
    for (let ms = 0; ms < 60_000; ms += 250) {
      if ((await limiter.take('a')).allowed) allowed++;
      c.advance(250);
    }
    expect(allowed).toBeLessThanOrEqual(25);
    expect(allowed).toBeGreaterThanOrEqual(20);
  });

  it('serves the client fully again once the window has passed', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ perMinute: 20, burst: 5, now: c.now });
    for (let i = 0; i < 30; i++) await limiter.take('a');
    c.advance(60_000);
    for (let i = 0; i < 5; i++) expect((await limiter.take('a')).allowed).toBe(true);
  });

  it('keeps each client to its own budget', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, burst: 1, now: clock().now });
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
    expect((await limiter.take('b')).allowed).toBe(true);
  });

  it('remembers at most maxClients, forgetting the least recently seen', async () => {
    const c = clock();
    const limiter = createMemoryRateLimiter({ perMinute: 1, burst: 1, maxClients: 1_000, now: c.now });
    for (let i = 0; i < 50_000; i++) await limiter.take(`client-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(1_000);
    // The most recent client is still limited; the first was forgotten and starts afresh.
    expect((await limiter.take('client-49999')).allowed).toBe(false);
    expect((await limiter.take('client-0')).allowed).toBe(true);
  });
});
