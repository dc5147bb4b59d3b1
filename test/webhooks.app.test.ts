/**
 * @module
 * The chat-platform channels in memory (the app built with the channels on loopback
 * fakes, a settable clock, a stubbed answerer where needed): long answers split in order,
 * the per-user rate limit, staff answers inside and outside each platform's window,
 * questions recorded while the service could not answer and answered later, notices for
 * what cannot be answered, and channels switched off by missing configuration.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerQuestion } from '../src/answer/answer.ts';
import { createApp } from '../src/app.ts';
import { DISCLOSURE } from '../src/channels/platform/messages.ts';
import { createPlatformChannels } from '../src/channels/platforms.ts';
import { loadConfig } from '../src/config.ts';
import { outboxWriter } from '../src/store/outbox/sqlite.ts';
import { captureLogger, queryDatabase } from './helpers.ts';
import { messengerDelivery, messengerText, postMessengerDelivery, startFakeGraph, type FakeGraph } from './fakes/graph.fake.ts';
import { postZaloEvent, startFakeZalo, zaloTextEvent, type FakeZalo } from './fakes/zalo.fake.ts';
import { createPlatformApp, eventRows, FAST_RETRY, META, pause, waitUntil, ZALO, type PlatformApp } from './platform-helpers.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setUp(env: Record<string, string> = {}): Promise<{ p: PlatformApp; zalo: FakeZalo; graph: FakeGraph }> {
  const zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
  const graph = await startFakeGraph({ pageAccessToken: META.pageAccessToken, appSecret: META.appSecret, version: META.version });
  open.push(zalo, graph);
  const p = await createPlatformApp({ zalo, graph, env });
  open.push(p);
  return { p, zalo, graph };
}

let seq = 0;
const zaloUser = () => `2468458835291${String(++seq).padStart(5, '0')}`;
const psid = () => `70020000${String(++seq).padStart(8, '0')}`;
const id = () => `e${Date.now().toString(36)}${++seq}`;

function askZalo(p: PlatformApp, userId: string, text: string, msgId = id()) {
  return postZaloEvent((path, init) => p.app.request(path, init), zaloTextEvent({ appId: ZALO.appId, oaId: ZALO.oaId, userId, msgId, text, timestamp: p.clock.ms }), ZALO);
}

function askMessenger(p: PlatformApp, user: string, text: string, mid = id()) {
  const raw = messengerDelivery([{ pageId: META.pageId, time: p.clock.ms, messaging: [messengerText({ psid: user, pageId: META.pageId, mid, text, timestamp: p.clock.ms })] }]);
  return postMessengerDelivery((path, init) => p.app.request(path, init), raw, META.appSecret);
}

const TOO_LONG = 'Câu hỏi dài quá 1000 ký tự. Bạn vui lòng rút gọn và gửi lại nhé.';
const LONG_QUESTION = 'Cho tôi toàn văn các nhiệm vụ?';
const sentence = (i: number) => `Nhiệm vụ thứ ${i} là đẩy mạnh chuyển đổi số trong cơ quan nhà nước, doanh nghiệp và người dân của tỉnh.`;
const LONG_ANSWER = Array.from({ length: 70 }, (_, i) => sentence(i + 1)).join(' ');

/** The real answerer, except for one question whose answer is 7,000 characters long. */
function withLongAnswer(p: PlatformApp): void {
  const real: AnswerQuestion = p.ready.answer;
  p.ready.answer = async (question, history, context) => {
    const result = await real('NQ57 là gì?', history, context);
    return question === LONG_QUESTION ? { ...result, answer: LONG_ANSWER } : real(question, history, context);
  };
}

