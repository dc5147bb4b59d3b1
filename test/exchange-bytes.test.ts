/**
 * @module
 * How many bytes the database grows by per exchange (README, "Reports and personal data"):
 * the 355 questions of eval/questions.jsonl asked through /api/chat (real answers, sources,
 * conversations of three questions, one answer in five rated, the review queue brought up
 * to date), then the largest exchange the service can store (a 1,000-code-point question
 * and comment of 4-byte characters, an answer at the 4,000-code-point cap, five sources). Measured as pages in use after a checkpoint, indexes included; printed.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, ROOT } from './helpers.ts';
import { createWorkspaceApp, type WorkspaceApp } from './workspace-helpers.ts';

let t: WorkspaceApp;
beforeAll(async () => {
  t = await createWorkspaceApp();
});
afterAll(async () => {
  await t.close();
});

/** Bytes of the pages in use once the WAL is folded back into the file. */
function usedBytes(file: string): number {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  } finally {
    db.close();
  }
}

describe('bytes stored per exchange', () => {
  it('is measured for real questions and for the largest exchange allowed, and bounded', async () => {
    const questions = readFileSync(join(ROOT, 'eval', 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { question: string }).question);
    await t.stores.conversations.flush(5_000);
    const empty = usedBytes(t.dbFile);
    let conversationId: string | undefined;
    for (const [i, message] of questions.entries()) {
      const res = await postJson(t.app, '/api/chat', { message, ...(i % 3 && conversationId ? { conversationId } : {}) });
      const body = (await res.json()) as { conversationId: string; messageId: string };
      conversationId = body.conversationId;
      if (i % 5 === 0) await postJson(t.app, '/api/feedback', { messageId: body.messageId, rating: i % 10 === 0 ? 'down' : 'up', ...(i % 10 === 0 ? { comment: 'Câu trả lời chưa đúng điều tôi hỏi.' } : {}) });
    }
    await t.stores.conversations.flush(5_000);
    await t.workspace.queue.sync();
    const typical = (usedBytes(t.dbFile) - empty) / questions.length;

    const before = usedBytes(t.dbFile);
    const big = 400;
    const sources = Array.from({ length: 5 }, (_, k) => ({ passageId: `ke-hoach-dien-bien-1169#${k}`, documentId: 'ke-hoach-dien-bien-1169', section: 'V. Tổ chức thực hiện › 10. Chế độ báo cáo' }));
    for (let i = 0; i < big; i++) {
      await t.stores.conversations.saveExchange({
        messageId: `big-${i}`,
        conversationId: `big-conversation-${i}`,
        channel: 'web',
        question: '😀'.repeat(1_000),
        outcome: 'no_answer',
        method: 'none',
        answer: 'ữ'.repeat(6_000),
        sources,
        latencyMs: 1234.56,
        createdAt: new Date(t.now.ms + i).toISOString(),
        confidence: null,
      });
    }
    await t.stores.conversations.flush(5_000);
    for (let i = 0; i < big; i++) await t.stores.conversations.saveFeedback({ messageId: `big-${i}`, rating: 'down', comment: '😀'.repeat(1_000), createdAt: new Date(t.now.ms).toISOString() });
    await t.stores.conversations.flush(5_000);
    await t.workspace.queue.sync();
    const largest = (usedBytes(t.dbFile) - before) / big;

    const perDay = (bytes: number) => ((bytes * 20 * 60 * 24) / 1e6).toFixed(1);
    console.log(
      `bytes stored per exchange: ${Math.round(typical)} for the ${questions.length} eval questions, ${Math.round(largest)} at most; ` +
        `one client at RATE_LIMIT_PER_MINUTE=20 adds at most ${perDay(largest)} MB a day (${perDay(typical)} MB with typical questions)`,
    );
    expect(typical).toBeGreaterThan(200);
    expect(typical).toBeLessThan(4_000);
    // 4,000 + 12,000 + 4,000 bytes of text, on overflow pages of 4 KB, with a queue item, sources and indexes.
    expect(largest).toBeLessThan(32_000);
  }, 120_000);
});
