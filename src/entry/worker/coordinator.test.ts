import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import type { DurableObjectNamespaceLike } from './bindings.ts';
import { Coordinator, createCoordinatorLimiter, createCoordinatorLocks, UNREACHABLE_RETRY_SECONDS } from './coordinator.ts';

/** One Coordinator object per name, as the platform keeps them. */
function fakeNamespace(): DurableObjectNamespaceLike & { names: string[] } {
  const objects = new Map<string, Coordinator>();
  const names: string[] = [];
  return {
    names,
    idFromName: (name) => name,
    get: (id) => ({
      fetch: async (input, init) => {
        const name = id as string;
        names.push(name);
        if (!objects.has(name)) objects.set(name, new Coordinator());
        return (objects.get(name) as Coordinator).fetch(new Request(input, init));
      },
    }),
  };
}

const logger = createLogger('silent');

describe('the coordinator (a Durable Object per key)', () => {
  it('holds one question at a time per conversation, in an object of its own, until released', async () => {
    const ns = fakeNamespace();
    const locks = createCoordinatorLocks(ns, 60_000, logger);
    expect(await locks.acquire('c1')).toBe(true);
    expect(await locks.acquire('c1')).toBe(false);
    expect(await locks.acquire('c2')).toBe(true);
    await locks.release('c1');
    expect(await locks.acquire('c1')).toBe(true);
    expect(new Set(ns.names)).toEqual(new Set(['lock:c1', 'lock:c2']));
  });

  it('lets a lock whose holder died expire', async () => {
    const locks = createCoordinatorLocks(fakeNamespace(), 30, logger);
    expect(await locks.acquire('c')).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(await locks.acquire('c')).toBe(true);
  });

  it('limits each client and route with a burst, then tells when to come back', async () => {
    const limiter = createCoordinatorLimiter(fakeNamespace(), { perMinute: 6, burst: 2 }, logger);
    expect((await limiter.take('/api/chat 1.2.3.4')).allowed).toBe(true);
    expect((await limiter.take('/api/chat 1.2.3.4')).allowed).toBe(true);
    const third = await limiter.take('/api/chat 1.2.3.4');
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect((await limiter.take('/api/chat 5.6.7.8')).allowed).toBe(true);
  });

  it('answers rather than fails when the coordinator cannot be reached', async () => {
    const down: DurableObjectNamespaceLike = { idFromName: (n) => n, get: () => ({ fetch: () => Promise.reject(new Error('network')) }) };
    expect(await createCoordinatorLocks(down, 1000, logger).acquire('c')).toBe(true);
    await expect(createCoordinatorLocks(down, 1000, logger).release('c')).resolves.toBeUndefined();
    expect((await createCoordinatorLimiter(down, { perMinute: 1, burst: 1 }, logger).take('k')).allowed).toBe(true);
    expect((await createCoordinatorLimiter(down, { perMinute: 1, burst: 1 }, logger, { fail: 'open' }).take('k')).allowed).toBe(true);
  });

  it('refuses, saying the limit could not be checked, when it fails closed and the coordinator cannot be reached', async () => {
    const throwing: DurableObjectNamespaceLike = {
      idFromName: (n) => n,
      get: () => {
        throw new Error('Durable Object stub unavailable');
      },
    };
    const failing: DurableObjectNamespaceLike = { idFromName: (n) => n, get: () => ({ fetch: async () => new Response('overloaded', { status: 503 }) }) };
    for (const ns of [throwing, failing]) {
      const limiter = createCoordinatorLimiter(ns, { perMinute: 5, burst: 5 }, logger, { prefix: 'login-account', fail: 'closed' });
      expect(await limiter.take('login quantri')).toEqual({ allowed: false, retryAfterSeconds: UNREACHABLE_RETRY_SECONDS, unavailable: true });
    }
    // Reachable, a fail-closed limiter is an ordinary one.
    const reachable = createCoordinatorLimiter(fakeNamespace(), { perMinute: 5, burst: 1 }, logger, { fail: 'closed' });
    expect(await reachable.take('k')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await reachable.take('k')).toEqual({ allowed: false, retryAfterSeconds: 12 });
  });
});