describe('chat formatting on the platforms', () => {
  it('sends an answer longer than 2,000 characters as several messages, in order, on Zalo and on Messenger', async () => {
    const { p, zalo, graph } = await setUp();
    withLongAnswer(p);
    expect(LONG_ANSWER.length).toBeGreaterThan(6_000);
    const user = zaloUser();
    const fb = psid();
    expect((await askZalo(p, user, LONG_QUESTION)).status).toBe(200);
    expect((await askMessenger(p, fb, LONG_QUESTION)).status).toBe(200);
    await p.background.drain(10_000);

    for (const texts of [zalo.textsTo(user), graph.messagesTo(fb).map((m) => m.text ?? '')]) {
      expect(texts.length).toBeGreaterThanOrEqual(4);
      expect(texts.every((t) => t.length <= 2000)).toBe(true);
      const whole = texts.join(' ').replace(/\s+/g, ' ');
      // Every sentence arrives once, whole, and in order.
      let at = -1;
      for (let i = 1; i <= 70; i++) {
        const next = whole.indexOf(sentence(i));
        expect(next, `sentence ${i}`).toBeGreaterThan(at);
        at = next;
      }
      expect(texts[0]).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
      expect(texts.at(-1)).toContain('Nguồn:');
    }
    // Quick replies go with the last message only.
    const messages = graph.messagesTo(fb);
    expect(messages.slice(0, -1).every((m) => m.quickReplies === undefined)).toBe(true);
    expect(messages.at(-1)?.quickReplies?.length).toBeGreaterThan(0);
  });

  it('answers what it cannot read or take with a polite notice: a question over 1,000 characters, a Get Started postback', async () => {
    const { p, zalo, graph } = await setUp();
    const user = zaloUser();
    await askZalo(p, user, 'chuyển đổi số '.repeat(100));
    const fb = psid();
    const postback = messengerDelivery([{ pageId: META.pageId, messaging: [{ sender: { id: fb }, recipient: { id: META.pageId }, timestamp: p.clock.ms, postback: { title: 'Bắt đầu', payload: 'GET_STARTED', mid: id() } }] }]);
    expect((await postMessengerDelivery((path, init) => p.app.request(path, init), postback, META.appSecret)).status).toBe(200);
    await p.background.drain(10_000);
    // The user's first reply: it says that an automated assistant is answering, as a first answer does.
    expect(zalo.textsTo(user)).toEqual([`${DISCLOSURE}\n\n${TOO_LONG}`]);
    expect(graph.messagesTo(fb)[0]?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động[^]*Bạn hãy gõ câu hỏi/);
  });

  it('gives the "too long" notice with the disclosure to a first message, without it once the user has a conversation, on both platforms, however long the text', async () => {
    const { p, zalo, graph } = await setUp();
    const [first, known, huge] = [zaloUser(), zaloUser(), zaloUser()];
    const fb = psid();
    // Over the 20,000 characters Zalo's event used to be refused at (silence): the same notice.
    const longest = 'chuyển đổi số '.repeat(1_500);
    expect(longest.length).toBeGreaterThan(20_000);
    for (const [user, text] of [
      [first, 'chuyển đổi số '.repeat(100)],
      [known, 'NQ57 là gì?'],
      [huge, longest],
    ] as const) {
      expect((await askZalo(p, user, text)).status).toBe(200);
    }
    expect((await askMessenger(p, fb, 'chuyển đổi số '.repeat(100))).status).toBe(200);
    await p.background.drain(10_000);
    expect((await askZalo(p, known, 'chuyển đổi số '.repeat(100))).status).toBe(200);
    await p.background.drain(10_000);

    expect(zalo.textsTo(first)).toEqual([`${DISCLOSURE}\n\n${TOO_LONG}`]);
    expect(zalo.textsTo(huge)).toEqual([`${DISCLOSURE}\n\n${TOO_LONG}`]);
    expect(graph.messagesTo(fb).map((m) => m.text)).toEqual([`${DISCLOSURE}\n\n${TOO_LONG}`]);
    const knownTexts = zalo.textsTo(known);
    expect(knownTexts).toHaveLength(2);
    expect(knownTexts[0]?.startsWith(DISCLOSURE)).toBe(true);
    expect(knownTexts[1]).toBe(TOO_LONG);
    // Nothing of a text too long is kept, nor stored as an exchange.
    expect(eventRows(p.dbFile, 'zalo').filter((r) => r.user_id === huge).map((r) => [r.state, r.payload])).toEqual([['answered', null]]);
    expect(queryDatabase(p.dbFile, 'SELECT 1 FROM conversations WHERE external_user_id IN (?, ?, ?)', first, huge, fb)).toEqual([]);
  });
});

