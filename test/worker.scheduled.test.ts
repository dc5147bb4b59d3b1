/**
 * @module
 * The Worker's Cron Triggers (wrangler.toml), fired in workerd as the platform fires them
 * (`scheduled` of the Worker's main module): every minute, the staff answers waiting in the
 * outbox reach Zalo and Messenger (nothing sends them before); daily at RETENTION_CRON, the
 * retention purge removes citizens' exchanges and conversations older than RETENTION_DAYS,
 * keeps newer ones and records the run in the audit log. The minute's trigger purges nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_CRON } from '../src/entry/worker/service.ts';
import { messengerDelivery, messengerText, postMessengerDelivery, startFakeGraph, type FakeGraph } from './fakes/graph.fake.ts';
import { DATE_QUESTION } from './helpers.ts';
import { ADMIN, answerInQueue, messengerEnv, META, pause, waitUntil } from './platform-helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';
import { StaffClient } from './workspace-helpers.ts';

const EVERY_MINUTE = '* * * * *';
let graph: FakeGraph;
let worker: LocalWorker;

beforeAll(async () => {
  graph = await startFakeGraph({ pageAccessToken: META.pageAccessToken, appSecret: META.appSecret, version: META.version });
  worker = await startWorker({ ...messengerEnv(graph), SESSION_SECRET: 'c'.repeat(40), ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, RETENTION_DAYS: '30' });
}, 180_000);
afterAll(async () => {
  await worker?.close();
  await graph?.close();
});

/** Fires a Cron Trigger and waits for its work (what it left to waitUntil included). */
async function fire(cron: string): Promise<void> {
  const fetcher = (await worker.mf.getWorker()) as unknown as { scheduled(options: { cron: string; scheduledTime?: Date }): Promise<{ outcome: string }> };
  const result = await fetcher.scheduled({ cron, scheduledTime: new Date() });
  expect(result.outcome).toBe('ok');
}

describe('the Cron Triggers on the Worker', () => {
  it('sends a staff answer to Messenger on the minute trigger, not before', async () => {
    const psid = '7002000000000001';
    const question = 'Giá vé xe buýt ở Điện Biên là bao nhiêu?';
    const raw = messengerDelivery([{ pageId: META.pageId, messaging: [messengerText({ psid, pageId: META.pageId, mid: 'm_cron_1', text: question })] }]);
    expect((await postMessengerDelivery((path, init) => worker.request(path, init), raw, META.appSecret)).status).toBe(200);
    await graph.waitForMessages(1, psid);

    const staff = new StaffClient({ request: (path, init) => worker.request(path, { ...init, redirect: 'manual' }) });
    expect((await staff.login(ADMIN.username, ADMIN.password)).status).toBe(303);
    const answer = 'Giá vé xe buýt do Sở Xây dựng công bố; bạn vui lòng xem tại trang của Sở.';
    expect(await answerInQueue(staff, question, answer)).toBe(1);

    // Waiting in the outbox: on Workers only the Cron Trigger delivers it.
    await pause(1_000);
    expect(graph.messagesTo(psid)).toHaveLength(1);
    expect(await worker.query<{ state: string }>("SELECT state FROM outbox WHERE channel = 'messenger' AND external_user_id = ?", psid)).toEqual([{ state: 'pending' }]);

    await fire(EVERY_MINUTE);
    const messages = await graph.waitForMessages(2, psid, 5_000);
    expect(messages[1]?.text).toContain(answer);
    expect(await worker.query<{ state: string }>("SELECT state FROM outbox WHERE channel = 'messenger' AND external_user_id = ?", psid)).toEqual([{ state: 'delivered' }]);

    // Delivered once: the next minute sends nothing more.
    await fire(EVERY_MINUTE);
    await pause(300);
    expect(graph.messagesTo(psid)).toHaveLength(2);
  }, 90_000);

  it('purges exchanges and conversations older than RETENTION_DAYS on the daily trigger, keeps newer ones, and records the run', async () => {
    const ask = async () => {
      const res = await worker.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.20' }, body: JSON.stringify({ message: DATE_QUESTION }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { conversationId: string }).conversationId;
    };
    const old = await ask();
    const recent = await ask();
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const db = await worker.database();
    await db.prepare('UPDATE exchanges SET created_at = ? WHERE conversation_id = ?').bind(longAgo, old).run();
    await db.prepare('UPDATE conversations SET created_at = ?, updated_at = ? WHERE id = ?').bind(longAgo, longAgo, old).run();
    const exchangesOf = async (id: string) => (await worker.query<{ n: number }>('SELECT COUNT(*) AS n FROM exchanges WHERE conversation_id = ?', id))[0]?.n;

    await fire(EVERY_MINUTE);
    expect(await exchangesOf(old)).toBe(1);

    await fire(RETENTION_CRON);
    expect(await exchangesOf(old)).toBe(0);
    expect(await worker.query('SELECT id FROM conversations WHERE id = ?', old)).toEqual([]);
    expect(await exchangesOf(recent)).toBe(1);
    const runs = await waitUntil('the purge in the audit log', async () => {
      const rows = await worker.query<{ actor: string; after: string }>("SELECT actor, after FROM audit_log WHERE action = 'retention.purge'");
      return rows.length > 0 && rows;
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.actor).toBe('system');
    expect(JSON.parse(runs[0]?.after ?? '{}')).toMatchObject({ retentionDays: 30, complete: true, exchanges: 1 });
  }, 60_000);
});
