/**
 * @module
 * Delivery of staff messages per channel: the web's is immediate (fetched by the widget);
 * a pushing channel's failures are retried with a doubling delay, then marked failed; a
 * channel with no delivery yet keeps its messages waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { openSqliteStores, type SqliteStores } from '../store/sqlite-stores.ts';
import { createOutboxDispatcher, webDelivery, type ChannelDelivery } from './outbox.ts';

let dir: string;
let s: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  s = openSqliteStores(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await s.conversations.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seed(channel: string, id: string) {
  await s.conversations.saveExchange({ messageId: `q-${id}`, conversationId: `c-${id}`, channel, externalUserId: channel === 'web' ? null : `u-${id}`, question: 'Hỏi?', outcome: 'no_answer', method: 'none', answer: 'Chưa có.', sources: [], latencyMs: 1, createdAt: '2026-11-30T00:00:00.000Z' });
  await s.workspace.review.addItems([{ id: `g-${id}`, question: 'Hỏi?', terms: [], folded: 'hoi?' }], [{ messageId: `q-${id}`, question: 'Hỏi?', reason: 'no_answer', askedAt: '2026-11-30T00:00:00.000Z', groupId: `g-${id}` }]);
  await s.workspace.review.answer(
    { id: `a-${id}`, groupId: `g-${id}`, text: 'Trả lời.', author: 'e', createdAt: '2026-11-30T01:00:00.000Z' },
    [{ id, conversationId: `c-${id}`, channel, externalUserId: channel === 'web' ? null : `u-${id}`, inReplyTo: `q-${id}`, staffAnswerId: `a-${id}`, text: 'Trả lời.', createdAt: '2026-11-30T01:00:00.000Z' }],
    { id: `audit-${id}`, at: '2026-11-30T01:00:00.000Z', actor: 'e', action: 'answer.send', target: `g-${id}`, before: null, after: null },
  );
}

const CHANNEL: Record<string, string> = { w: 'web', z: 'zalo', f: 'messenger' };
const state = async (id: string) => (await s.workspace.outbox.after(`c-${id}`, CHANNEL[id[0] as string] as string, {}, 10))[0]?.state;

describe('the outbox dispatcher', () => {
  it('makes web messages available, retries a failing push with backoff, and leaves channels without a delivery waiting', async () => {
    await seed('web', 'w1');
    await seed('zalo', 'z1');
    await seed('messenger', 'f1');
    let now = Date.parse('2026-11-30T02:00:00.000Z');
    let failures = 2;
    const zalo: ChannelDelivery = { deliver: async () => (failures-- > 0 ? { state: 'failed', error: 'HTTP 503', retryable: true } : { state: 'delivered' }) };
    const dispatcher = createOutboxDispatcher({ store: () => s.workspace.outbox, deliveries: { web: webDelivery, zalo }, now: () => new Date(now), logger: createLogger('silent') });
    expect(await dispatcher.dispatch()).toBe(2);
    expect(await state('w1')).toBe('available');
    expect(await state('z1')).toBe('pending');
    expect(await state('f1')).toBe('pending');
    // Not due again before its delay (a minute, then two).
    expect(await dispatcher.dispatch()).toBe(0);
    now += 61_000;
    expect(await dispatcher.dispatch()).toBe(1);
    now += 121_000;
    expect(await dispatcher.dispatch()).toBe(1);
    expect(await state('z1')).toBe('delivered');
  });

  it('marks a message failed after a refusal that retrying cannot fix', async () => {
    await seed('zalo', 'z2');
    const dispatcher = createOutboxDispatcher({ store: () => s.workspace.outbox, deliveries: { zalo: { deliver: async () => ({ state: 'failed', error: 'user blocked the OA', retryable: false }) } }, now: () => new Date(), logger: createLogger('silent') });
    await dispatcher.dispatch();
    expect(await s.workspace.outbox.due(['zalo'], '9999', 10)).toEqual([]);
  });
});
