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
import { CONVERSATION_SELECT, EXCHANGES_SQL, EXPIRED_CONVERSATIONS_SQL, EXPIRED_EVENTS_SQL, IDS, STAFF_MESSAGES_SQL, toExchange, WEBHOOK_EVENTS_SQL, type ExchangeRow } from './rows.ts';
import type { CitizenConversation, CitizenData, CitizenKey, CitizenStaffMessage, CitizenWebhookEvent, PersonalDataStore, RemovedCounts } from './types.ts';

export function createSqlitePersonalDataStore(database: SqliteDatabase): PersonalDataStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const removeExchanges = exchangeRemover(db);
  const byId = db.prepare(`${CONVERSATION_SELECT} WHERE id = ?`);
  const byUser = db.prepare(`${CONVERSATION_SELECT} WHERE channel = ? AND external_user_id = ? ORDER BY created_at`);
  const exchanges = db.prepare(EXCHANGES_SQL);
  const messageIds = db.prepare(`SELECT message_id FROM exchanges WHERE conversation_id IN ${IDS}`).pluck();
  const outbox = db.prepare(STAFF_MESSAGES_SQL);
  const events = db.prepare(WEBHOOK_EVENTS_SQL);
  const deleteOutbox = db.prepare(`DELETE FROM outbox WHERE conversation_id IN ${IDS}`);
  const deleteConversations = db.prepare(`DELETE FROM conversations WHERE id IN ${IDS}`);
  const deleteEvents = db.prepare('DELETE FROM webhook_events WHERE channel = ? AND user_id = ?');

  const expired = db.prepare('SELECT message_id FROM exchanges WHERE created_at < ? ORDER BY created_at LIMIT ?').pluck();
  const expiredOutbox = db.prepare('DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE created_at < ? ORDER BY created_at LIMIT ?)');
  const expiredConversations = db.prepare(EXPIRED_CONVERSATIONS_SQL);
  const expiredEvents = db.prepare(EXPIRED_EVENTS_SQL);

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
