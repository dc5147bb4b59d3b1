import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerQuestion, Turn } from '../answer/answer.ts';
import { AppError } from '../errors.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.ts';
import { createMemoryLocks } from './locks.ts';
import { createConversationService } from './service.ts';

let dir: string;
let store: SqliteStore;
let clock: number;
const seen: Array<{ message: string; history: readonly Turn[] }> = [];
/** An answerer that records what it was asked with, so the test sees the history the service gives it. */
const answer = (async (message: string, history: readonly Turn[] = []) => {
  seen.push({ message, history });
  return { outcome: 'answered', method: 'extractive', answer: `Trả lời: ${message}`, sources: [], suggestions: [], signals: { faq: 0, coverage: 1, score: 1, followUp: false } };
}) as AnswerQuestion;

function service(locks = createMemoryLocks()) {
  let n = 0;
  return createConversationService({ answer, documents: new Map(), store, locks, now: () => new Date(clock), newId: () => `id-${++n}-${clock}`, conversationTtlMs: 60 * 60_000 });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conversation-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  clock = Date.UTC(2026, 0, 1, 8);
  seen.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the conversation service', () => {
  it('keeps one conversation per platform user, however long ago it was active, with history only from recent turns', async () => {
    const s = service();
    const first = await s.ask({ channel: 'zalo', externalUserId: 'u1', message: 'NQ57 là gì?' });
    expect(first.isNew).toBe(true);
    clock += 10 * 60_000;
    const second = await s.ask({ channel: 'zalo', externalUserId: 'u1', message: 'còn mục tiêu thì sao?' });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.isNew).toBe(false);
    expect(seen[1]?.history.map((t) => t.question)).toEqual(['NQ57 là gì?']);
    clock += 5 * 60 * 60_000;
    const later = await s.ask({ channel: 'zalo', externalUserId: 'u1', message: 'chào' });
    expect(later.conversationId).toBe(first.conversationId);
    expect(seen[2]?.history).toEqual([]);
  });

  it('keeps platform users apart, and the same id on another channel apart', async () => {
    const s = service();
    const a = await s.ask({ channel: 'zalo', externalUserId: 'u1', message: 'a' });
    const b = await s.ask({ channel: 'zalo', externalUserId: 'u2', message: 'b' });
    const c = await s.ask({ channel: 'messenger', externalUserId: 'u1', message: 'c' });
    expect(new Set([a.conversationId, b.conversationId, c.conversationId]).size).toBe(3);
  });

  it('refuses a second question while the first is being answered, with 409 conflict', async () => {
    const s = service();
    const first = await s.ask({ channel: 'web', message: 'một' });
    const turn = await s.open({ channel: 'web', conversationId: first.conversationId, message: 'hai' });
    await expect(s.open({ channel: 'web', conversationId: first.conversationId, message: 'ba' })).rejects.toMatchObject({ code: 'conflict' } satisfies Partial<AppError>);
    await s.answer(turn);
    await expect(s.ask({ channel: 'web', conversationId: first.conversationId, message: 'bốn' })).resolves.toMatchObject({ conversationId: first.conversationId });
  });

  it('stores the question redacted and the platform user with the conversation', async () => {
    const s = service();
    const result = await s.ask({ channel: 'zalo', externalUserId: 'u9', message: 'Số tôi 0912345678, NQ57 là gì?' });
    expect(await store.recentQuestions(result.conversationId, 5)).toEqual([expect.not.stringContaining('0912345678')]);
    expect(await store.findUserConversation('zalo', 'u9')).toEqual({ id: result.conversationId });
  });
});
