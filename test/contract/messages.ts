/**
 * @module
 * The contract of `GET /api/conversations/{id}/messages` (docs/API.md, "Messages added
 * later"): what a conversation is sent out of band — a staff answer from the review queue —
 * oldest first, paged with `after`, recorded as delivered once fetched; 404 for a
 * conversation nobody started, 400 for an `after` that is neither a message id nor a time;
 * `no-store` and CORS as on the other citizen routes. Run on Node (test/admin.queue.test.ts)
 * and in workerd (test/worker.contract.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { chatResponseSchema, conversationMessagesSchema, type ChatResponse } from '../../src/channels/web/schemas.ts';
import { expectError, postJson } from '../helpers.ts';
import type { ContractTarget } from './target.ts';

/** On the service's subject but not in the corpus: declined (no_answer), so it goes to the review queue. Asked nowhere else. */
const UNANSWERED = 'Bản Co Mỵ của xã Pú Nhi khi nào có sóng 5G?';
const STAFF_ANSWER = 'Bản Co Mỵ dự kiến có sóng 5G trong quý II năm 2027; lịch cụ thể do Sở Khoa học và Công nghệ thông báo.';

/**
 * `staffToken`: an API token (`Authorization: Bearer nq57_…`) of a staff account that may
 * answer the review queue.
 */
export function describeMessagesContract(target: () => ContractTarget, staffToken: () => Promise<string>): void {
  const ask = async (message: string): Promise<ChatResponse> => {
    const res = await postJson(target(), '/api/chat', { message });
    expect(res.status).toBe(200);
    return chatResponseSchema.parse(await res.json());
  };
  const poll = async (conversationId: string, after?: string) => {
    const res = await target().request(`/api/conversations/${conversationId}/messages${after ? `?after=${encodeURIComponent(after)}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = conversationMessagesSchema.parse(await res.json());
    expect(body.conversationId).toBe(conversationId);
    return body.messages;
  };

  describe('GET /api/conversations/{id}/messages', () => {
    it('answers 404 not_found for a conversation nobody started and 400 invalid_request for an after that is neither a message id nor a time', async () => {
      const { conversationId } = await ask('Nghị quyết 57 là gì?');
      await expectError(await target().request('/api/conversations/00000000-0000-7000-8000-000000000000/messages'), 404, 'not_found');
      await expectError(await target().request(`/api/conversations/${conversationId}/messages?after=hom-qua`), 400, 'invalid_request');
      await expectError(await target().request(`/api/conversations/${conversationId}/messages?after=2026-13-45T99:00:00Z`), 400, 'invalid_request');
    });

    it('answers a conversation nothing was added to with no messages, no-store, and CORS like the other citizen routes', async () => {
      const { conversationId } = await ask('Nghị quyết 57 là gì?');
      expect(await poll(conversationId)).toEqual([]);
      const cors = await target().request(`/api/conversations/${conversationId}/messages`, { headers: { origin: 'https://portal.example.gov.vn' } });
      expect(cors.status).toBe(200);
      expect(cors.headers.get('access-control-allow-origin')).toBe('*');
      expect(cors.headers.get('cache-control')).toBe('no-store');
    });

    it('gives the citizen a staff answer from the review queue in their conversation, pages it with after, and records it as delivered', async () => {
      const asked = await ask(UNANSWERED);
      expect(asked.outcome).toBe('no_answer');
      const auth = { authorization: `Bearer ${await staffToken()}` };
      const listed = await target().request(`/api/admin/queue?q=${encodeURIComponent(UNANSWERED)}`, { headers: auth });
      expect(listed.status).toBe(200);
      const group = ((await listed.json()) as { groups: Array<{ id: string; question: string }> }).groups.find((g) => g.question === UNANSWERED);
      expect(group).toBeDefined();
      expect(await poll(asked.conversationId)).toEqual([]);

      const sent = await postJson(target(), `/api/admin/queue/${group?.id}/answer`, { text: STAFF_ANSWER }, auth);
      expect(sent.status, await sent.clone().text()).toBe(200);
      expect(await sent.json()).toEqual({ recipients: 1 });

      const [message, ...more] = await poll(asked.conversationId);
      expect(more).toEqual([]);
      expect(message).toMatchObject({ conversationId: asked.conversationId, inReplyTo: asked.messageId, outcome: 'answered', method: 'staff', sources: [], suggestions: [] });
      expect(message?.answer.startsWith(STAFF_ANSWER)).toBe(true);
      expect(Number.isNaN(Date.parse(message?.createdAt ?? ''))).toBe(false);
      // Paging: nothing after the last message seen; everything after an earlier time.
      expect(await poll(asked.conversationId, message?.messageId)).toEqual([]);
      expect((await poll(asked.conversationId, '2020-01-01T00:00:00Z')).map((m) => m.messageId)).toEqual([message?.messageId]);
      // Fetched is delivered: recorded after the response, so looked for until it is there.
      await vi.waitFor(
        async () => {
          const rows = await target().query<{ state: string }>('SELECT state FROM outbox WHERE conversation_id = ?', asked.conversationId);
          expect(rows).toEqual([{ state: 'delivered' }]);
        },
        { timeout: 5_000, interval: 20 },
      );
    });
  });
}
