/**
 * The store under a lock held by another connection (as another process would hold it) and
 * on a full disk (SQLite's own SQLITE_FULL, by capping the page count): answers go on,
 * writes wait in order and land once the lock is gone, nothing acknowledged is lost.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { noopMetrics } from '../metrics.ts';
import { openSqliteStore, type SqliteStore } from './sqlite.ts';
import type { ExchangeRecord } from './types.ts';
import { StoreBusyError } from './write-queue.ts';

let dir: string;
let file: string;
let store: SqliteStore | null;
let other: Database.Database | null;

function exchange(n: number, overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    messageId: `m${n}`,
    conversationId: 'c1',
    channel: 'web',
    question: `câu hỏi ${n}`,
    outcome: 'answered',
    method: 'extractive',
    answer: 'Trả lời.',
    sources: [],
    latencyMs: 1,
    createdAt: `2025-10-01T08:00:${String(n % 60).padStart(2, '0')}.000Z`,
    ...overrides,
  };
}

/** Another connection to the same file, holding the write lock until released. */
function holdLock(): () => void {
  other = new Database(file);
  other.exec("BEGIN EXCLUSIVE; INSERT INTO conversations (id, channel, created_at, updated_at) VALUES ('holder', 'web', '2025-01-01', '2025-01-01');");
  return () => {
    other?.exec('COMMIT');
    other?.close();
    other = null;
  };
}

const problems: string[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-locks-'));
  file = join(dir, 'hoidap.sqlite');
  problems.length = 0;
  store = openSqliteStore(file, {
    maxQueuedWrites: 5,
    logger: createLogger('silent'),
    metrics: { ...noopMetrics, storeProblem: (problem, outcome) => problems.push(`${problem}/${outcome}`) },
  });
});

afterEach(async () => {
  other?.close();
  other = null;
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a write lock held by another process', () => {
  it('queues writes without throwing, keeps their order, and lands them once the lock is released', async () => {
    const s = store as SqliteStore;
    const release = holdLock();
    for (let n = 1; n <= 3; n++) await s.saveExchange(exchange(n));
    expect(s.queuedWrites()).toBe(3);
    expect(problems).toContain('busy/queued');
    release();
    expect(await s.flush(2_000)).toBe(true);
    expect(s.queuedWrites()).toBe(0);
    expect(await s.recentQuestions('c1', 10)).toEqual(['câu hỏi 1', 'câu hỏi 2', 'câu hỏi 3']);
  });

  it('retries on its own, off the request path', async () => {
    const s = store as SqliteStore;
    const release = holdLock();
    await s.saveExchange(exchange(1));
    release();
    await expect.poll(() => s.queuedWrites(), { timeout: 5_000 }).toBe(0);
    expect(count('exchanges')).toBe(1);
  });

  it('accepts feedback on an exchange still waiting in the queue, and stores it after it', async () => {
    const s = store as SqliteStore;
    const release = holdLock();
    await s.saveExchange(exchange(1));
    expect(await s.saveFeedback({ messageId: 'm1', rating: 'down', comment: null, createdAt: '2025-10-01T08:01:00.000Z' })).toBe(true);
    expect(await s.saveFeedback({ messageId: 'khong-co', rating: 'up', comment: null, createdAt: '2025-10-01T08:01:00.000Z' })).toBe(false);
    release();
    expect(await s.flush(2_000)).toBe(true);
    expect(count('feedback')).toBe(1);
  });

  it('refuses new writes once the queue is full, so the caller can answer 503', async () => {
    const s = store as SqliteStore;
    const release = holdLock();
    for (let n = 1; n <= 5; n++) await s.saveExchange(exchange(n));
    expect(s.canWrite()).toBe(false);
    await expect(s.saveExchange(exchange(6))).rejects.toBeInstanceOf(StoreBusyError);
    release();
    expect(await s.flush(2_000)).toBe(true);
    expect(s.canWrite()).toBe(true);
    expect(count('exchanges')).toBe(5);
  });
});

describe('a full disk', () => {
  it('keeps accepting: writes wait while there is room, then are dropped and counted, never thrown', async () => {
    await store?.close();
    // A size cap makes SQLite report SQLITE_FULL, the same error as a full disk. It sits 200 KB
    // above the empty schema (every table and index takes pages), so a few exchanges fit.
    const schemaMb = statSync(file).size / (1024 * 1024);
    const s = openSqliteStore(file, {
      maxSizeMb: schemaMb + 0.2,
      maxQueuedWrites: 3,
      logger: createLogger('silent'),
      metrics: { ...noopMetrics, storeProblem: (problem, outcome) => problems.push(`${problem}/${outcome}`) },
    });
    store = s;
    const big = 'x'.repeat(20_000);
    for (let n = 1; n <= 40; n++) await s.saveExchange(exchange(n, { answer: big, conversationId: `c${n}` }));
    expect(s.canWrite()).toBe(true);
    expect(problems).toContain('full/queued');
    expect(problems).toContain('full/dropped');
    expect(s.queuedWrites()).toBe(3);
    const stored = count('exchanges');
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(40);
  });
});
