/**
 * @module
 * `POST /webhooks/zalo` on the real server (`node src/entry/node.ts`) against a faithful
 * fake of the Zalo OpenAPI and OAuth endpoints on loopback, with events signed as Zalo
 * signs them: one correct answer per signed question, 401 and nothing done for a bad
 * signature, a tampered body or a stale timestamp, one answer for an event delivered five
 * times, a refreshed token, retried and recorded platform failures, staff answers delivered
 * within the 7-day window and recorded as undeliverable outside it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, queryDatabase, removeDir } from './helpers.ts';
import { postZaloEvent, startFakeZalo, zaloSignature, zaloTextEvent, type FakeZalo } from './fakes/zalo.fake.ts';
import { ADMIN, answerInQueue, eventRows, pause, staffOnServer, storedQuestionBytes, waitUntil, ZALO, zaloEnv } from './platform-helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';

let zalo: FakeZalo;
let server: Server;
let dataDir: string;
let dbFile: string;
let users = 0;

/** A fresh platform user per test: conversations and rate limits never cross tests. */
const newUser = () => `24684588352919${String(7000 + ++users).padStart(4, '0')}`;
let messages = 0;
const newMsgId = () => `${Date.now().toString(16)}${(++messages).toString(16).padStart(6, '0')}`;

const text = (userId: string, message: string, overrides: { msgId?: string; timestamp?: number; eventName?: string; oaId?: string } = {}) =>
  zaloTextEvent({ appId: ZALO.appId, oaId: overrides.oaId ?? ZALO.oaId, userId, msgId: overrides.msgId ?? newMsgId(), text: message, timestamp: overrides.timestamp, eventName: overrides.eventName });
const post = (raw: string, signature?: string | null) => postZaloEvent(server.base, raw, ZALO, signature);

function exchangesOf(userId: string) {
  return queryDatabase<{ question: string; channel: string; conversation_id: string }>(
    dbFile,
    'SELECT e.question, e.channel, e.conversation_id FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.external_user_id = ? ORDER BY e.created_at',
    userId,
  );
}

