/**
 * @module
 * The staff workspace's SQLite stores on one database: FAQ changes are all-or-none with
 * their audit records and refuse a stale version; the review queue picks up declined,
 * rated-down and low-confidence exchanges once each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from './audit/types.ts';
import { FaqConflictError, type FaqContent } from './faq/types.ts';
import { openSqliteStores, type SqliteStores } from './sqlite-stores.ts';
import type { ExchangeRecord } from './types.ts';

let dir: string;
let s: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workspace-stores-'));
  s = openSqliteStores(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await s.conversations.close();
  rmSync(dir, { recursive: true, force: true });
});

const content: FaqContent = { question: 'Câu hỏi thử?', alternatives: ['cau hoi thu'], answer: 'Câu trả lời thử đủ dài.', document: 'd', section: null, agency: 'Sở', reviewBy: '2027-01-01' };
const audit = (id: string, target: string): AuditRecord => ({ id, at: '2026-11-30T00:00:00.000Z', actor: 'a', action: 'faq.create', target, before: null, after: { x: 1 } });
const at = '2026-11-30T00:00:00.000Z';

function exchange(messageId: string, overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return { messageId, conversationId: `c-${messageId}`, channel: 'web', question: `Câu hỏi ${messageId}?`, outcome: 'answered', method: 'extractive', answer: 'Trả lời.', sources: [], latencyMs: 1, createdAt: '2026-11-30T01:00:00.000Z', confidence: 0.9, ...overrides };
}

describe('the FAQ store', () => {
  it('writes changes and their audit records all or none, and refuses a stale version', async () => {
    await s.workspace.faq.save([{ id: 'a', expectedVersion: null, status: 'draft', content: { ...content, author: 'e', note: null }, at }], [audit('1', 'a')]);
    const both = s.workspace.faq.save(
      [
        { id: 'b', expectedVersion: null, status: 'draft', content: { ...content, author: 'e', note: null }, at },
        { id: 'a', expectedVersion: 0, status: 'draft', content: { ...content, author: 'e', note: null }, at },
      ],
      [audit('2', 'b')],
    );
    await expect(both).rejects.toBeInstanceOf(FaqConflictError);
    expect(await s.workspace.faq.get('b')).toBeNull();
    expect((await s.workspace.audit.list({ limit: 10 })).map((r) => r.id)).toEqual(['1']);
    await s.workspace.faq.save([{ id: 'a', expectedVersion: 1, status: 'published', publish: {}, at }], []);
    expect(await s.workspace.faq.published()).toEqual([{ id: 'a', reviewedOn: '2026-11-30', ...content }]);
  });
});

describe('the review queue store', () => {
  it('picks up declined, rated-down and low-confidence extractive and generated answers, each once, a thumbs-down first', async () => {
    const c = s.conversations;
    await c.saveExchange(exchange('m1', { outcome: 'no_answer', method: 'none', confidence: null }));
    await c.saveExchange(exchange('m2', { confidence: 0.4 }));
    await c.saveExchange(exchange('m3', { method: 'faq', confidence: 0.4 }));
    await c.saveExchange(exchange('m4', { confidence: 0.95 }));
    await c.saveExchange(exchange('m5', { confidence: 0.5 }));
    await c.saveExchange(exchange('m6', { method: 'llm', confidence: 0.4 }));
    await c.saveExchange(exchange('m7', { method: 'llm', confidence: 0.9 }));
    await c.saveFeedback({ messageId: 'm4', rating: 'down', comment: null, createdAt: at });
    await c.saveFeedback({ messageId: 'm5', rating: 'down', comment: null, createdAt: at });
    const found = await s.workspace.review.candidates('', 0.65, 100);
    expect(found.map((f) => [f.messageId, f.reason]).sort()).toEqual([
      ['m1', 'no_answer'],
      ['m2', 'low_confidence'],
      ['m4', 'thumbs_down'],
      ['m5', 'thumbs_down'],
      ['m6', 'low_confidence'],
    ]);
    await s.workspace.review.addItems([{ id: 'g', question: 'Câu hỏi m1?', terms: ['m1'], folded: 'cau hoi m1?' }], found.map((f) => ({ ...f, groupId: 'g' })));
    expect(await s.workspace.review.candidates('', 0.65, 100)).toEqual([]);
    const [group] = await s.workspace.review.listGroups({ status: 'open', limit: 10 });
    expect(group).toMatchObject({ count: 5, reasons: { no_answer: 1, out_of_scope: 0, thumbs_down: 2, low_confidence: 2 } });
  });
});
