/**
 * @module
 * The rate limits of the citizen routes (docs/API.md, "Rate limits"): past its burst a client
 * gets 429 `rate_limited` with `Retry-After` and a Vietnamese message saying when to try
 * again; it is served again once that time has passed, other clients meanwhile; each route
 * has its own budget; a CORS preflight is never limited. Run on Node (test/api.limits.test.ts,
 * the in-memory limiter on a test clock) and in workerd (test/worker.contract.test.ts, the
 * Coordinator Durable Object on the real clock, clients told apart by `CF-Connecting-IP`).
 */
import { describe, expect, it } from 'vitest';
import { expectError, postJson } from '../helpers.ts';
import type { ContractTarget } from './target.ts';

export interface RateLimitedTarget {
  target: ContractTarget;
  /** The limits the target runs with (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST); the suite needs a burst of 3. */
  perMinute: number;
  burst: number;
  /** Headers that make a request come from the client named (each name its own client). */
  from(client: string): Record<string, string>;
  /** Lets `ms` pass for the limiter: its clock moved on Node, a real wait on the Worker (its Durable Object reads the real clock). */
  pass(ms: number): Promise<void>;
  /**
   * Whether the limiter's clock stands still between requests (Node's test clock): then the
   * first refusal's Retry-After is exactly one interval (60 / perMinute s). On a real clock
   * the requests before it took some time, so it may be a second less.
   */
  clockStandsStill: boolean;
}

export function describeRateLimitContract(limited: () => RateLimitedTarget): void {
  const chat = (client: string, message = 'NQ57 là gì?') => postJson(limited().target, '/api/chat', { message }, limited().from(client));

  describe('rate limits on /api/chat, /api/feedback and /api/conversations/{id}/messages', () => {
    it('answers 429 rate_limited with Retry-After and a Vietnamese message past the burst', async () => {
      expect(limited().burst).toBe(3);
      for (let i = 0; i < 3; i++) expect((await chat('a')).status).toBe(200);
      const res = await chat('a');
      const retryAfter = res.headers.get('retry-after') ?? '';
      const body = await expectError(res, 429, 'rate_limited');
      const interval = 60 / limited().perMinute;
      if (limited().clockStandsStill) expect(retryAfter).toBe(String(interval));
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(interval);
      expect(body.error.message).toMatch(new RegExp(`thử lại sau ${retryAfter} giây`));
    });

    it('serves the client again once the window has passed, and others meanwhile', async () => {
      expect((await chat('b')).status).toBe(200);
      const refused = await chat('a');
      expect(refused.status).toBe(429);
      await limited().pass(Number(refused.headers.get('retry-after')) * 1000);
      expect((await chat('a')).status).toBe(200);
      expect((await chat('a')).status).toBe(429);
    });

    it('gives feedback its own budget, and never limits a CORS preflight', async () => {
      const feedback = () => postJson(limited().target, '/api/feedback', { messageId: 'x', rating: 'up' }, limited().from('c'));
      for (let i = 0; i < 3; i++) expect((await feedback()).status).toBe(404);
      await expectError(await feedback(), 429, 'rate_limited');
      for (let i = 0; i < 10; i++) {
        const pre = await limited().target.request('/api/chat', { method: 'OPTIONS', headers: { origin: 'https://x.gov.vn', 'access-control-request-method': 'POST', ...limited().from('c') } });
        expect(pre.status).toBe(204);
      }
    });

    it('gives the messages of a conversation their own budget too', async () => {
      const poll = () => limited().target.request('/api/conversations/00000000-0000-7000-8000-000000000000/messages', { headers: limited().from('d') });
      for (let i = 0; i < 3; i++) await expectError(await poll(), 404, 'not_found');
      const res = await poll();
      expect(res.headers.get('retry-after') ?? '').toMatch(/^[1-9]\d*$/);
      await expectError(res, 429, 'rate_limited');
    });
  });
}
