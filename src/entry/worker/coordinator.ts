/**
 * @module
 * What must hold across every isolate of the Worker, in a Durable Object: the one-question-
 * at-a-time lock of each conversation and the rate limit of each client and route. One
 * object per key (`lock:<conversation>`, `limit:<route> <client>`), so they scale with the
 * number of keys and each sits near its first caller. State lives in the object's memory:
 * an object is evicted only after it has been idle for a while, and by then a lock has been
 * released (or expired) and a limited client has its whole burst back (GCRA refills the
 * burst in burst × 60 / perMinute seconds: 24 s at the defaults), so eviction loses nothing
 * a caller could see.
 */
import type { ConversationLocks } from '../../conversation/locks.ts';
import { createMemoryRateLimiter, type RateDecision, type RateLimiter } from '../../http/rate-limit.ts';
import type { Logger } from '../../logger.ts';
import type { DurableObjectNamespaceLike } from './bindings.ts';

type Command = { op: 'acquire'; key: string; ttlMs: number } | { op: 'release'; key: string } | { op: 'take'; key: string; perMinute: number; burst: number };

/** The Durable Object class (exported by the Worker's main module under this name). */
export class Coordinator {
  /** Lock key → when it expires (ms): a holder that died cannot hold it for ever. */
  private readonly held = new Map<string, number>();
  private readonly limiters = new Map<string, RateLimiter>();

  async fetch(request: Request): Promise<Response> {
    const command = (await request.json()) as Command;
    return Response.json(await this.run(command));
  }

  private async run(command: Command): Promise<{ ok: boolean } | RateDecision> {
    const now = Date.now();
    if (command.op === 'acquire') {
      if ((this.held.get(command.key) ?? 0) > now) return { ok: false };
      this.held.set(command.key, now + command.ttlMs);
      return { ok: true };
    }
    if (command.op === 'release') return { ok: this.held.delete(command.key) };
    const settings = `${command.perMinute}/${command.burst}`;
    let limiter = this.limiters.get(settings);
    if (!limiter) this.limiters.set(settings, (limiter = createMemoryRateLimiter({ perMinute: command.perMinute, burst: command.burst })));
    return limiter.take(command.key);
  }
}

async function call<T>(namespace: DurableObjectNamespaceLike, name: string, command: Command): Promise<T> {
  const response = await namespace.get(namespace.idFromName(name)).fetch('https://coordinator.internal/', { method: 'POST', body: JSON.stringify(command) });
  if (!response.ok) throw new Error(`the coordinator answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Conversation locks held in the coordinator for at most `ttlMs` (longer than any answer,
 * an LLM's included). If the coordinator cannot be reached the question is let through:
 * an answer is worth more than the rare interleaving the lock prevents.
 */
export function createCoordinatorLocks(namespace: DurableObjectNamespaceLike, ttlMs: number, logger: Logger): ConversationLocks {
  return {
    async acquire(id) {
      try {
        return (await call<{ ok: boolean }>(namespace, `lock:${id}`, { op: 'acquire', key: id, ttlMs })).ok;
      } catch (error) {
        logger.warn('the conversation lock could not be taken; answering without it', { error });
        return true;
      }
    },
    async release(id) {
      try {
        await call(namespace, `lock:${id}`, { op: 'release', key: id });
      } catch (error) {
        logger.warn('the conversation lock could not be released; it expires by itself', { error });
      }
    },
  };
}

/** How long a refused caller is asked to wait when the coordinator cannot be reached. */
export const UNREACHABLE_RETRY_SECONDS = 30;

export interface CoordinatorLimiterOptions {
  /** The object name's prefix: one budget per prefix and key. */
  prefix?: string;
  /**
   * When the coordinator cannot be reached: `open` lets the request through (citizens' questions:
   * an answer is worth more than a limit missed for a moment), `closed` refuses it with
   * `unavailable` (staff login: a limit that lapses whenever the object is down would let
   * passwords be guessed at full speed).
   */
  fail?: 'open' | 'closed';
}

/** A GCRA limit per key in the coordinator; when it cannot be reached, allowed or refused as `fail` says (logged). */
export function createCoordinatorLimiter(namespace: DurableObjectNamespaceLike, settings: { perMinute: number; burst: number }, logger: Logger, options: CoordinatorLimiterOptions = {}): RateLimiter {
  const prefix = options.prefix ?? 'limit';
  const failClosed = options.fail === 'closed';
  return {
    async take(key) {
      try {
        return await call<RateDecision>(namespace, `${prefix}:${key}`, { op: 'take', key, ...settings });
      } catch (error) {
        if (failClosed) {
          logger.error('the rate limit could not be checked; refusing the request', { limit: prefix, error });
          return { allowed: false, retryAfterSeconds: UNREACHABLE_RETRY_SECONDS, unavailable: true };
        }
        logger.warn('the rate limit could not be checked; letting the request through', { limit: prefix, error });
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
  };
}
