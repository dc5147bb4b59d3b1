/**
 * @module
 * Contract tests of `POST /api/chat` and readiness, in memory with `app.request()` on the
 * real engine and a real SQLite file (docs/API.md). The shared suites (test/contract/chat.ts,
 * test/contract/operations.ts: health, readiness, the OpenAPI document) run on the Worker
 * too; what needs the app wired by hand (a clock, no engine) stays here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppState } from '../src/app.ts';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { describeChatContract } from './contract/chat.ts';
import { describeOperationsContract } from './contract/operations.ts';
import { nodeTarget } from './contract/target.ts';
import { captureLogger, createTestApp, DATE_QUESTION, expectError, postJson, type TestApp } from './helpers.ts';

let t: TestApp;
const target = nodeTarget(() => t);
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describeChatContract(() => target);
describeOperationsContract(() => target);

describe('conversations that expire', () => {
  it('starts a new conversation when the conversationId has expired', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const app = createApp({ state: t.state, logger: captureLogger(), now: () => new Date(clock), conversationTtlMs: 60_000 });
    const first = chatResponseSchema.parse(await (await postJson(app, '/api/chat', { message: DATE_QUESTION })).json());
    clock += 30_000;
    const within = chatResponseSchema.parse(await (await postJson(app, '/api/chat', { message: DATE_QUESTION, conversationId: first.conversationId })).json());
    expect(within.conversationId).toBe(first.conversationId);
    clock += 120_000;
    const after = chatResponseSchema.parse(await (await postJson(app, '/api/chat', { message: DATE_QUESTION, conversationId: first.conversationId })).json());
    expect(after.conversationId).not.toBe(first.conversationId);
  });
});

describe('readiness', () => {
  it('answers 503 not_ready with Retry-After on /api/chat and /api/feedback before the engine is loaded, while /healthz is ok', async () => {
    const state: AppState = { engine: null, store: null };
    const app = createApp({ state, logger: captureLogger() });

    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const readyz = await app.request('/readyz');
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'starting' });

    for (const [path, body, headers] of [
      ['/api/chat', { message: DATE_QUESTION }, {}],
      ['/api/chat', { message: DATE_QUESTION }, { accept: 'text/event-stream' }],
      ['/api/feedback', { messageId: 'm-1', rating: 'up' }, {}],
    ] as const) {
      const res = await postJson(app, path, body, headers);
      expect(res.headers.get('retry-after') ?? '').toMatch(/^[1-9]\d*$/);
      await expectError(res, 503, 'not_ready');
    }
  });

  it('stays not ready until both the engine and the database are there, then answers', async () => {
    const state: AppState = { engine: t.ready, store: null };
    const app = createApp({ state, logger: captureLogger() });
    expect((await app.request('/readyz')).status).toBe(503);
    await expectError(await postJson(app, '/api/chat', { message: DATE_QUESTION }), 503, 'not_ready');

    state.store = t.store;
    const readyz = await app.request('/readyz');
    expect(readyz.status).toBe(200);
    expect(((await readyz.json()) as { status: string }).status).toBe('ready');
    expect((await postJson(app, '/api/chat', { message: DATE_QUESTION })).status).toBe(200);
  });
});
