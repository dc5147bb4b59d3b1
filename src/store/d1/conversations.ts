/**
 * @module
 * Conversations, exchanges and feedback on D1. There is no lock to wait out as on Node
 * (D1 serialises writes itself), so writes go straight to the database; a write D1 refuses
 * (overloaded, unreachable) is StoreBusyError, which citizens get as 503 with Retry-After.
 */
import type { ExchangeRecord, FeedbackRecord, Store } from '../types.ts';
import { StoreBusyError } from '../write-queue.ts';
import { changes, row, rows, statement, type D1Database } from './database.ts';

async function busyOnFailure<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw Object.assign(new StoreBusyError(), { cause: error });
  }
}

export function createD1ConversationStore(db: D1Database): Store {
  return {
    async findConversation(id, activeSince) {
      return row<{ id: string }>(db, 'SELECT id FROM conversations WHERE id = ? AND updated_at >= ?', id, activeSince);
    },
    async findUserConversation(channel, externalUserId) {
      return row<{ id: string }>(db, 'SELECT id FROM conversations WHERE channel = ? AND external_user_id = ?', channel, externalUserId);
    },
    async createConversation(id, channel, at) {
      await statement(db, 'INSERT OR IGNORE INTO conversations (id, channel, created_at, updated_at) VALUES (?, ?, ?, ?)', id, channel, at, at).run();
    },
    async recentQuestions(conversationId, limit) {
      const found = await rows<{ question: string }>(db, 'SELECT question FROM exchanges WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?', conversationId, limit);
      return found.map((r) => r.question).reverse();
    },
    async recentTurns(conversationId, limit, since = '') {
      const found = await rows<{ question: string; sources: string }>(
        db,
        'SELECT question, sources FROM exchanges WHERE conversation_id = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
        conversationId,
        since,
        limit,
      );
      return found.reverse().map((r) => ({
        question: r.question,
        documentIds: [...new Set((JSON.parse(r.sources) as Array<{ documentId: string }>).map((s) => s.documentId))],
      }));
    },
    canWrite: () => true,
    async saveExchange(r: ExchangeRecord) {
      await busyOnFailure(() =>
        db.batch([
          statement(
            db,
            'INSERT INTO conversations (id, channel, external_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at',
            r.conversationId,
            r.channel,
            r.externalUserId ?? null,
            r.createdAt,
            r.createdAt,
          ),
          statement(
            db,
            `INSERT INTO exchanges (message_id, conversation_id, channel, question, outcome, method, answer, sources, latency_ms, created_at, confidence, fallback_reason)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            r.messageId,
            r.conversationId,
            r.channel,
            r.question,
            r.outcome,
            r.method,
            r.answer,
            JSON.stringify(r.sources),
            r.latencyMs,
            r.createdAt,
            r.confidence ?? null,
            r.fallbackReason ?? null,
          ),
        ]),
      );
    },
    async saveFeedback(r: FeedbackRecord) {
      // One statement: the rating is stored only if its message exists.
      const changed = await busyOnFailure(() =>
        changes(
          db,
          `INSERT INTO feedback (message_id, rating, comment, created_at, updated_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM exchanges WHERE message_id = ?)
           ON CONFLICT(message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
          r.messageId,
          r.rating,
          r.comment,
          r.createdAt,
          r.createdAt,
          r.messageId,
        ),
      );
      return changed > 0;
    },
    async close() {},
  };
}
