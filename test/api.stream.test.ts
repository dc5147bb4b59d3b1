/**
 * @module
 * Contract tests of streaming (`Accept: text/event-stream`), of the one-question-at-a-time
 * rule (409) and of failures after validation: a 500 or an `error` event that reveals
 * nothing internal.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { describeStreamContract, STREAM, streamOf } from './contract/stream.ts';
import { nodeTarget } from './contract/target.ts';
import { createTestApp, DATE_QUESTION, expectError, postJson, type TestApp } from './helpers.ts';
import { failingStore, gateStore, SECRET_DETAIL } from './store.fake.ts';


let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describeStreamContract(() => nodeTarget(() => t));

describe('one question at a time per conversation', () => {
  let gated: TestApp | undefined;
  afterEach(async () => {
    await gated?.close();
    gated = undefined;
  });

  /** Starts a conversation, then holds its second question inside the store until released. */
  async function holdQuestionInConversation(app: TestApp) {
    const first = chatResponseSchema.parse(await (await postJson(app.app, '/api/chat', { message: DATE_QUESTION })).json());
    const opened = gateStore(app.store);
    app.state.store = opened.store;
    const pending = postJson(app.app, '/api/chat', { message: 'Vì sao chọn ngày đó?', conversationId: first.conversationId });
    await opened.entered;
    return { first, opened, pending };
  }

  it('answers 409 conflict to a second question while the first of the same conversation is pending, then accepts the next', async () => {
    gated = await createTestApp();
    const { first, opened, pending } = await holdQuestionInConversation(gated);
    await expectError(await postJson(gated.app, '/api/chat', { message: 'Còn ngày nào khác?', conversationId: first.conversationId }), 409, 'conflict');
    const otherConversation = postJson(gated.app, '/api/chat', { message: DATE_QUESTION });

    opened.release();
    const answered = chatResponseSchema.parse(await (await pending).json());
    expect(answered.conversationId).toBe(first.conversationId);
    expect((await otherConversation).status).toBe(200);
    const next = await postJson(gated.app, '/api/chat', { message: 'Còn ngày nào khác?', conversationId: first.conversationId });
    expect(next.status).toBe(200);
  });

  it('answers a streaming client 409 as an ordinary JSON error, before any stream starts', async () => {
    gated = await createTestApp();
    const { first, opened, pending } = await holdQuestionInConversation(gated);
    const second = await gated.app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'Còn ngày nào khác?', conversationId: first.conversationId }),
    });
    await expectError(second, 409, 'conflict');
    opened.release();
    expect((await pending).status).toBe(200);
  });
});

describe('failures after validation', () => {
  let broken: TestApp;
  beforeAll(async () => {
    broken = await createTestApp({ wrapStore: failingStore });
  });
  afterAll(async () => {
    await broken.close();
  });

  const expectNothingInternal = (text: string) => {
    expect(text).not.toContain('SQLITE_IOERR');
    expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
    expect(text).not.toContain('/work/');
    expect(text).not.toContain('node_modules');
    expect(text.toLowerCase()).not.toContain('prompt');
  };

  it('answers 500 internal with a safe message and logs the cause', async () => {
    const res = await postJson(broken.app, '/api/chat', { message: DATE_QUESTION });
    const text = await res.clone().text();
    await expectError(res, 500, 'internal');
    expectNothingInternal(text);
    expect(broken.logger.lines.join('\n')).toContain(SECRET_DETAIL);
  });

  it('ends a started stream with an error event carrying code and message, and nothing internal', async () => {
    const events = await streamOf(await postJson(broken.app, '/api/chat', { message: DATE_QUESTION }, STREAM));
    const last = events.at(-1);
    expect(last?.event).toBe('error');
    expect(events.filter((e) => e.event === 'done')).toEqual([]);
    const payload = JSON.parse(last?.data ?? '') as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['code', 'message']);
    expect(payload.code).toBe('internal');
    expect(typeof payload.message === 'string' && payload.message.trim().length > 0).toBe(true);
    expectNothingInternal(events.map((e) => e.data).join('\n'));
  });
});