describe('redeliveries', () => {
  it('are still recognised 13 hours, 37 hours and 6 days later (ids kept 8 days, pruned hourly); older events are refused', async () => {
    const { p, zalo, graph } = await setUp();
    const user = psid();
    const sentAt = p.clock.ms;
    const raw = messengerDelivery([{ pageId: META.pageId, time: sentAt, messaging: [messengerText({ psid: user, pageId: META.pageId, mid: id(), text: 'NQ57 là gì?', timestamp: sentAt })] }]);
    const deliver = () => postMessengerDelivery((path, init) => p.app.request(path, init), raw, META.appSecret);
    expect((await deliver()).status).toBe(200);
    await p.background.drain(10_000);
    for (const hours of [13, 37, 6 * 24]) {
      p.clock.ms = sentAt + hours * 3_600_000;
      await p.worker.tick();
      expect((await deliver()).status).toBe(200);
      await p.background.drain(10_000);
    }
    expect(graph.messagesTo(user)).toHaveLength(1);
    p.clock.ms = sentAt + 8 * 86_400_000 + 60_000;
    await p.worker.tick();
    expect(eventRows(p.dbFile, 'messenger')).toEqual([]);
    expect((await deliver()).status).toBe(401);

    // Zalo stops retrying within about 2 hours: a Zalo event 13 hours old is a replay.
    const zaloUserId = zaloUser();
    const zaloRaw = zaloTextEvent({ appId: ZALO.appId, oaId: ZALO.oaId, userId: zaloUserId, msgId: id(), text: 'NQ57 là gì?', timestamp: p.clock.ms - 13 * 3_600_000 });
    expect((await postZaloEvent((path, init) => p.app.request(path, init), zaloRaw, ZALO)).status).toBe(401);
    expect(zalo.textsTo(zaloUserId)).toEqual([]);
  });
});

describe('the per-user rate limit', () => {
  it('answers a flooding user up to the limit, sends one polite notice, then stays silent until the window passes', async () => {
    const { p, zalo } = await setUp({ RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_BURST: '2' });
    const user = zaloUser();
    const other = zaloUser();
    for (let i = 0; i < 6; i++) await askZalo(p, user, `NQ57 là gì? (${i})`);
    await askZalo(p, other, 'NQ57 là gì?');
    await p.background.drain(10_000);
    const texts = zalo.textsTo(user);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/^Bạn gửi nhiều tin nhắn quá nhanh\. Trợ lý tự động sẽ trả lời tiếp sau khoảng \d+ giây/);
    expect(zalo.textsTo(other)).toHaveLength(1);
    expect(eventRows(p.dbFile, 'zalo').filter((r) => r.user_id === user).map((r) => r.state)).toEqual(['answered', 'answered', 'limited', 'limited', 'limited', 'limited']);

    p.clock.ms += 61_000;
    await askZalo(p, user, 'Bình dân học vụ số là gì?');
    await p.background.drain(10_000);
    expect(zalo.textsTo(user)).toHaveLength(4);
    expect(zalo.textsTo(user)[3]).not.toContain('quá nhanh');
  });
});

