/**
 * @module
 * `GET` and `POST /webhooks/facebook` on the real server against a faithful fake of the
 * Graph API Send endpoint on loopback, with deliveries made as Meta makes them (batched
 * entries, `\uXXXX`-escaped text, `X-Hub-Signature-256`): the handshake, one answer per
 * signed question with a typing indicator first and quick replies, 401 and nothing done
 * for a bad signature or a tampered body, a batch of 1,000 events answered entry by entry
 * and each user's questions in order, one answer for an event delivered five times, and
 * retried then recorded platform failures.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, queryDatabase, removeDir } from './helpers.ts';
import { messengerDelivery, messengerText, metaSignature, postMessengerDelivery, startFakeGraph, type FakeGraph } from './fakes/graph.fake.ts';
import { DISCLOSURE } from '../src/channels/platform/messages.ts';
import { eventRows, messengerEnv, META, pause, storedQuestionBytes, waitUntil } from './platform-helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';

let graph: FakeGraph;
let server: Server;
let dataDir: string;
let dbFile: string;
let users = 0;
let mids = 0;
const newUser = () => `70010000${String(++users).padStart(8, '0')}`;
const newMid = () => `m_${Date.now().toString(36)}_${++mids}`;

const QUESTIONS = ['NQ57 là gì?', 'Ngày Chuyển đổi số quốc gia là ngày nào?', 'Bình dân học vụ số là gì?', 'Mục tiêu đến năm 2030 là gì?', 'Kế hoạch của tỉnh do ai ký?'];

const one = (psid: string, text: string, overrides: { mid?: string; timestamp?: number; quickReplyPayload?: string } = {}) =>
  messengerDelivery([{ pageId: META.pageId, messaging: [messengerText({ psid, pageId: META.pageId, mid: overrides.mid ?? newMid(), text, timestamp: overrides.timestamp, quickReplyPayload: overrides.quickReplyPayload })] }]);
const post = (raw: string, signature?: string | null) => postMessengerDelivery(server.base, raw, META.appSecret, signature);

function questionsOf(psid: string): string[] {
  return queryDatabase<{ question: string }>(
    dbFile,
    'SELECT e.question FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.channel = ? AND c.external_user_id = ? ORDER BY e.created_at, e.rowid',
    'messenger',
    psid,
  ).map((r) => r.question);
}

beforeAll(async () => {
  graph = await startFakeGraph({ pageAccessToken: META.pageAccessToken, appSecret: META.appSecret, version: META.version });
  dataDir = makeTempDir('messenger');
  dbFile = join(dataDir, 'hoidap.sqlite');
  server = await startReady(dataDir, { ...messengerEnv(graph), LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await stopServer(server);
  await graph.close();
  removeDir(dataDir);
});

describe('GET /webhooks/facebook', () => {
  it('echoes the challenge when the verify token matches, and refuses otherwise with 403', async () => {
    const url = (mode: string, token: string, challenge = '1158201444') =>
      `${server.base}/webhooks/facebook?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=${encodeURIComponent(challenge)}`;
    const ok = await fetch(url('subscribe', META.verifyToken));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    for (const bad of [url('subscribe', 'wrong'), url('unsubscribe', META.verifyToken), url('subscribe', META.verifyToken, '<script>alert(1)</script>'), `${server.base}/webhooks/facebook`]) {
      expect((await fetch(bad)).status).toBe(403);
    }
  });
});

describe('POST /webhooks/facebook on the real server', () => {
  it('answers a signed, \\u-escaped Vietnamese question once: typing indicator first, RESPONSE, disclosure, sources, quick replies', async () => {
    const psid = newUser();
    const raw = one(psid, 'Ngày Chuyển đổi số quốc gia là ngày nào?');
    expect(raw).toContain('Ng\\u00e0y Chuy\\u1ec3n');
    const res = await post(raw);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EVENT_RECEIVED');
    const [reply] = await graph.waitForMessages(1, psid);
    const calls = graph.calls.filter((c) => c.userId === psid);
    expect(calls[0]).toMatchObject({ kind: 'action', action: 'typing_on' });
    expect(reply?.messagingType).toBe('RESPONSE');
    expect(reply?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
    expect(reply?.text).toContain('10/10');
    expect(reply?.text).toContain('Nguồn:\n1. ');
    const quick = reply?.quickReplies ?? [];
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.every((q) => q.title.length <= 20)).toBe(true);

    // Tapping a quick reply sends its (shortened) title as text and the whole question as payload.
    const tapped = quick[0]!;
    await post(one(psid, tapped.title, { quickReplyPayload: tapped.payload }));
    await graph.waitForMessages(2, psid);
    await pause(300);
    expect(graph.messagesTo(psid)).toHaveLength(2);
    expect(questionsOf(psid)).toEqual(['Ngày Chuyển đổi số quốc gia là ngày nào?', tapped.payload]);
  });

  it('stores and answers a lone surrogate in a question as U+FFFD, as the web API does, never as malformed UTF-8', async () => {
    const psid = newUser();
    const raw = one(psid, 'NQ57 là gì? \ud800');
    expect(raw).toContain('\\ud800');
    expect((await post(raw)).status).toBe(200);
    const [reply] = await graph.waitForMessages(1, psid);
    expect(reply?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
    const stored = storedQuestionBytes(dbFile, 'messenger', psid);
    expect(stored).toEqual([{ q: Buffer.from('NQ57 là gì? \uFFFD', 'utf8').toString('hex').toUpperCase() }]);
  });

  it('skips only the items of a delivery that do not fit, logging no personal data, and answers the rest', async () => {
    const [valid, longMid, tooLong] = [newUser(), newUser(), newUser()];
    const longSender = `9${'8'.repeat(64)}`;
    const logged = server.output.join('').length;
    const raw = messengerDelivery([
      {
        pageId: META.pageId,
        messaging: [
          messengerText({ psid: longSender, pageId: META.pageId, mid: newMid(), text: 'Câu hỏi của người gửi có mã quá dài?' }),
          messengerText({ psid: valid, pageId: META.pageId, mid: newMid(), text: 'NQ57 là gì?' }),
          messengerText({ psid: longMid, pageId: META.pageId, mid: `m_${'x'.repeat(600)}`, text: 'Câu hỏi có mã tin nhắn quá dài?' }),
          // Over the 20,000 characters this used to refuse with the whole delivery: the "too long" notice, as for 1,001.
          messengerText({ psid: tooLong, pageId: META.pageId, mid: newMid(), text: 'chuyển đổi số '.repeat(2_000) }),
        ],
      },
      { pageId: META.pageId, messaging: 'not a list' as unknown as unknown[] },
    ]);
    const res = await post(raw);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EVENT_RECEIVED');
    const [answer] = await graph.waitForMessages(1, valid);
    expect(answer?.text).toMatch(/^Xin chào! Tôi là trợ lý tự động/);
    const [notice] = await graph.waitForMessages(1, tooLong);
    expect(notice?.text).toBe(`${DISCLOSURE}\n\nCâu hỏi dài quá 1000 ký tự. Bạn vui lòng rút gọn và gửi lại nhé.`);
    await pause(500);
    expect(graph.calls.filter((c) => c.userId === longSender || c.userId === longMid)).toEqual([]);
    expect(eventRows(dbFile, 'messenger').filter((r) => [longSender, longMid].includes(r.user_id))).toEqual([]);
    expect(questionsOf(valid)).toEqual(['NQ57 là gì?']);
    expect(questionsOf(tooLong)).toEqual([]);
    const log = await waitUntil('the skipped items logged', () => server.output.join('').slice(logged).includes('were skipped') && server.output.join('').slice(logged));
    const warning = log.split('\n').find((l) => l.includes('were skipped'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 'warn', skipped: 3 });
    for (const secret of [longSender, longMid, 'quá dài', 'xxxxxxxx']) expect(log).not.toContain(secret);
  });

  it('refuses a bad signature, a tampered body and a missing signature with 401, and does nothing', async () => {
    const psid = newUser();
    const raw = one(psid, 'NQ57 là gì?');
    const cases: Array<[string, string | null]> = [
      [raw, `sha256=${'0'.repeat(64)}`],
      [raw.replace('NQ57', 'NQ58'), metaSignature(raw, META.appSecret)],
      [raw, metaSignature(raw, 'another app secret')],
      [JSON.stringify(JSON.parse(raw)), metaSignature(raw, META.appSecret)],
      [raw, null],
    ];
    for (const [body, signature] of cases) expect((await post(body, signature)).status).toBe(401);
    const old = one(psid, 'NQ57 là gì?', { timestamp: Date.now() - 8 * 86_400_000 });
    expect((await post(old)).status).toBe(401);
    await pause(500);
    expect(graph.calls.filter((c) => c.userId === psid)).toEqual([]);
    expect(eventRows(dbFile).filter((r) => r.user_id === psid)).toEqual([]);
  });

  it('answers a batch of 1,000 events entry by entry: each question once, each user in timestamp order; echoes and receipts dropped', async () => {
    const psids = Array.from({ length: 250 }, newUser);
    const base = Date.now() - 60_000;
    const asked = new Map<string, string[]>();
    const entries: Array<{ pageId: string; messaging: unknown[] }> = [];
    for (let e = 0; e < 100; e++) {
      const messaging: unknown[] = [];
      for (let i = 0; i < 10; i++) {
        const n = e * 10 + i;
        const psid = psids[n % psids.length]!;
        const turn = Math.floor(n / psids.length);
        const question = `${QUESTIONS[(n + turn) % QUESTIONS.length]} (${turn + 1})`;
        // Later questions of a user come first in the batch: Meta does not promise order.
        messaging.push(messengerText({ psid, pageId: META.pageId, mid: newMid(), text: question, timestamp: base + 1000 * (4 - turn) + (n % psids.length) }));
        asked.set(psid, [question, ...(asked.get(psid) ?? [])]);
      }
      messaging.push({ sender: { id: META.pageId }, recipient: { id: psids[e]! }, timestamp: base, message: { mid: newMid(), text: 'echo', is_echo: true, app_id: 1 } });
      messaging.push({ sender: { id: psids[e]! }, recipient: { id: META.pageId }, timestamp: base, delivery: { mids: ['x'], watermark: base } });
      entries.push({ pageId: META.pageId, messaging });
    }
    const raw = messengerDelivery(entries);
    const started = performance.now();
    const res = await post(raw);
    expect(res.status).toBe(200);
    console.log(`a 1,000-event batch (${(raw.length / 1024).toFixed(0)} KB) acknowledged in ${(performance.now() - started).toFixed(0)} ms`);
    await waitUntil('every event handled', () => eventRows(dbFile, 'messenger').filter((r) => psids.includes(r.user_id) && r.state === 'answered').length === 1000, 60_000);
    for (const psid of psids) {
      expect(questionsOf(psid)).toEqual(asked.get(psid));
      expect(graph.messagesTo(psid).length).toBeGreaterThanOrEqual(4);
    }
    expect(graph.calls.some((c) => c.text === 'echo')).toBe(false);
  }, 120_000);

  it('answers an event delivered five times (two of them at once) exactly once', async () => {
    const psid = newUser();
    const raw = one(psid, 'Bình dân học vụ số là gì?');
    const statuses = (await Promise.all([post(raw), post(raw)])).map((r) => r.status);
    for (let i = 0; i < 3; i++) statuses.push((await post(raw)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await graph.waitForMessages(1, psid);
    await pause(700);
    expect(graph.messagesTo(psid)).toHaveLength(1);
    expect(questionsOf(psid)).toHaveLength(1);
  });

  it('retries a platform 5xx with backoff, then records the reply as failed with the event id', async () => {
    const psid = newUser();
    const mid = newMid();
    // The typing indicator goes first (and passes); then every try of the reply fails.
    graph.script({ delayMs: 0 }, { status: 500 }, { status: 502 }, { status: 503 });
    expect((await post(one(psid, 'NQ57 là gì?', { mid }))).status).toBe(200);
    const row = await waitUntil('the failure recorded', () => eventRows(dbFile).find((r) => r.event_id === mid && r.state === 'failed'));
    expect(row.error).toBe('messenger transient (http 503)');
    expect(graph.messagesTo(psid)).toEqual([]);
    // The log line is written before the failure is recorded, but reaches this process through a pipe: waited for.
    await waitUntil('the failure logged', () => server.output.join('').includes(`"eventId":"${mid}"`));
  });
});
