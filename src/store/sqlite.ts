/**
 * @module
 * The conversations concern of the SQLite store (better-sqlite3: conversations, exchanges,
 * feedback; the other concerns live beside it in sqlite/), WAL with synchronous=NORMAL: an application crash
 * never loses a committed exchange; a power loss may lose the last few, which is
 * acceptable for chat logs (reliability research §H).
 *
 * better-sqlite3 is synchronous, so a lock held by another process must never be waited
 * out on the event loop: the busy timeout is a few milliseconds, writes that meet a lock
 * (or a full disk) wait in a bounded queue retried off the request path, writes of one
 * turn of the event loop share a commit (write-queue.ts), and reads that meet a lock
 * degrade (no history) instead of failing the answer.
 */
import type { ExchangeRecord, FeedbackRecord, Store } from './types.ts';
import { openSqliteDatabase, type SqliteDatabase, type SqliteStoreOptions } from './sqlite-database.ts';

export { migrate, type SqliteStoreOptions } from './sqlite-database.ts';

export interface SqliteStore extends Store {
  /** Writes waiting for a lock or for disk space. */
  queuedWrites(): number;
  /** Tries the waiting writes until none is left or the deadline passes; true when all landed. */
  flush(timeoutMs: number): Promise<boolean>;
}

/** The conversation store alone, on its own database (the staff workspace's stores share it through openSqliteStores). */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return createConversationStore(openSqliteDatabase(file, options), options);
}

/** Conversations, exchanges and feedback; closing it closes the database. */
export function createConversationStore(database: SqliteDatabase, options: Pick<SqliteStoreOptions, 'logger' | 'now'> = {}): SqliteStore {
  const { db, queue, read } = database;
  const now = options.now ?? (() => Date.now());
  const findConversation = db.prepare('SELECT id FROM conversations WHERE id = ? AND updated_at >= ?');
  const insertConversation = db.prepare('INSERT OR IGNORE INTO conversations (id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const upsertConversation = db.prepare(
    'INSERT INTO conversations (id, channel, external_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at',
  );
  const findUserConversation = db.prepare('SELECT id FROM conversations WHERE channel = ? AND external_user_id = ?');
  const recent = db.prepare('SELECT question FROM exchanges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').pluck();
  const recentTurns = db.prepare('SELECT question, sources FROM exchanges WHERE conversation_id = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const insertExchange = db.prepare(
    `INSERT INTO exchanges (message_id, conversation_id, channel, question, outcome, method, answer, sources, latency_ms, created_at, confidence, fallback_reason)
     VALUES (@messageId, @conversationId, @channel, @question, @outcome, @method, @answer, @sources, @latencyMs, @createdAt, @confidence, @fallbackReason)`,
  );
  const exchangeExists = db.prepare('SELECT 1 FROM exchanges WHERE message_id = ?').pluck();
  const upsertFeedback = db.prepare(
    `INSERT INTO feedback (message_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
  );
  // Its conversation is created with it when new; the queue commits it (with others) in one transaction.
  const saveExchange = (r: ExchangeRecord, sources: string) => {
    upsertConversation.run(r.conversationId, r.channel, r.externalUserId ?? null, r.createdAt, r.createdAt);
    insertExchange.run({ ...r, sources, confidence: r.confidence ?? null, fallbackReason: r.fallbackReason ?? null });
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
      database.close();
    },
  };
}
