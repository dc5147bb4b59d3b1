/**
 * @module
 * The SQLite store (better-sqlite3), WAL with synchronous=NORMAL: an application crash
 * never loses a committed exchange; a power loss may lose the last few, which is
 * acceptable for chat logs (reliability research §H).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations/index.ts';
import type { ExchangeRecord, FeedbackRecord, Store } from './types.ts';

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

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const findConversation = db.prepare('SELECT id FROM conversations WHERE id = ? AND updated_at >= ?');
  const insertConversation = db.prepare('INSERT OR IGNORE INTO conversations (id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const touchConversation = db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?');
  const recent = db.prepare('SELECT question FROM exchanges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').pluck();
  const recentTurns = db.prepare('SELECT question, sources FROM exchanges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const insertExchange = db.prepare(
    `INSERT INTO exchanges (message_id, conversation_id, channel, question, outcome, method, answer, sources, latency_ms, created_at)
     VALUES (@messageId, @conversationId, @channel, @question, @outcome, @method, @answer, @sources, @latencyMs, @createdAt)`,
  );
  const exchangeExists = db.prepare('SELECT 1 FROM exchanges WHERE message_id = ?').pluck();
  const upsertFeedback = db.prepare(
    `INSERT INTO feedback (message_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
  );
  const saveExchange = db.transaction((r: ExchangeRecord) => {
    insertExchange.run({ ...r, sources: JSON.stringify(r.sources) });
    touchConversation.run(r.createdAt, r.conversationId);
  });

  return {
    async findConversation(id, activeSince) {
      return (findConversation.get(id, activeSince) as { id: string } | undefined) ?? null;
    },
    async createConversation(id, channel, now) {
      insertConversation.run(id, channel, now, now);
    },
    async recentQuestions(conversationId, limit) {
      return (recent.all(conversationId, limit) as string[]).reverse();
    },
    async recentTurns(conversationId, limit) {
      const rows = recentTurns.all(conversationId, limit) as Array<{ question: string; sources: string }>;
      return rows.reverse().map((row) => ({
        question: row.question,
        documentIds: [...new Set((JSON.parse(row.sources) as Array<{ documentId: string }>).map((s) => s.documentId))],
      }));
    },
    async saveExchange(record) {
      saveExchange(record);
    },
    async saveFeedback(record: FeedbackRecord) {
      if (!exchangeExists.get(record.messageId)) return false;
      upsertFeedback.run(record.messageId, record.rating, record.comment, record.createdAt, record.createdAt);
      return true;
    },
    async close() {
      db.close();
    },
  };
}