describe('staff answers from the outbox', () => {
  /** A staff answer queued for the user's conversation, as the review queue writes it. */
  function queueStaffAnswer(p: PlatformApp, channel: 'zalo' | 'messenger', externalUserId: string, text: string): string {
    const conversation = queryDatabase<{ id: string }>(p.dbFile, 'SELECT id FROM conversations WHERE channel = ? AND external_user_id = ?', channel, externalUserId)[0];
    if (!conversation) throw new Error('no conversation');
    const messageId = `staff-${++seq}`;
    const db = new Database(p.dbFile);
    try {
      outboxWriter(db)({ id: messageId, conversationId: conversation.id, channel, externalUserId, inReplyTo: null, staffAnswerId: null, text, createdAt: new Date(p.clock.ms).toISOString() });
    } finally {
      db.close();
    }
    return messageId;
  }
  const outboxRow = (p: PlatformApp, messageId: string) => queryDatabase<{ state: string; error: string | null; attempts: number }>(p.dbFile, 'SELECT state, error, attempts FROM outbox WHERE id = ?', messageId)[0];

  it('Zalo: delivered inside 7 days of the last message (long answers in order); undeliverable after, without calling Zalo', async () => {
    const { p, zalo } = await setUp();
    const user = zaloUser();
    await askZalo(p, user, 'Giá vé xe buýt là bao nhiêu?');
    await p.background.drain(10_000);
    p.clock.ms += 6 * 86_400_000;
    const long = `${'Trả lời dài. '.repeat(200)}Hết.`;
    const inside = queueStaffAnswer(p, 'zalo', user, long);
    await p.worker.tick();
    expect(outboxRow(p, inside)).toMatchObject({ state: 'delivered', error: null });
    const parts = zalo.textsTo(user).slice(1);
    expect(parts.length).toBe(2);
    expect(parts[0]).toMatch(/^Cán bộ trả lời câu hỏi bạn đã gửi:\n\nTrả lời dài\./);
    expect(parts[1]).toMatch(/Hết\.$/);

    p.clock.ms += 2 * 86_400_000;
    const calls = zalo.calls;
    const outside = queueStaffAnswer(p, 'zalo', user, 'Trả lời sau 8 ngày.');
    await p.worker.tick();
    expect(outboxRow(p, outside)).toMatchObject({ state: 'failed', error: 'outside the messaging window: the user has not written for 7 days', attempts: 1 });
    expect(zalo.calls).toBe(calls);
  });

  it('Messenger: delivered inside 24 hours, undeliverable after; a platform refusal is recorded the same way', async () => {
    const { p, graph } = await setUp();
    const user = psid();
    await askMessenger(p, user, 'Giá vé xe buýt là bao nhiêu?');
    await p.background.drain(10_000);
    p.clock.ms += 23 * 3_600_000;
    const inside = queueStaffAnswer(p, 'messenger', user, 'Bạn vui lòng hỏi Sở Xây dựng.');
    await p.worker.tick();
    expect(outboxRow(p, inside)?.state).toBe('delivered');
    expect(graph.messagesTo(user).at(-1)).toMatchObject({ messagingType: 'RESPONSE', text: 'Cán bộ trả lời câu hỏi bạn đã gửi:\n\nBạn vui lòng hỏi Sở Xây dựng.' });

    const refused = queueStaffAnswer(p, 'messenger', user, 'Meta đã đóng cửa sổ.');
    graph.markOutsideWindow(user);
    await p.worker.tick();
    expect(outboxRow(p, refused)).toMatchObject({ state: 'failed', error: 'outside the messaging window: the user has not written for 24 hours (messenger window (10/2018278))' });

    p.clock.ms += 2 * 3_600_000;
    const outside = queueStaffAnswer(p, 'messenger', user, 'Quá 24 giờ.');
    await p.worker.tick();
    expect(outboxRow(p, outside)).toMatchObject({ state: 'failed', error: 'outside the messaging window: the user has not written for 24 hours' });
  });

  it('retries a failed push later with backoff, resuming after the parts already sent', async () => {
    const { p, zalo } = await setUp();
    const user = zaloUser();
    await askZalo(p, user, 'NQ57 là gì?');
    await p.background.drain(10_000);
    const messageId = queueStaffAnswer(p, 'zalo', user, `${'Phần một. '.repeat(210)}Phần hai.`);
    // The first part goes out, the second fails every try of this round.
    zalo.script({ delayMs: 0 }, { status: 500 }, { status: 500 }, { status: 500 });
    await p.worker.tick();
    expect(outboxRow(p, messageId)).toMatchObject({ state: 'pending', attempts: 1, error: 'zalo transient (http 500)' });
    expect(zalo.textsTo(user)).toHaveLength(2);
    p.clock.ms += 61_000;
    await p.worker.tick();
    expect(outboxRow(p, messageId)?.state).toBe('delivered');
    const texts = zalo.textsTo(user);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/Phần hai\.$/);
  });
});

describe('questions recorded but not answered yet', () => {
  it('are answered once the service can (the index was loading), by the worker, exactly once', async () => {
    const { p, zalo } = await setUp();
    const engine = p.state.engine;
    p.state.engine = null;
    const user = zaloUser();
    expect((await askZalo(p, user, 'NQ57 là gì?')).status).toBe(200);
    await p.background.drain(10_000);
    expect(zalo.textsTo(user)).toEqual([]);
    expect(eventRows(p.dbFile, 'zalo').map((r) => r.state)).toEqual(['received']);
    p.state.engine = engine;
    await p.worker.tick();
    expect(zalo.textsTo(user)).toEqual([]);
    p.clock.ms += 20_000;
    await p.worker.tick();
    await p.worker.tick();
    expect(zalo.textsTo(user)).toHaveLength(1);
    expect(eventRows(p.dbFile, 'zalo').map((r) => [r.state, r.payload])).toEqual([['answered', null]]);
  });

  it('are answered after a restart when the process stopped between the acknowledgement and the reply; too old ones expire', async () => {
    const { p, zalo } = await setUp();
    const user = zaloUser();
    const db = new Database(p.dbFile);
    const insert = db.prepare("INSERT INTO webhook_events (channel, event_id, user_id, occurred_at, received_at, state, payload) VALUES ('zalo', ?, ?, ?, ?, 'received', ?)");
    const at = (ms: number) => new Date(p.clock.ms - ms).toISOString();
    insert.run('crashed', user, at(30_000), at(30_000), JSON.stringify({ kind: 'text', text: 'NQ57 là gì?' }));
    insert.run('ancient', user, at(7_200_000), at(7_200_000), JSON.stringify({ kind: 'text', text: 'Câu hỏi cũ?' }));
    db.close();
    await p.worker.tick();
    expect(zalo.textsTo(user)).toHaveLength(1);
    expect(eventRows(p.dbFile, 'zalo').map((r) => [r.event_id, r.state, r.payload])).toEqual([
      ['crashed', 'answered', null],
      ['ancient', 'expired', null],
    ]);
  });
});

