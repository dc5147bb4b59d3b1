/**
 * @module
 * D1 in workerd (Miniflare's local D1, as `wrangler dev` runs it): the migrations applied
 * from empty by `wrangler d1 migrations apply` give the schema SQLite gets on Node, and the
 * D1 stores keep the SQLite stores' promises where D1 has no BEGIN: a change and its audit
 * record all or none, two people changing the same thing at once (one wins, the other is
 * told), an event id claimed once.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/store/audit/types.ts';
import type { D1Database } from '../src/store/d1/database.ts';
import { openD1Stores, type D1Stores } from '../src/store/d1/stores.ts';
import { FaqConflictError, type FaqContent } from '../src/store/faq/types.ts';
import { MIGRATIONS } from '../src/store/migrations/index.ts';
import { GroupStateError } from '../src/store/review/types.ts';
import { migrate } from '../src/store/sqlite.ts';
import { openSqliteStores } from '../src/store/sqlite-stores.ts';
import { StaffConflictError } from '../src/store/staff/types.ts';
import type { ExchangeRecord } from '../src/store/types.ts';
import { startWorker, workerArtifacts, type LocalWorker } from './worker/harness.ts';

let worker: LocalWorker;
let s: D1Stores;
beforeAll(async () => {
  worker = await startWorker({ SESSION_SECRET: 'd'.repeat(40) });
  s = openD1Stores((await worker.database()) as unknown as D1Database);
}, 180_000);
afterAll(async () => {
  await worker?.close();
});

const content: FaqContent = { question: 'Câu hỏi thử?', alternatives: ['cau hoi thu'], answer: 'Câu trả lời thử đủ dài.', document: 'd', section: null, agency: 'Sở', reviewBy: '2027-01-01' };
const at = '2026-11-30T00:00:00.000Z';
const audit = (id: string, target: string, action: AuditRecord['action'] = 'faq.create'): AuditRecord => ({ id, at, actor: 'a', action, target, before: null, after: { x: 1 } });
const exchange = (messageId: string, overrides: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  messageId,
  conversationId: `c-${messageId}`,
  channel: 'web',
  question: `Câu hỏi ${messageId}?`,
  outcome: 'answered',
  method: 'extractive',
  answer: 'Trả lời.',
  sources: [],
  latencyMs: 1,
  createdAt: '2026-11-30T01:00:00.000Z',
  confidence: 0.9,
  ...overrides,
});

describe('migrations on D1', () => {
  it('apply from empty with wrangler and give the schema SQLite gets from the same MIGRATIONS', async () => {
    const { migrations } = await workerArtifacts();
    for (const m of MIGRATIONS) expect(migrations.output).toContain(`${String(m.version).padStart(4, '0')}_`);
    const schema = (rows: Array<{ type: string; name: string; tbl_name: string }>) =>
      rows.filter((r) => !/^(sqlite_|_cf_|d1_migrations|schema_migrations)/.test(r.name)).map((r) => `${r.type} ${r.name} on ${r.tbl_name}`).sort();
    const onD1 = schema(await worker.query("SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')"));
    const sqlite = new Database(':memory:');
    migrate(sqlite);
    const onNode = schema(sqlite.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')").all() as Array<{ type: string; name: string; tbl_name: string }>);
    expect(onD1).toEqual(onNode);
    for (const table of onNode.filter((n) => n.startsWith('table ')).map((n) => n.split(' ')[1] as string)) {
      const columns = (rows: Array<{ name: string; type: string; notnull: number; pk: number }>) => rows.map((c) => `${c.name} ${c.type} ${c.notnull} ${c.pk}`);
      expect(columns(await worker.query(`SELECT * FROM pragma_table_info('${table}')`)), table).toEqual(columns(sqlite.prepare(`SELECT * FROM pragma_table_info('${table}')`).all() as never));
    }
    sqlite.close();
  });

  it('keep the audit log append-only (its triggers run on D1)', async () => {
    await s.workspace.audit.append(audit('a-0', 'x', 'settings.update'));
    await expect(worker.query("UPDATE audit_log SET actor = 'b' WHERE id = 'a-0'")).rejects.toThrow(/append-only/);
    await expect(worker.query("DELETE FROM audit_log WHERE id = 'a-0'")).rejects.toThrow(/append-only/);
  });
});

describe('the D1 stores', () => {
  it('write FAQ changes and their audit records all or none, and refuse a stale version', async () => {
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
    expect((await s.workspace.audit.list({ limit: 10, action: 'faq' })).map((r) => r.id)).toEqual(['1']);
    await s.workspace.faq.save([{ id: 'a', expectedVersion: 1, status: 'published', publish: {}, at }], []);
    expect((await s.workspace.faq.published()).find((e) => e.id === 'a')).toEqual({ id: 'a', reviewedOn: '2026-11-30', ...content });
    expect((await s.workspace.faq.history('a')).map((v) => v.version)).toEqual([1]);
  });

  it('let one of two editors saving the same version at once win; the other gets a conflict and nothing of theirs is stored', async () => {
    await s.workspace.faq.save([{ id: 'race', expectedVersion: null, status: 'draft', content: { ...content, author: 'e', note: null }, at }], []);
    const edit = (author: string) => s.workspace.faq.save([{ id: 'race', expectedVersion: 1, status: 'draft', content: { ...content, answer: `Bản của ${author}.`, author, note: null }, at }], [audit(`race-${author}`, 'race', 'faq.update')]);
    const results = await Promise.allSettled([edit('x'), edit('y'), edit('z')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(FaqConflictError);
    const history = await s.workspace.faq.history('race');
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect((await s.workspace.audit.list({ limit: 10, target: 'race' })).map((r) => r.id)).toEqual([`race-${history[0]?.author}`]);
  });

  it('pick up review candidates once and resolve a group once when two staff act at the same time', async () => {
    const c = s.conversations;
    await c.saveExchange(exchange('m1', { outcome: 'no_answer', method: 'none', confidence: null }));
    await c.saveExchange(exchange('m2', { confidence: 0.4 }));
    await c.saveExchange(exchange('m3', { confidence: 0.95 }));
    await c.saveExchange(exchange('m4', { method: 'llm', confidence: 0.3 }));
    await c.saveExchange(exchange('m5', { method: 'llm', confidence: 0.9 }));
    expect(await c.saveFeedback({ messageId: 'm3', rating: 'down', comment: 'sai', createdAt: at })).toBe(true);
    expect(await c.saveFeedback({ messageId: 'nope', rating: 'down', comment: null, createdAt: at })).toBe(false);
    const found = await s.workspace.review.candidates('', 0.65, 100);
    expect(found.map((f) => [f.messageId, f.reason]).sort()).toEqual([
      ['m1', 'no_answer'],
      ['m2', 'low_confidence'],
      ['m3', 'thumbs_down'],
      ['m4', 'low_confidence'],
    ]);
    await s.workspace.review.addItems([{ id: 'g', question: 'Câu hỏi m1?', terms: ['m1'], folded: 'cau hoi m1?' }], found.map((f) => ({ ...f, groupId: 'g' })));
    expect(await s.workspace.review.candidates('', 0.65, 100)).toEqual([]);
    expect(await s.workspace.review.getGroup('g')).toMatchObject({ count: 4, reasons: { no_answer: 1, out_of_scope: 0, thumbs_down: 1, low_confidence: 2 } });
    const results = await Promise.allSettled([
      s.workspace.review.resolve('g', 'dismissed', 'x', at, audit('q-x', 'g', 'queue.resolve')),
      s.workspace.review.resolve('g', 'out_of_scope', 'y', at, audit('q-y', 'g', 'queue.resolve')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(GroupStateError);
    expect(await s.workspace.audit.list({ limit: 10, target: 'g' })).toHaveLength(1);
  });

  it('refuse a second account of the same name, and revoke a token once', async () => {
    await s.workspace.staff.createUser({ id: 'u1', username: 'bientap', role: 'editor', passwordHash: 'scrypt$x', at }, null);
    await expect(s.workspace.staff.createUser({ id: 'u2', username: 'bientap', role: 'viewer', passwordHash: 'scrypt$y', at }, null)).rejects.toBeInstanceOf(StaffConflictError);
    await s.workspace.staff.createToken({ id: 't1', userId: 'u1', name: 'script', tokenHash: 'h1', createdBy: 'a', at }, audit('t-1', 't1', 'token.create'));
    expect((await s.workspace.staff.findToken('h1'))?.user.username).toBe('bientap');
    expect(await s.workspace.staff.revokeToken('t1', at, audit('t-2', 't1', 'token.revoke'))).toBe(true);
    expect(await s.workspace.staff.revokeToken('t1', at, audit('t-3', 't1', 'token.revoke'))).toBe(false);
    expect(await s.workspace.staff.findToken('h1')).toBeNull();
  });

  it('claim a webhook event id once, however often it is delivered', async () => {
    const e = { channel: 'zalo', eventId: 'e-1', userId: 'u', occurredAt: at, receivedAt: at, state: 'received' as const, payload: '{"text":"x"}' };
    const [first, second] = await Promise.all([s.channels.events.claim([e]), s.channels.events.claim([e])]);
    expect([...(first ?? []), ...(second ?? [])]).toHaveLength(1);
    await s.channels.events.mark('zalo', 'e-1', 'answered', at);
    expect(await s.channels.events.waiting('zalo', '9999', 10)).toEqual([]);
    expect(await s.channels.events.lastInteraction('zalo', 'u')).toBe(at);
  });

  it("find and erase a citizen's data, with the audit record, all at once", async () => {
    await s.conversations.saveExchange(exchange('p1', { conversationId: 'c-citizen' }));
    await s.conversations.saveExchange(exchange('p2', { conversationId: 'c-citizen', createdAt: '2026-11-30T01:00:01.000Z' }));
    const personal = s.workspace.personalData;
    if (!personal) throw new Error('no personal-data store on D1');
    expect((await personal.find({ conversationId: 'c-citizen' })).exchanges.map((e) => e.messageId)).toEqual(['p1', 'p2']);
    const removed = await personal.erase({ conversationId: 'c-citizen' }, (q) => ({ terms: [q], folded: q }), (counts) => ({ ...audit('erase-1', 'digest', 'citizen.erase'), after: counts }));
    expect(removed).toMatchObject({ conversations: 1, exchanges: 2 });
    expect((await personal.find({ conversationId: 'c-citizen' })).exchanges).toEqual([]);
    expect((await s.workspace.audit.list({ limit: 5, action: 'citizen' }))[0]?.after).toMatchObject({ exchanges: 2 });
  });

  it("count the reports' figures as the SQLite store does over the same exchanges", async () => {
    const sqlite = openSqliteStores(':memory:');
    const sources = [{ passageId: 'p', documentId: 'nq57', section: 'I' }, { passageId: 'q', documentId: 'qd1169', section: null }];
    const day = (h: number) => `2026-11-29T${String(h).padStart(2, '0')}:30:00.000Z`;
    for (const [i, e] of [
      exchange('r1', { conversationId: 'c-r', createdAt: day(16), sources, latencyMs: 12 }),
      exchange('r2', { conversationId: 'c-r', createdAt: day(18), sources: sources.slice(1), latencyMs: 30, channel: 'web' }),
      exchange('r3', { conversationId: 'c-z', channel: 'zalo', externalUserId: 'u-z', createdAt: day(20), outcome: 'no_answer', method: 'none', latencyMs: 7 }),
    ].entries()) {
      await s.conversations.saveExchange(e);
      await sqlite.conversations.saveExchange(e);
      if (i === 0) for (const store of [s.conversations, sqlite.conversations]) await store.saveFeedback({ messageId: 'r1', rating: 'up', comment: null, createdAt: day(17) });
    }
    await sqlite.conversations.flush(1_000);
    const range = { from: '2026-11-29T10:00:00.000Z', to: '2026-11-30T00:00:00.000Z', offsetMinutes: 420 };
    const onD1 = s.workspace.reports;
    const onNode = sqlite.workspace.reports;
    if (!onD1 || !onNode) throw new Error('no report store');
    const sorted = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    for (const query of ['exchangesByDay', 'staffAnswersByDay', 'conversations', 'citedSections', 'citedDocuments', 'queueGroups', 'staffDelays'] as const) {
      expect(sorted(await onD1[query](range)), query).toEqual(sorted(await onNode[query](range)));
    }
    expect((await onD1.exchangesByDay(range)).length).toBeGreaterThan(0);
    for (const rank of [1, 2, 3, 4]) expect(await onD1.latencyAtRank(range, null, rank)).toBe(await onNode.latencyAtRank(range, null, rank));
    expect(await onD1.latencyAtRank(range, 'zalo', 1)).toBe(7);
    await sqlite.conversations.close();
  });
});
