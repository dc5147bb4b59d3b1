import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores, type SqliteStores } from '../sqlite-stores.ts';
import { StoreBusyError } from '../write-queue.ts';
import type { NewWebhookEvent } from './types.ts';

let dir: string;
let stores: SqliteStores;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hoidap-events-'));
  stores = openSqliteStores(join(dir, 'hoidap.sqlite'));
});
afterEach(async () => {
  await stores.conversations.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (eventId: string, overrides: Partial<NewWebhookEvent> = {}): NewWebhookEvent => ({
  channel: 'zalo',
  eventId,
  userId: 'u1',
  occurredAt: '2026-11-30T08:00:00.000Z',
  receivedAt: '2026-11-30T08:00:01.000Z',
  state: 'received',
  payload: JSON.stringify({ kind: 'text', text: 'câu hỏi' }),
  ...overrides,
});

describe('the webhook event store', () => {
  it('claims an event id once: a redelivery, and the same id in one batch, are duplicates', async () => {
    const events = stores.channels.events;
    expect((await events.claim([event('a'), event('b')])).map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(await events.claim([event('a'), event('c'), event('c')])).toEqual([event('c')]);
    // Ids are per channel: Messenger's "a" is another event.
    expect(await events.claim([event('a', { channel: 'messenger' })])).toHaveLength(1);
  });

  it('keeps the payload until the event is handled, then only its id, user and times', async () => {
    const events = stores.channels.events;
    await events.claim([event('a'), event('b')]);
    await events.mark('zalo', 'a', 'answering', '2026-11-30T08:00:02.000Z');
    expect((await events.waiting('zalo', '2026-11-30T09:00:00.000Z', 10)).map((e) => e.eventId)).toEqual(['b']);
    await events.mark('zalo', 'a', 'answered', '2026-11-30T08:00:03.000Z');
    await events.mark('zalo', 'b', 'received', '2026-11-30T08:00:03.000Z');
    expect((await events.waiting('zalo', '2026-11-30T09:00:00.000Z', 10))[0]?.payload).toContain('câu hỏi');
    expect(await events.waiting('zalo', '2026-11-30T08:00:00.000Z', 10)).toEqual([]);
    const db = new Database(join(dir, 'hoidap.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT state, payload FROM webhook_events WHERE event_id = 'a'").get()).toEqual({ state: 'answered', payload: null });
    } finally {
      db.close();
    }
  });

  it("knows when a user last wrote, and forgets events past the retention", async () => {
    const events = stores.channels.events;
    await events.claim([event('old', { occurredAt: '2026-11-01T00:00:00.000Z', receivedAt: '2026-11-01T00:00:00.000Z' }), event('new'), event('other', { userId: 'u2', occurredAt: '2026-11-30T09:00:00.000Z' })]);
    await events.claim([event('follow:u3', { userId: 'u3', state: 'ignored', payload: null })]);
    expect(await events.lastInteraction('zalo', 'u1')).toBe('2026-11-30T08:00:00.000Z');
    expect(await events.lastInteraction('zalo', 'u3')).toBe('2026-11-30T08:00:00.000Z');
    expect(await events.lastInteraction('messenger', 'u1')).toBeNull();
    expect(await events.prune('2026-11-22T00:00:00.000Z')).toBe(1);
    // Pruned, "old" could be claimed again: which is why events older than the retention are refused at the door.
    expect(await events.claim([event('old')])).toHaveLength(1);
  });

  it('refuses to claim while another process holds the database (the webhook answers 5xx)', async () => {
    const other = new Database(join(dir, 'hoidap.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      await expect(stores.channels.events.claim([event('a')])).rejects.toBeInstanceOf(StoreBusyError);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await stores.channels.events.claim([event('a')])).toHaveLength(1);
  });

  it('stores rotated tokens', async () => {
    const tokens = stores.channels.tokens;
    expect(await tokens.read('zalo')).toBeNull();
    const pair = { accessToken: 'a1', refreshToken: 'r1', expiresAt: '2026-12-01T09:00:00.000Z', seed: 's', updatedAt: '2026-11-30T08:00:00.000Z' };
    await tokens.write('zalo', pair);
    await tokens.write('zalo', { ...pair, accessToken: 'a2', refreshToken: 'r2' });
    expect(await tokens.read('zalo')).toEqual({ ...pair, accessToken: 'a2', refreshToken: 'r2' });
  });
});
