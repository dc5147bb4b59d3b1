/**
 * @module
 * The SQLite store (better-sqlite3), WAL with synchronous=NORMAL: an application crash
 * never loses a committed exchange; a power loss may lose the last few, which is
 * acceptable for chat logs (reliability research §H).
 *
 * better-sqlite3 is synchronous, so a lock held by another process must never be waited
 * out on the event loop: the busy timeout is a few milliseconds, writes that meet a lock
 * (or a full disk) wait in a bounded queue retried off the request path, writes of one
 * turn of the event loop share a commit (write-queue.ts), and reads that meet a lock
 * degrade (no history) instead of failing the answer.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { ExchangeRecord, FeedbackRecord, Store } from './types.ts';
import { WriteQueue, writeProblem, type WriteProblem } from './write-queue.ts';

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  let count = 0;
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    count++;
  }
  return count;
}

export interface SqliteStoreOptions {
  /** How long one statement may wait for a lock, blocking the event loop (default 15 ms). */
  busyTimeoutMs?: number;
  /** Writes that may wait for a lock before /api/chat answers 503 (default 10,000). */
  maxQueuedWrites?: number;
  /** A cap on the database file (MB): past it writes fail as on a full disk (SQLITE_FULL), and answering goes on. */
  maxSizeMb?: number;
  logger?: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export interface SqliteStore extends Store {
  /** Writes waiting for a lock or for disk space. */
  queuedWrites(): number;
  /** Tries the waiting writes until none is left or the deadline passes; true when all landed. */
  flush(timeoutMs: number): Promise<boolean>;
}

const PROBLEM_LOG_INTERVAL_MS = 60_000;

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Opening and migrating wait as long as they must: nothing is served before the store is open.
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 15}`);
  if (options.maxSizeMb) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor((options.maxSizeMb * 1024 * 1024) / pageSize))}`);
  }

  const now = options.now ?? (() => Date.now());
  const lastLogged = new Map<string, number>();
  /** A lock or a full disk is logged once a minute, not once per request; the metric counts every one. */
  const report = (problem: WriteProblem | 'read', outcome: string, error: unknown) => {
    options.metrics?.storeProblem(problem, outcome);
    const key = `${problem}:${outcome}`;
    const at = now();
    if (at - (lastLogged.get(key) ?? -Infinity) < PROBLEM_LOG_INTERVAL_MS) return;
    lastLogged.set(key, at);
    const message =
      problem === 'full'
        ? 'the disk is full: exchanges wait in memory or are dropped until space is freed'
        : problem === 'read'
          ? 'the database is locked by another process: answering without conversation history'
          : 'the database is locked by another process: writes wait in memory and are retried';
    (outcome === 'queued' || outcome === 'degraded' ? options.logger?.warn : options.logger?.error)?.(message, { outcome, error: error instanceof Error ? error.message : error });
  };
  const queue = new WriteQueue(
    { max: options.maxQueuedWrites ?? 10_000, transaction: (writes) => db.transaction(writes)(), defer: setImmediate },
    { onProblem: report, onDepth: (depth) => options.metrics?.storeQueueDepth(depth) },
  );

  const findConversation = db.prepare('SELECT id FROM conversations WHERE id = ? AND updated_at >= ?');
  const insertConversation = db.prepare('INSERT OR IGNORE INTO conversations (id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const upsertConversation = db.prepare(
    'INSERT INTO conversations (id, channel, external_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at',
  );
  const findUserConversation = db.prepare('SELECT id FROM conversations WHERE channel = ? AND external_user_id = ?');
  const recent = db.prepare('SELECT question FROM exchanges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').pluck();
  const recentTurns = db.prepare('SELECT question, sources FROM exchanges WHERE conversation_id = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const insertExchange = db.prepare(
    `INSERT INTO exchanges (message_id, conversation_id, channel, question, outcome, method, answer, sources, latency_ms, created_at)
     VALUES (@messageId, @conversationId, @channel, @question, @outcome, @method, @answer, @sources, @latencyMs, @createdAt)`,
  );
  const exchangeExists = db.prepare('SELECT 1 FROM exchanges WHERE message_id = ?').pluck();
  const upsertFeedback = db.prepare(
    `INSERT INTO feedback (message_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
  );
  // Its conversation is created with it when new; the queue commits it (with others) in one transaction.
  const saveExchange = (r: ExchangeRecord, sources: string) => {
    upsertConversation.run(r.conversationId, r.channel, r.externalUserId ?? null, r.createdAt, r.createdAt);
    insertExchange.run({ ...r, sources });
  };

  /** A read that meets a lock answers `fallback` rather than failing the question. */
  const read = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (error) {
      if (!writeProblem(error)) throw error;
      report('read', 'degraded', error);
      return fallback;
    }
  };

  return {
    async findConversation(id, activeSince) {
      return read(() => (findConversation.get(id, activeSince) as { id: string } | undefined) ?? null, null);
    },
    async findUserConversation(channel, externalUserId) {
      return read(() => (findUserConversation.get(channel, externalUserId) as { id: string } | undefined) ?? null, null);
    },
    async createConversation(id, channel, at) {
      await queue.submit({ run: () => insertConversation.run(id, channel, at, at) });
    },
    async recentQuestions(conversationId, limit) {
      return read(() => (recent.all(conversationId, limit) as string[]).reverse(), []);
    },
    async recentTurns(conversationId, limit, since = '') {
      const rows = read(() => recentTurns.all(conversationId, since, limit) as Array<{ question: string; sources: string }>, []);
      return rows.reverse().map((row) => ({
        question: row.question,
        documentIds: [...new Set((JSON.parse(row.sources) as Array<{ documentId: string }>).map((s) => s.documentId))],
      }));
    },
    canWrite() {
      return queue.accepting;
    },
    async saveExchange(record) {
      const sources = JSON.stringify(record.sources);
      await queue.submit({ run: () => saveExchange(record, sources), key: record.messageId });
    },
    async saveFeedback(record: FeedbackRecord) {
      // An exchange still waiting in the queue exists too; a locked read cannot tell, so it is taken on trust
      // and the queued write checks again.
      const known = queue.has(record.messageId) || read(() => exchangeExists.get(record.messageId) !== undefined, true);
      if (!known) return false;
      await queue.submit({
        run: () => {
          if (exchangeExists.get(record.messageId) === undefined) return;
          upsertFeedback.run(record.messageId, record.rating, record.comment, record.createdAt, record.createdAt);
        },
      });
      return true;
    },
    queuedWrites: () => queue.depth,
    async flush(timeoutMs) {
      const deadline = now() + timeoutMs;
      while (!queue.drain()) {
        if (now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return true;
    },
    async close() {
      const lost = queue.close();
      if (lost > 0) options.logger?.error('closing the database with writes still waiting for a lock; they are lost', { lost });
      db.close();
    },
  };
}
