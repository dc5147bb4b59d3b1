/**
 * @module
 * Citizens' personal data in SQLite: a citizen's request (find, erase) and the retention
 * purge, each step one transaction committed at once (a lock is StoreBusyError: the caller
 * tries again). A platform conversation's user and the user's conversation are the same
 * person: asked by either, both are found.
 */
import { auditWriter } from '../audit/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { exchangeRemover } from './removal.ts';
import type { CitizenConversation, CitizenData, CitizenExchange, CitizenKey, CitizenStaffMessage, CitizenWebhookEvent, PersonalDataStore, RemovedCounts } from './types.ts';

const IDS = '(SELECT value FROM json_each(?))';

interface ExchangeRow {
  message_id: string;
  conversation_id: string;
  channel: string;
  question: string;
  outcome: string;
  method: string;
  answer: string;
  sources: string;
  latency_ms: number;
  confidence: number | null;
  created_at: string;
  rating: 'up' | 'down' | null;
  comment: string | null;
  feedback_created_at: string | null;
  feedback_updated_at: string | null;
  group_id: string | null;
  reason: string | null;
}

const toExchange = (r: ExchangeRow): CitizenExchange => ({
  messageId: r.message_id,
  conversationId: r.conversation_id,
  channel: r.channel,
  question: r.question,
  outcome: r.outcome,
  method: r.method,
  answer: r.answer,
  sources: JSON.parse(r.sources) as CitizenExchange['sources'],
  latencyMs: r.latency_ms,
  confidence: r.confidence,
  createdAt: r.created_at,
  feedback: r.rating ? { rating: r.rating, comment: r.comment, createdAt: r.feedback_created_at ?? '', updatedAt: r.feedback_updated_at ?? '' } : null,
  review: r.group_id ? { groupId: r.group_id, reason: r.reason ?? '' } : null,
});

export function createSqlitePersonalDataStore(database: SqliteDatabase): PersonalDataStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const removeExchanges = exchangeRemover(db);
  const conversationSelect = 'SELECT id, channel, external_user_id AS externalUserId, created_at AS createdAt, updated_at AS updatedAt FROM conversations';
  const byId = db.prepare(`${conversationSelect} WHERE id = ?`);
  const byUser = db.prepare(`${conversationSelect} WHERE channel = ? AND external_user_id = ? ORDER BY created_at`);
  const exchanges = db.prepare(
    `SELECT e.message_id, e.conversation_id, e.channel, e.question, e.outcome, e.method, e.answer, e.sources, e.latency_ms, e.confidence, e.created_at,
       f.rating, f.comment, f.created_at AS feedback_created_at, f.updated_at AS feedback_updated_at, r.group_id, r.reason
     FROM exchanges e LEFT JOIN feedback f ON f.message_id = e.message_id LEFT JOIN review_items r ON r.message_id = e.message_id
     WHERE e.conversation_id IN ${IDS} ORDER BY e.created_at, e.rowid`,
  );
  const messageIds = db.prepare(`SELECT message_id FROM exchanges WHERE conversation_id IN ${IDS}`).pluck();
  const outbox = db.prepare(
    `SELECT id, conversation_id AS conversationId, channel, in_reply_to AS inReplyTo, text, created_at AS createdAt, state, delivered_at AS deliveredAt
     FROM outbox WHERE conversation_id IN ${IDS} ORDER BY id`,
  );
  const events = db.prepare(
    `SELECT channel, event_id AS eventId, occurred_at AS occurredAt, received_at AS receivedAt, state, payload, handled_at AS handledAt
     FROM webhook_events WHERE channel = ? AND user_id = ? ORDER BY received_at`,
  );
  const deleteOutbox = db.prepare(`DELETE FROM outbox WHERE conversation_id IN ${IDS}`);
  const deleteConversations = db.prepare(`DELETE FROM conversations WHERE id IN ${IDS}`);
  const deleteEvents = db.prepare('DELETE FROM webhook_events WHERE channel = ? AND user_id = ?');

  const expired = db.prepare('SELECT message_id FROM exchanges WHERE created_at < ? ORDER BY created_at LIMIT ?').pluck();
  const expiredOutbox = db.prepare('DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE created_at < ? ORDER BY created_at LIMIT ?)');
  const expiredConversations = db.prepare(
    `DELETE FROM conversations WHERE id IN (SELECT c.id FROM conversations c WHERE c.updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.conversation_id = c.id) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)
       ORDER BY c.updated_at LIMIT ?)`,
  );
  const expiredEvents = db.prepare('DELETE FROM webhook_events WHERE rowid IN (SELECT rowid FROM webhook_events WHERE received_at < ? ORDER BY received_at LIMIT ?)');

  /** The citizen's conversations and, for a platform user, who they are there. */
  function resolve(key: CitizenKey): { conversations: CitizenConversation[]; user: { channel: string; userId: string } | null } {
    if ('userId' in key) return { conversations: byUser.all(key.channel, key.userId) as CitizenConversation[], user: key };
    const found = byId.get(key.conversationId) as CitizenConversation | undefined;
    if (!found) return { conversations: [], user: null };
    if (found.externalUserId === null) return { conversations: [found], user: null };
    const user = { channel: found.channel, userId: found.externalUserId };
    return { conversations: byUser.all(user.channel, user.userId) as CitizenConversation[], user };
  }

  return {
    async find(key) {
      const { conversations, user } = resolve(key);
      const ids = JSON.stringify(conversations.map((c) => c.id));
      const data: CitizenData = {
        conversations,
        exchanges: (exchanges.all(ids) as ExchangeRow[]).map(toExchange),
        staffMessages: outbox.all(ids) as CitizenStaffMessage[],
        webhookEvents: user ? (events.all(user.channel, user.userId) as CitizenWebhookEvent[]) : [],
      };
      return data;
    },

    async erase(key, titler, audit) {
      return database.write(() => {
        const { conversations, user } = resolve(key);
        const ids = JSON.stringify(conversations.map((c) => c.id));
        // Staff messages first: they may reply to the exchanges about to go.
        const outboxRemoved = deleteOutbox.run(ids).changes;
        const removal = removeExchanges(messageIds.all(ids) as string[], titler);
        const removed: RemovedCounts = {
          ...removal,
          outbox: outboxRemoved,
          conversations: deleteConversations.run(ids).changes,
          webhookEvents: user ? deleteEvents.run(user.channel, user.userId).changes : 0,
        };
        writeAudit(audit(removed));
        return removed;
      });
    },

    async purgeStep(cutoff, limit, titler) {
      return database.write(() => {
        const outboxRemoved = expiredOutbox.run(cutoff, limit).changes;
        const ids = expired.all(cutoff, limit) as string[];
        const removal = removeExchanges(ids, titler);
        const conversations = expiredConversations.run(cutoff, limit).changes;
        const webhookEvents = expiredEvents.run(cutoff, limit).changes;
        const more = ids.length === limit || outboxRemoved === limit || conversations === limit || webhookEvents === limit;
        return { ...removal, outbox: outboxRemoved, conversations, webhookEvents, more };
      });
    },
  };
}
