/**
 * @module
 * Contract tests of `POST /api/feedback` and of what an exchange leaves in the database:
 * personal data redacted, no IP address. The SQLite file is read directly, not through
 * the store, so the tests see what is really on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { describeFeedbackContract } from './contract/feedback.ts';
import { nodeTarget } from './contract/target.ts';
import { createTestApp, databaseColumns, DATE_QUESTION, dumpDatabase, postJson, queryDatabase, type TestApp } from './helpers.ts';

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

describeFeedbackContract(() => nodeTarget(() => t));

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
