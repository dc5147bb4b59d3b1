/**
 * @module
 * The HTTP contract suites (test/contract/) against the Worker in workerd with its local D1:
 * the same tests the Node app passes in memory. Two Worker instances, each started once: one
 * without a rate limit for the suites that send hundreds of questions from one address, one
 * with it on for the rate-limit suite (its limiter in the Coordinator Durable Object, clients
 * told apart by CF-Connecting-IP). What the Worker does differently by design
 * (docs/API.md, "On Cloudflare Workers") is asserted here beside them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { describeBusyConversationContract } from './contract/busy.ts';
import { describeChatContract } from './contract/chat.ts';
import { describeFeedbackContract } from './contract/feedback.ts';
import { describeRateLimitContract } from './contract/limits.ts';
import { describeMessagesContract } from './contract/messages.ts';
import { describeOperationsContract } from './contract/operations.ts';
import { describeStreamContract } from './contract/stream.ts';
import { captureLogger, expectError, postJson } from './helpers.ts';
import { holdConversation, seedStaffToken, startWorker, type LocalWorker } from './worker/harness.ts';

/** The rate-limited Worker's limits: a burst of 3 as on Node, and a 2 s interval, so the suite waits out a window in about 2 s of real time. */
const LIMITED = { perMinute: 30, burst: 3 };

let worker: LocalWorker;
let limited: LocalWorker;
beforeAll(async () => {
  [worker, limited] = await Promise.all([
    // No rate limit here: the suites send hundreds of questions from one address.
    startWorker({ RATE_LIMIT_PER_MINUTE: '0', SESSION_SECRET: 'c'.repeat(40) }),
    startWorker({ RATE_LIMIT_PER_MINUTE: String(LIMITED.perMinute), RATE_LIMIT_BURST: String(LIMITED.burst), SESSION_SECRET: 'c'.repeat(40) }),
  ]);
  // An isolate loads its index on its first request (not rate limited): done before the clock of a limit starts.
  expect((await limited.request('/readyz')).status).toBe(200);
}, 180_000);
afterAll(async () => {
  await Promise.all([worker?.close(), limited?.close()]);
});

describeChatContract(() => worker);
describeStreamContract(() => worker);
describeFeedbackContract(() => worker);
describeOperationsContract(() => worker);
describeBusyConversationContract(() => worker, (conversationId) => holdConversation(worker, conversationId));
let editorToken: Promise<string> | null = null;
describeMessagesContract(
  () => worker,
  () => (editorToken ??= seedStaffToken(worker, 'editor')),
);

/** A distinct documentation address (RFC 5737) for each client name. */
const addressOf = (client: string) => `198.51.100.${[...client].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 250}`;
describeRateLimitContract(() => ({
  target: limited,
  ...LIMITED,
  from: (client) => ({ 'cf-connecting-ip': addressOf(client) }),
  // The Durable Object reads the real clock: the window passes by waiting (Retry-After, at most 2 s here).
  pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  clockStandsStill: false,
}));

describe('where the Worker differs by design (docs/API.md, "On Cloudflare Workers")', () => {
  it('publishes the same OpenAPI document as Node, so every endpoint Node serves is documented on the Worker too', async () => {
    const onNode = await createApp({ state: { engine: null, store: null }, logger: captureLogger() }).request('/openapi.json');
    const onWorker = await worker.request('/openapi.json');
    expect(onWorker.status).toBe(200);
    expect(await onWorker.json()).toEqual(await onNode.json());
  });

  it('adds runtime "workers" and the index build to /readyz', async () => {
    const body = (await (await worker.request('/readyz')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ready', runtime: 'workers' });
    expect(typeof body.build).toBe('string');
    expect((body.build as string).length).toBeGreaterThan(0);
  });

  it('answers /metrics 404 not_found: the platform counts requests', async () => {
    await expectError(await worker.request('/metrics'), 404, 'not_found');
  });

  it('counts a client by CF-Connecting-IP alone: X-Forwarded-For, which anyone can send, gives no new budget', async () => {
    const feedback = (forwarded: string) => postJson(limited, '/api/feedback', { messageId: 'x', rating: 'up' }, { 'cf-connecting-ip': '192.0.2.77', 'x-forwarded-for': forwarded });
    for (let i = 0; i < LIMITED.burst; i++) expect((await feedback(`203.0.113.${i}`)).status).toBe(404);
    await expectError(await feedback('203.0.113.200'), 429, 'rate_limited');
    // Another address is another client.
    expect((await postJson(limited, '/api/feedback', { messageId: 'x', rating: 'up' }, { 'cf-connecting-ip': '192.0.2.78' })).status).toBe(404);
  });
});