beforeAll(async () => {
  zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
  dataDir = makeTempDir('zalo');
  dbFile = join(dataDir, 'hoidap.sqlite');
  server = await startReady(dataDir, { ...zaloEnv(zalo), ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await stopServer(server);
  await zalo.close();
  removeDir(dataDir);
});

describe('POST /webhooks/zalo on the real server', () => {
  it('answers a signed question exactly once, acknowledging first: disclosure, answer, sources, suggestions; follow-ups in the same conversation', async () => {
    const user = newUser();
    const started = performance.now();
    const res = await post(text(user, 'Ngày Chuyển đổi số quốc gia là ngày nào?'));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_000);
    const [reply] = await zalo.waitForMessages(1, user);
    expect(reply?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
    expect(reply?.text).toContain('10/10');
    expect(reply?.text).toMatch(/\nNguồn:\n1\. /);
    expect(reply?.text).toContain('Bạn có thể hỏi tiếp:');
    expect(reply?.token).toBe(ZALO.accessToken);

    await post(text(user, 'Vì sao chọn ngày đó?'));
    const both = await zalo.waitForMessages(2, user);
    expect(both[1]?.text).not.toContain('trợ lý tự động');
    await pause(300);
    expect(zalo.textsTo(user)).toHaveLength(2);
    const stored = exchangesOf(user);
    expect(stored.map((e) => e.channel)).toEqual(['zalo', 'zalo']);
    expect(new Set(stored.map((e) => e.conversation_id)).size).toBe(1);
    expect(eventRows(dbFile, 'zalo').filter((r) => r.user_id === user).map((r) => [r.state, r.payload])).toEqual([
      ['answered', null],
      ['answered', null],
    ]);
  });

  it('stores and answers a lone surrogate in a question as U+FFFD, as the web API does, never as malformed UTF-8', async () => {
    const user = newUser();
    const raw = text(user, 'NQ57 là gì? \ud800');
    expect(raw).toContain('\\ud800');
    expect((await post(raw)).status).toBe(200);
    const [reply] = await zalo.waitForMessages(1, user);
    expect(reply?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
    const stored = storedQuestionBytes(dbFile, 'zalo', user);
    expect(stored).toEqual([{ q: Buffer.from('NQ57 là gì? \uFFFD', 'utf8').toString('hex').toUpperCase() }]);
  });

  it('refuses a bad signature, a tampered body, a stale timestamp and a missing signature with 401, and does nothing', async () => {
    const user = newUser();
    const good = text(user, 'NQ57 là gì?');
    const stale = text(user, 'NQ57 là gì?', { timestamp: Date.now() - 3 * 3_600_000 });
    const ahead = text(user, 'NQ57 là gì?', { timestamp: Date.now() + 3_600_000 });
    const cases: Array<[string, string | null]> = [
      [good, `mac=${'0'.repeat(64)}`],
      [good.replace('NQ57 là gì?', 'NQ58 là gì?'), zaloSignature(good, ZALO.appId, ZALO.oaSecretKey)],
      [good, zaloSignature(good, ZALO.appId, 'another OA secret key')],
      [stale, zaloSignature(stale, ZALO.appId, ZALO.oaSecretKey)],
      [ahead, zaloSignature(ahead, ZALO.appId, ZALO.oaSecretKey)],
      [good, null],
    ];
    for (const [raw, signature] of cases) {
      const res = await post(raw, signature);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    await pause(500);
    expect(zalo.textsTo(user)).toEqual([]);
    expect(exchangesOf(user)).toEqual([]);
    expect(eventRows(dbFile).filter((r) => r.user_id === user)).toEqual([]);
  });

  it('answers an event delivered five times (two of them at once) exactly once', async () => {
    const user = newUser();
    const raw = text(user, 'Bình dân học vụ số là gì?');
    const first = await Promise.all([post(raw), post(raw)]);
    const later = [await post(raw), await post(raw)];
    await zalo.waitForMessages(1, user);
    later.push(await post(raw));
    expect([...first, ...later].map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await pause(700);
    expect(zalo.textsTo(user)).toHaveLength(1);
    expect(exchangesOf(user)).toHaveLength(1);
  });

  it('acknowledges the console probe, and ignores echoes of the OA, receipts and events of another OA', async () => {
    const probe = await fetch(`${server.base}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(probe.status).toBe(200);
    const user = newUser();
    const echo = JSON.stringify({ app_id: ZALO.appId, sender: { id: ZALO.oaId }, recipient: { id: user }, event_name: 'oa_send_text', message: { text: 'Trả lời', msg_id: newMsgId() }, timestamp: String(Date.now()) });
    const seen = JSON.stringify({ app_id: ZALO.appId, sender: { id: ZALO.oaId }, recipient: { id: user }, event_name: 'user_seen_message', message: { msg_ids: ['x'] }, timestamp: String(Date.now()) });
    for (const raw of [echo, seen, text(user, 'NQ57 là gì?', { oaId: '999999999999999999' })]) expect((await post(raw)).status).toBe(200);
    await pause(500);
    expect(zalo.textsTo(user)).toEqual([]);
    expect(eventRows(dbFile).filter((r) => r.user_id === user)).toEqual([]);
  });

  it('says politely what it can read when sent an image or a sticker', async () => {
    const user = newUser();
    const image = JSON.stringify({
      app_id: ZALO.appId,
      sender: { id: user },
      user_id_by_app: '552177279717587730',
      recipient: { id: ZALO.oaId },
      event_name: 'user_send_image',
      message: { msg_id: newMsgId(), text: '', attachments: [{ type: 'image', payload: { thumbnail: 'https://example.invalid/t.jpg', url: 'https://example.invalid/i.jpg' } }] },
      timestamp: String(Date.now()),
    });
    expect((await post(image)).status).toBe(200);
    const [reply] = await zalo.waitForMessages(1, user);
    expect(reply?.text).toContain('chỉ đọc được tin nhắn dạng chữ');
    expect(reply?.text).toContain('trợ lý tự động');
  });

  it('refreshes an expired access token once, sends the reply, and keeps the rotated refresh token across a restart', async () => {
    const user = newUser();
    zalo.expireAccessToken();
    const before = zalo.refreshes.ok;
    await Promise.all([post(text(user, 'Mục tiêu đến năm 2030 là gì?')), post(text(newUser(), 'NQ57 là gì?'))]);
    await zalo.waitForMessages(1, user);
    expect(zalo.refreshes.ok).toBe(before + 1);
    expect(zalo.refreshes.refused).toBe(0);
    expect(zalo.textsTo(user)).toHaveLength(1);
    const rotated = zalo.tokens();
    expect(zalo.sent.at(-1)?.token).toBe(rotated.accessToken);
    const stored = queryDatabase<{ refresh_token: string }>(dbFile, "SELECT refresh_token FROM channel_tokens WHERE name = 'zalo'");
    expect(stored[0]?.refresh_token).toBe(rotated.refreshToken);

    // The configured refresh token is spent now: a restart must use the stored one. SIGTERM stops the delivery worker too.
    expect(await stopServer(server)).toBe(0);
    server = await startReady(dataDir, { ...zaloEnv(zalo), ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info' });
    zalo.expireAccessToken();
    const again = newUser();
    await post(text(again, 'NQ57 là gì?'));
    await zalo.waitForMessages(1, again);
    expect(zalo.refreshes).toEqual({ ok: before + 2, refused: 0 });
  });

  it('retries a platform 5xx with backoff, then records the reply as failed, logging the event id and no personal data', async () => {
    const user = newUser();
    const msgId = newMsgId();
    const calls = zalo.calls;
    zalo.script({ status: 503 }, { status: 503 }, { status: 503 });
    expect((await post(text(user, 'Số điện thoại của tôi là 0912345678, NQ57 là gì?', { msgId }))).status).toBe(200);
    const row = await waitUntil('the failure recorded', () => eventRows(dbFile).find((r) => r.event_id === msgId && r.state === 'failed'));
    expect(row.error).toBe('zalo transient (http 503)');
    expect(row.payload).toBeNull();
    expect(zalo.calls - calls).toBe(3);
    expect(zalo.textsTo(user)).toEqual([]);
    // The log line is written before the failure is recorded, but reaches this process through a pipe: waited for.
    const log = await waitUntil('the failure logged', () => server.output.join('').includes(`"eventId":"${msgId}"`) && server.output.join(''));
    expect(log).not.toContain('0912345678');
    expect(log).not.toContain(user);

    // The platform is back: the next question goes through.
    await post(text(user, 'NQ57 là gì?'));
    await zalo.waitForMessages(1, user);
  });

  it('answers with 503 while the database is locked (so the platform delivers again), then answers once', async () => {
    const user = newUser();
    const raw = text(user, 'NQ57 là gì?');
    const lock = new Database(dbFile);
    lock.exec('BEGIN EXCLUSIVE');
    try {
      const res = await post(raw);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect((await post(raw)).status).toBe(200);
    expect((await post(raw)).status).toBe(200);
    await zalo.waitForMessages(1, user);
    await pause(500);
    expect(zalo.textsTo(user)).toHaveLength(1);
  });

  it('delivers a staff answer from the review queue inside the 7-day window, and records it undeliverable outside', async () => {
    const inside = newUser();
    const outside = newUser();
    const question = 'Giá vé xe buýt ở Điện Biên là bao nhiêu?';
    await post(text(inside, question));
    await post(text(outside, question));
    await zalo.waitForMessages(1, inside);
    await zalo.waitForMessages(1, outside);
    // Zalo's clock says the second user last wrote more than 7 days ago.
    zalo.markStale(outside);

    const staff = await staffOnServer(server.base);
    const answer = 'Giá vé xe buýt do Sở Xây dựng công bố; bạn vui lòng xem tại trang của Sở hoặc gọi đường dây nóng.';
    expect(await answerInQueue(staff, question, answer)).toBe(2);

    const delivered = await zalo.waitForMessages(2, inside, 20_000);
    expect(delivered[1]?.text).toContain('Cán bộ trả lời câu hỏi bạn đã gửi:');
    expect(delivered[1]?.text).toContain(answer);
    const outbox = await waitUntil('both deliveries recorded', () => {
      const rows = queryDatabase<{ external_user_id: string; state: string; error: string | null }>(dbFile, "SELECT external_user_id, state, error FROM outbox WHERE channel = 'zalo'");
      return rows.length === 2 && rows.every((r) => r.state !== 'pending') && rows;
    });
    expect(outbox.find((r) => r.external_user_id === inside)).toMatchObject({ state: 'delivered', error: null });
    expect(outbox.find((r) => r.external_user_id === outside)?.state).toBe('failed');
    expect(outbox.find((r) => r.external_user_id === outside)?.error).toMatch(/^outside the messaging window: the user has not written for 7 days \(zalo window \(-230\)\)$/);
    expect(zalo.textsTo(outside)).toHaveLength(1);
  });

  it('never opens CORS on the webhook', async () => {
    const res = await fetch(`${server.base}/webhooks/zalo`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