describe('configuration', () => {
  it('turns a channel with missing variables off in one log line, its webhook paths answering 404', async () => {
    const logger = captureLogger();
    const config = loadConfig({ ZALO_APP_ID: ZALO.appId, ZALO_APP_SECRET: '', ZALO_OA_SECRET_KEY: 'k' });
    const platforms = createPlatformChannels(config, { fetch, stores: () => ({}) as never, now: () => new Date(), logger, retry: FAST_RETRY });
    expect(platforms).toEqual([]);
    const lines = logger.lines.map((l) => JSON.parse(l) as { level: string; message: string });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', message: 'the Zalo OA channel is off: ZALO_APP_SECRET, ZALO_ACCESS_TOKEN, ZALO_REFRESH_TOKEN are not set' });
    expect(lines[1]).toMatchObject({ level: 'info', message: expect.stringContaining('the Messenger channel is off (set FB_APP_SECRET, FB_VERIFY_TOKEN, FB_PAGE_ACCESS_TOKEN') });
    const app = createApp({ state: { engine: null, store: null }, logger, platforms });
    expect((await app.request('/webhooks/zalo', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await app.request('/webhooks/facebook?hub.mode=subscribe')).status).toBe(404);
    expect((await app.request('/webhooks/facebook', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('warns once, in one line, when Zalo is on without ZALO_OA_ID (events of every OA of the app would be answered)', async () => {
    const env = { ZALO_APP_ID: ZALO.appId, ZALO_APP_SECRET: ZALO.appSecret, ZALO_OA_SECRET_KEY: ZALO.oaSecretKey, ZALO_ACCESS_TOKEN: 'a', ZALO_REFRESH_TOKEN: 'r' };
    const warnings = (extra: Record<string, string>) => {
      const logger = captureLogger();
      const platforms = createPlatformChannels(loadConfig({ ...env, ...extra }), { fetch, stores: () => ({}) as never, now: () => new Date(), logger, retry: FAST_RETRY });
      expect(platforms.map((c) => c.channel)).toEqual(['zalo']);
      return logger.lines.map((l) => JSON.parse(l) as { level: string; message: string }).filter((l) => l.level === 'warn');
    };
    const without = warnings({});
    expect(without).toHaveLength(1);
    expect(without[0]?.message).toMatch(/^ZALO_OA_ID is not set: events for any OA linked to the Zalo app are answered/);
    expect(warnings({ ZALO_OA_ID: ZALO.oaId })).toEqual([]);
  });

  it('answers 503 while the database is not open yet, so the platform delivers again', async () => {
    const zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
    open.push(zalo);
    const logger = captureLogger();
    const config = loadConfig({ ZALO_APP_ID: ZALO.appId, ZALO_APP_SECRET: ZALO.appSecret, ZALO_OA_SECRET_KEY: ZALO.oaSecretKey, ZALO_ACCESS_TOKEN: 'a', ZALO_REFRESH_TOKEN: 'r', ZALO_OPENAPI_BASE: zalo.url });
    const { AppError } = await import('../src/errors.ts');
    const platforms = createPlatformChannels(config, {
      fetch,
      stores: () => {
        throw new AppError('not_ready');
      },
      now: () => new Date(),
      logger,
    });
    const app = createApp({ state: { engine: null, store: null }, logger, platforms });
    const raw = zaloTextEvent({ appId: ZALO.appId, oaId: ZALO.oaId, userId: '1', msgId: 'x', text: 'NQ57?' });
    const res = await postZaloEvent((path, init) => app.request(path, init), raw, ZALO);
    expect(res.status).toBe(503);
    await pause(50);
    expect(zalo.sent).toEqual([]);
  });
});

describe('waiting for the platform', () => {
  it('acknowledges within the deadline even when answering is slow', async () => {
    const { p, zalo } = await setUp();
    const real = p.ready.answer;
    p.ready.answer = async (...args) => {
      await pause(1_500);
      return real(...args);
    };
    const user = zaloUser();
    const started = performance.now();
    expect((await askZalo(p, user, 'NQ57 là gì?')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(200);
    await waitUntil('the slow answer', () => zalo.textsTo(user).length === 1, 5_000);
  });
});
