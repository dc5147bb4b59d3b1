/**
 * @module
 * Contract tests of `POST /api/feedback` and of what an exchange leaves in the database:
 * personal data redacted, no IP address. The SQLite file is read directly, not through
 * the store, so the tests see what is really on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { createTestApp, databaseColumns, DATE_QUESTION, dumpDatabase, expectError, postJson, postRaw, queryDatabase, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function newMessageId(message = DATE_QUESTION, headers: Record<string, string> = {}): Promise<string> {
  const res = await postJson(t.app, '/api/chat', { message }, headers);
  expect(res.status).toBe(200);
  return chatResponseSchema.parse(await res.json()).messageId;
}

type FeedbackRow = { message_id: string; rating: string; comment: string | null };
const feedbackRows = (messageId: string) =>
  queryDatabase<FeedbackRow>(t.dbFile, 'SELECT message_id, rating, comment FROM feedback WHERE message_id = ?', messageId);

describe('POST /api/feedback', () => {
  it('answers 204 with an empty body for a rating of a real answer, and stores it', async () => {
    const messageId = await newMessageId();
    const res = await postJson(t.app, '/api/feedback', { messageId, rating: 'up' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(feedbackRows(messageId)).toEqual([{ message_id: messageId, rating: 'up', comment: null }]);
  });

  it('replaces the first rating of a message with the second', async () => {
    const messageId = await newMessageId();
    expect((await postJson(t.app, '/api/feedback', { messageId, rating: 'up', comment: 'Hữu ích' })).status).toBe(204);
    expect((await postJson(t.app, '/api/feedback', { messageId, rating: 'down', comment: 'Chưa đúng ý tôi' })).status).toBe(204);
    expect(feedbackRows(messageId)).toEqual([{ message_id: messageId, rating: 'down', comment: 'Chưa đúng ý tôi' }]);
  });

  it('answers 404 not_found for an unknown messageId and stores nothing', async () => {
    await expectError(await postJson(t.app, '/api/feedback', { messageId: 'khong-co-tin-nhan-nay', rating: 'up' }), 404, 'not_found');
    expect(feedbackRows('khong-co-tin-nhan-nay')).toEqual([]);
  });

  it('accepts a comment of exactly 1000 code points and rejects 1001 with 400 invalid_request', async () => {
    const messageId = await newMessageId();
    expect((await postJson(t.app, '/api/feedback', { messageId, rating: 'down', comment: 'ệ'.repeat(1000) })).status).toBe(204);
    await expectError(await postJson(t.app, '/api/feedback', { messageId, rating: 'up', comment: 'ệ'.repeat(1001) }), 400, 'invalid_request');
    expect(feedbackRows(messageId)[0]?.rating).toBe('down');
  });

  it.each([
    ['rating "meh"', { rating: 'meh' }],
    ['a missing rating', {}],
    ['rating "UP"', { rating: 'UP' }],
    ['a numeric comment', { rating: 'up', comment: 5 }],
  ])('answers 400 invalid_request for %s', async (_label, fields) => {
    const messageId = await newMessageId();
    await expectError(await postJson(t.app, '/api/feedback', { messageId, ...fields }), 400, 'invalid_request');
    expect(feedbackRows(messageId)).toEqual([]);
  });

  it.each([
    ['a missing messageId', { rating: 'up' }],
    ['a numeric messageId', { messageId: 7, rating: 'up' }],
    ['a JSON array body', [{ rating: 'up' }]],
  ])('answers 400 invalid_request for %s', async (_label, body) => {
    await expectError(await postJson(t.app, '/api/feedback', body), 400, 'invalid_request');
  });

  it('answers 415 unsupported_media_type for text/plain and 413 payload_too_large over 32 KB', async () => {
    const messageId = await newMessageId();
    await expectError(await postRaw(t.app, '/api/feedback', JSON.stringify({ messageId, rating: 'up' }), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    const big = JSON.stringify({ messageId, rating: 'up', comment: 'a'.repeat(33 * 1024) });
    await expectError(await postRaw(t.app, '/api/feedback', big, { 'content-type': 'application/json' }), 413, 'payload_too_large');
    expect(feedbackRows(messageId)).toEqual([]);
  });

  it('stores a comment with its phone number redacted', async () => {
    const messageId = await newMessageId();
    const comment = 'Câu trả lời sai, gọi lại cho tôi theo số 0912 345 678 nhé';
    expect((await postJson(t.app, '/api/feedback', { messageId, rating: 'down', comment })).status).toBe(204);
    const stored = feedbackRows(messageId)[0]?.comment ?? '';
    expect(stored).not.toMatch(/0912[ .-]?345[ .-]?678/);
    expect(stored).toContain('Câu trả lời sai');
  });
});

describe('what an exchange stores', () => {
  const question =
    'Tôi là Lan, SĐT 0912345678, máy bàn +84 983 456 789, email lan.nguyen@example.com, CCCD 001203012345. Ngày chuyển đổi số quốc gia là ngày nào?';
  const personal = ['0912345678', '+84 983 456 789', '983 456 789', 'lan.nguyen@example.com', '001203012345'];

  it('stores the question with phone numbers, email and CCCD number redacted', async () => {
    const messageId = await newMessageId(question);
    const [row] = queryDatabase<{ question: string }>(t.dbFile, 'SELECT question FROM exchanges WHERE message_id = ?', messageId);
    expect(row).toBeDefined();
    for (const value of personal) expect(row?.question).not.toContain(value);
    expect(row?.question).toContain('Ngày chuyển đổi số quốc gia là ngày nào?');
    const everything = JSON.stringify(dumpDatabase(t.dbFile));
    for (const value of personal) expect(everything).not.toContain(value);
  });

  it('stores no IP address anywhere, even when proxies forward one', async () => {
    const ips = ['203.0.113.45', '198.51.100.7', '192.0.2.99', '2001:db8::17'];
    const messageId = await newMessageId(DATE_QUESTION, {
      'x-forwarded-for': `${ips[0]}, ${ips[1]}`,
      'x-real-ip': ips[2] ?? '',
      forwarded: `for="[${ips[3]}]"`,
    });
    expect((await postJson(t.app, '/api/feedback', { messageId, rating: 'up' }, { 'x-forwarded-for': ips[0] ?? '' })).status).toBe(204);
    const dump = dumpDatabase(t.dbFile);
    const everything = JSON.stringify(dump);
    for (const ip of ips) expect(everything).not.toContain(ip);
    const columns = databaseColumns(t.dbFile);
    expect(columns).toContain('question');
    for (const column of columns) expect(column).not.toMatch(/(^|_)ip($|_)|ip_?addr|remote_?addr/i);
  });
});
