/**
 * @module
 * The contract of `POST /api/feedback` (docs/API.md), with what it stores. Run on Node
 * (test/api.feedback.test.ts) and in workerd (test/worker.contract.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../../src/channels/web/schemas.ts';
import { DATE_QUESTION, expectError, postJson, postRaw } from '../helpers.ts';
import type { ContractTarget } from './target.ts';

type FeedbackRow = { message_id: string; rating: string; comment: string | null };

export function describeFeedbackContract(target: () => ContractTarget): void {
  async function newMessageId(message = DATE_QUESTION, headers: Record<string, string> = {}): Promise<string> {
    const res = await postJson(target(), '/api/chat', { message }, headers);
    expect(res.status).toBe(200);
    return chatResponseSchema.parse(await res.json()).messageId;
  }

  const feedbackRows = (messageId: string) => target().query<FeedbackRow>('SELECT message_id, rating, comment FROM feedback WHERE message_id = ?', messageId);

  describe('POST /api/feedback', () => {
    it('answers 204 with an empty body for a rating of a real answer, and stores it', async () => {
      const messageId = await newMessageId();
      const res = await postJson(target(), '/api/feedback', { messageId, rating: 'up' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect((await feedbackRows(messageId))).toEqual([{ message_id: messageId, rating: 'up', comment: null }]);
    });

    it('replaces the first rating of a message with the second', async () => {
      const messageId = await newMessageId();
      expect((await postJson(target(), '/api/feedback', { messageId, rating: 'up', comment: 'Hữu ích' })).status).toBe(204);
      expect((await postJson(target(), '/api/feedback', { messageId, rating: 'down', comment: 'Chưa đúng ý tôi' })).status).toBe(204);
      expect((await feedbackRows(messageId))).toEqual([{ message_id: messageId, rating: 'down', comment: 'Chưa đúng ý tôi' }]);
    });

    it('answers 404 not_found for an unknown messageId and stores nothing', async () => {
      await expectError(await postJson(target(), '/api/feedback', { messageId: 'khong-co-tin-nhan-nay', rating: 'up' }), 404, 'not_found');
      expect((await feedbackRows('khong-co-tin-nhan-nay'))).toEqual([]);
    });

    it('accepts a comment of exactly 1000 code points and rejects 1001 with 400 invalid_request', async () => {
      const messageId = await newMessageId();
      expect((await postJson(target(), '/api/feedback', { messageId, rating: 'down', comment: 'ệ'.repeat(1000) })).status).toBe(204);
      await expectError(await postJson(target(), '/api/feedback', { messageId, rating: 'up', comment: 'ệ'.repeat(1001) }), 400, 'invalid_request');
      expect((await feedbackRows(messageId))[0]?.rating).toBe('down');
    });

    it.each([
      ['rating "meh"', { rating: 'meh' }],
      ['a missing rating', {}],
      ['rating "UP"', { rating: 'UP' }],
      ['a numeric comment', { rating: 'up', comment: 5 }],
    ])('answers 400 invalid_request for %s', async (_label, fields) => {
      const messageId = await newMessageId();
      await expectError(await postJson(target(), '/api/feedback', { messageId, ...fields }), 400, 'invalid_request');
      expect((await feedbackRows(messageId))).toEqual([]);
    });

    it.each([
      ['a missing messageId', { rating: 'up' }],
      ['a numeric messageId', { messageId: 7, rating: 'up' }],
      ['a JSON array body', [{ rating: 'up' }]],
    ])('answers 400 invalid_request for %s', async (_label, body) => {
      await expectError(await postJson(target(), '/api/feedback', body), 400, 'invalid_request');
    });

    it('answers 415 unsupported_media_type for text/plain and 413 payload_too_large over 32 KB', async () => {
      const messageId = await newMessageId();
      await expectError(await postRaw(target(), '/api/feedback', JSON.stringify({ messageId, rating: 'up' }), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
      const big = JSON.stringify({ messageId, rating: 'up', comment: 'a'.repeat(33 * 1024) });
      await expectError(await postRaw(target(), '/api/feedback', big, { 'content-type': 'application/json' }), 413, 'payload_too_large');
      expect((await feedbackRows(messageId))).toEqual([]);
    });

    it('stores a comment with its phone number redacted', async () => {
      const messageId = await newMessageId();
      const comment = 'Câu trả lời sai, gọi lại cho tôi theo số 0912 345 678 nhé';
      expect((await postJson(target(), '/api/feedback', { messageId, rating: 'down', comment })).status).toBe(204);
      const stored = (await feedbackRows(messageId))[0]?.comment ?? '';
      expect(stored).not.toMatch(/0912[ .-]?345[ .-]?678/);
      expect(stored).toContain('Câu trả lời sai');
    });
  });
}
