/**
 * @module
 * The one-question-at-a-time rule (docs/API.md, `409 conflict`): while a conversation is
 * answering, a second question in it is refused, as an ordinary JSON error even to a client
 * asking for a stream; other conversations are answered meanwhile, and the conversation takes
 * questions again once the answer is done. Run on Node (test/api.stream.test.ts) and in
 * workerd (test/worker.contract.test.ts).
 *
 * How a conversation is made busy is the runtime's: on Node a real second question is held
 * inside the store until released; in workerd nothing can pause a question half-way, so the
 * conversation's lock is taken in the Coordinator Durable Object, as an isolate answering in
 * it takes it (the Worker's own `createCoordinatorLocks`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../../src/channels/web/schemas.ts';
import { DATE_QUESTION, expectError, postJson } from '../helpers.ts';
import type { ContractTarget } from './target.ts';

export interface ConversationHold {
  /** Ends the answer that keeps the conversation busy; resolves once it is over. Calling it again does nothing. */
  release(): Promise<void>;
}

/** Makes a conversation that exists busy answering, as a question being answered in it does. */
export type HoldConversation = (conversationId: string) => Promise<ConversationHold>;

export function describeBusyConversationContract(target: () => ContractTarget, hold: HoldConversation): void {
  describe('one question at a time per conversation', () => {
    let held: ConversationHold | null = null;
    afterEach(async () => {
      // A test that failed while holding a conversation must not leave it (or the Node store) held.
      await held?.release();
      held = null;
    });

    async function busyConversation(): Promise<string> {
      const res = await postJson(target(), '/api/chat', { message: DATE_QUESTION });
      expect(res.status).toBe(200);
      const { conversationId } = chatResponseSchema.parse(await res.json());
      held = await hold(conversationId);
      return conversationId;
    }

    it('answers 409 conflict to a second question while the first of the same conversation is pending, then accepts the next', async () => {
      const conversationId = await busyConversation();
      await expectError(await postJson(target(), '/api/chat', { message: 'Còn ngày nào khác?', conversationId }), 409, 'conflict');
      const otherConversation = postJson(target(), '/api/chat', { message: DATE_QUESTION });

      await held?.release();
      expect((await otherConversation).status).toBe(200);
      const next = await postJson(target(), '/api/chat', { message: 'Còn ngày nào khác?', conversationId });
      expect(next.status).toBe(200);
      expect(chatResponseSchema.parse(await next.json()).conversationId).toBe(conversationId);
    });

    it('answers a streaming client 409 as an ordinary JSON error, before any stream starts', async () => {
      const conversationId = await busyConversation();
      const second = await target().request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ message: 'Còn ngày nào khác?', conversationId }),
      });
      await expectError(second, 409, 'conflict');
      await held?.release();
    });
  });
}
