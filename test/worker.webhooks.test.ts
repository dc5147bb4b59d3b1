/**
 * @module
 * Zalo and Messenger on the Worker in workerd: a signed event is acknowledged at once and
 * answered after the acknowledgement (through `waitUntil`), against the loopback fakes of
 * Zalo's OpenAPI and Meta's Graph API; a forged signature is refused and nothing is sent; a
 * redelivery is not answered twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messengerDelivery, messengerText, postMessengerDelivery, startFakeGraph, type FakeGraph } from './fakes/graph.fake.ts';
import { postZaloEvent, startFakeZalo, zaloTextEvent, type FakeZalo } from './fakes/zalo.fake.ts';
import { messengerEnv, META, waitUntil, ZALO, zaloEnv } from './platform-helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';

let zalo: FakeZalo;
let graph: FakeGraph;
let worker: LocalWorker;
const send = (path: string, init: RequestInit) => worker.request(path, init);

beforeAll(async () => {
  zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
  graph = await startFakeGraph({ pageAccessToken: META.pageAccessToken, appSecret: META.appSecret, version: META.version });
  worker = await startWorker({ ...zaloEnv(zalo), ...messengerEnv(graph), SESSION_SECRET: 's'.repeat(40) });
}, 180_000);
afterAll(async () => {
  await worker?.close();
  await zalo?.close();
  await graph?.close();
});

const event = (userId: string, msgId: string, text: string) => zaloTextEvent({ appId: ZALO.appId, userId, oaId: ZALO.oaId, msgId, text });

describe('Zalo on the Worker', () => {
  it('acknowledges a signed event before answering it, then answers it through waitUntil', async () => {
    // Zalo's API answers slowly (1.5 s): the acknowledgement comes while the reply is still pending.
    zalo.script({ delayMs: 1_500 });
    const res = await postZaloEvent(send, event('4810000000000001', 'w-msg-1', 'ngay chuyen doi so quoc gia la ngay nao'), ZALO);
    expect(res.status).toBe(200);
    expect(zalo.sent).toEqual([]);
    // Recorded before the 200, answered after it.
    const [claimed] = await worker.query<{ state: string }>("SELECT state FROM webhook_events WHERE channel = 'zalo' AND event_id = 'w-msg-1'");
    expect(claimed).toBeDefined();
    const [reply] = await zalo.waitForMessages(1, '4810000000000001', 15_000);
    expect(reply?.text).toContain('10/10');
    await waitUntil('the event marked answered', async () => (await worker.query<{ state: string }>("SELECT state FROM webhook_events WHERE event_id = 'w-msg-1'"))[0]?.state === 'answered');
    const [exchange] = await worker.query<{ channel: string }>("SELECT e.channel FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.external_user_id = '4810000000000001'");
    expect(exchange?.channel).toBe('zalo');
  });

  it('refuses a forged signature with 401 and answers nothing', async () => {
    const before = zalo.calls;
    const res = await postZaloEvent(send, event('4810000000000002', 'w-msg-2', 'Nghị quyết 57 là gì?'), ZALO, 'mac=' + '0'.repeat(64));
    expect(res.status).toBe(401);
    expect(await worker.query("SELECT 1 FROM webhook_events WHERE event_id = 'w-msg-2'")).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(zalo.calls).toBe(before);
  });

  it('answers a redelivered event once', async () => {
    const raw = event('4810000000000003', 'w-msg-3', 'Nghị quyết 57 là gì?');
    expect((await postZaloEvent(send, raw, ZALO)).status).toBe(200);
    expect((await postZaloEvent(send, raw, ZALO)).status).toBe(200);
    await zalo.waitForMessages(1, '4810000000000003', 15_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const replies = zalo.sent.filter((m) => m.userId === '4810000000000003');
    expect(new Set(replies.map((m) => m.at)).size).toBe(replies.length);
    expect(await worker.query("SELECT 1 FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.external_user_id = '4810000000000003'")).toHaveLength(1);
  });
});

const delivery = (psid: string, mid: string, text: string) => messengerDelivery([{ pageId: META.pageId, messaging: [messengerText({ psid, pageId: META.pageId, mid, text })] }]);

describe('Messenger on the Worker', () => {
  it('acknowledges a signed event before answering it, then answers it through waitUntil', async () => {
    // The Graph API answers slowly (1.5 s): the acknowledgement comes while the reply is still pending.
    graph.script({ delayMs: 1_500 });
    const psid = '7001000000000001';
    const res = await postMessengerDelivery(send, delivery(psid, 'm_worker_1', 'Ngày Chuyển đổi số quốc gia là ngày nào?'), META.appSecret);
    expect(res.status).toBe(200);
    expect(graph.messagesTo(psid)).toEqual([]);
    const [claimed] = await worker.query<{ state: string }>("SELECT state FROM webhook_events WHERE channel = 'messenger' AND event_id = 'm_worker_1'");
    expect(claimed).toBeDefined();
    const [reply] = await graph.waitForMessages(1, psid, 15_000);
    expect(reply?.text).toContain('10/10');
    expect(reply?.messagingType).toBe('RESPONSE');
    await waitUntil('the event marked answered', async () => (await worker.query<{ state: string }>("SELECT state FROM webhook_events WHERE event_id = 'm_worker_1'"))[0]?.state === 'answered');
    const [exchange] = await worker.query<{ channel: string }>('SELECT e.channel FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.external_user_id = ?', psid);
    expect(exchange?.channel).toBe('messenger');
  });

  it('refuses a forged signature with 401 and answers nothing', async () => {
    const before = graph.calls.length;
    const res = await postMessengerDelivery(send, delivery('7001000000000002', 'm_worker_2', 'Nghị quyết 57 là gì?'), META.appSecret, `sha256=${'0'.repeat(64)}`);
    expect(res.status).toBe(401);
    expect(await worker.query("SELECT 1 FROM webhook_events WHERE event_id = 'm_worker_2'")).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(graph.calls.length).toBe(before);
  });
});
