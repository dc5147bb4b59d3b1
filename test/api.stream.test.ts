/**
 * @module
 * Contract tests of streaming (`Accept: text/event-stream`), of the one-question-at-a-time
 * rule (409) and of failures after validation: a 500 or an `error` event that reveals
 * nothing internal. The streaming and 409 suites (test/contract/) run on the Worker too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { describeBusyConversationContract, type ConversationHold } from './contract/busy.ts';
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

/**
 * A real second question of the conversation, held inside the store (every exchange saved
 * waits) until released; released, it must be answered in its own conversation.
 */
async function holdQuestion(conversationId: string): Promise<ConversationHold> {
  const opened = gateStore(t.store);
  t.state.store = opened.store;
  const pending = postJson(t.app, '/api/chat', { message: 'Vì sao chọn ngày đó?', conversationId });
  await opened.entered;
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      opened.release();
      t.state.store = t.store;
      const res = await pending;
      expect(res.status).toBe(200);
      expect(chatResponseSchema.parse(await res.json()).conversationId).toBe(conversationId);
    },
  };
}

describeBusyConversationContract(() => nodeTarget(() => t), holdQuestion);

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
