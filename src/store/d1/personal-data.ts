/**
 * @module
 * Citizens' personal data on D1: a citizen's request (find, erase) and the retention purge.
 * What SQLite does in one transaction that reads as it goes (which review groups are left
 * empty, which need a new title) is planned by reading first, then written as one batch,
 * all or nothing. The counts audited are those planned; a question asked by the same citizen
 * in the instant between is left for the next request or purge.
 */
import type { Removal } from '../personal-data/removal.ts';
import { recountSql } from '../review/rows.ts';
import { CONVERSATION_SELECT, EXCHANGES_SQL, EXPIRED_CONVERSATIONS_SQL, EXPIRED_EVENTS_SQL, IDS, STAFF_MESSAGES_SQL, toExchange, WEBHOOK_EVENTS_SQL, type ExchangeRow } from '../personal-data/rows.ts';
import type { CitizenConversation, CitizenData, CitizenKey, CitizenStaffMessage, CitizenWebhookEvent, GroupTitler, PersonalDataStore, RemovedCounts } from '../personal-data/types.ts';
import { auditStatement } from './audit.ts';
import { rows, statement, type D1Database, type D1Statement } from './database.ts';

export function createD1PersonalDataStore(db: D1Database): PersonalDataStore {
  const count = async (sql: string, ...values: unknown[]) => (await rows<{ n: number }>(db, sql, ...values))[0]?.n ?? 0;

  async function resolve(key: CitizenKey): Promise<{ conversations: CitizenConversation[]; user: { channel: string; userId: string } | null }> {
    const byUser = (channel: string, userId: string) => rows<CitizenConversation>(db, `${CONVERSATION_SELECT} WHERE channel = ? AND external_user_id = ? ORDER BY created_at`, channel, userId);
    if ('userId' in key) return { conversations: await byUser(key.channel, key.userId), user: key };
    const [found] = await rows<CitizenConversation>(db, `${CONVERSATION_SELECT} WHERE id = ?`, key.conversationId);
    if (!found) return { conversations: [], user: null };
    if (found.externalUserId === null) return { conversations: [found], user: null };
    const user = { channel: found.channel, userId: found.externalUserId };
    return { conversations: await byUser(user.channel, user.userId), user };
  }

  /** The statements removing these exchanges and what hangs on them, in foreign-key order, and their counts. */
  async function planRemoval(messageIds: string[], titler: GroupTitler, out: D1Statement[]): Promise<Removal> {
    if (messageIds.length === 0) return { exchanges: 0, feedback: 0, reviewItems: 0, reviewGroups: 0, staffAnswers: 0 };
    const ids = JSON.stringify(messageIds);
    const gone = new Set(messageIds);
    const groups = (await rows<{ group_id: string }>(db, `SELECT DISTINCT group_id FROM review_items WHERE message_id IN ${IDS}`, ids)).map((r) => r.group_id);
    const removal: Removal = {
      exchanges: messageIds.length,
      feedback: await count(`SELECT COUNT(*) AS n FROM feedback WHERE message_id IN ${IDS}`, ids),
      reviewItems: await count(`SELECT COUNT(*) AS n FROM review_items WHERE message_id IN ${IDS}`, ids),
      reviewGroups: 0,
      staffAnswers: 0,
    };
    out.push(
      statement(db, `DELETE FROM review_items WHERE message_id IN ${IDS}`, ids),
      statement(db, `DELETE FROM feedback WHERE message_id IN ${IDS}`, ids),
      // A staff message kept (newer than the cutoff) no longer points at a question that is gone.
      statement(db, `UPDATE outbox SET in_reply_to = NULL WHERE in_reply_to IN ${IDS}`, ids),
      statement(db, `DELETE FROM exchanges WHERE message_id IN ${IDS}`, ids),
    );
    for (const id of groups) {
      const left = (
        await rows<{ question: string; message_id: string }>(
          db,
          'SELECT e.question, i.message_id FROM review_items i JOIN exchanges e ON e.message_id = i.message_id WHERE i.group_id = ? ORDER BY i.asked_at, i.message_id',
          id,
        )
      ).filter((r) => !gone.has(r.message_id));
      if (left.length === 0) {
        // A group left without questions goes with its staff answers; the messages citizens got stay in their conversations.
        removal.staffAnswers += await count('SELECT COUNT(*) AS n FROM staff_answers WHERE group_id = ?', id);
        removal.reviewGroups += 1;
        out.push(
          statement(db, 'UPDATE outbox SET staff_answer_id = NULL WHERE staff_answer_id IN (SELECT id FROM staff_answers WHERE group_id = ?)', id),
          statement(db, 'DELETE FROM staff_answers WHERE group_id = ?', id),
          statement(db, 'DELETE FROM review_groups WHERE id = ?', id),
        );
        continue;
      }
      const [current] = await rows<{ question: string }>(db, 'SELECT question FROM review_groups WHERE id = ?', id);
      if (current && !left.some((r) => r.question === current.question)) {
        const first = (left[0] as { question: string }).question;
        const { terms, folded } = titler(first);
        out.push(statement(db, 'UPDATE review_groups SET question = ?, terms = ?, folded = ? WHERE id = ?', first, JSON.stringify(terms), folded, id));
      }
      out.push(statement(db, recountSql('?1'), id));
    }
    return removal;
  }

  return {
    async find(key) {
      const { conversations, user } = await resolve(key);
      const ids = JSON.stringify(conversations.map((c) => c.id));
      const data: CitizenData = {
        conversations,
        exchanges: (await rows<ExchangeRow>(db, EXCHANGES_SQL, ids)).map(toExchange),
        staffMessages: await rows<CitizenStaffMessage>(db, STAFF_MESSAGES_SQL, ids),
        webhookEvents: user ? await rows<CitizenWebhookEvent>(db, WEBHOOK_EVENTS_SQL, user.channel, user.userId) : [],
      };
      return data;
    },

    async erase(key, titler, audit) {
      const { conversations, user } = await resolve(key);
      const ids = JSON.stringify(conversations.map((c) => c.id));
      const batch: D1Statement[] = [];
      // Staff messages first: they may reply to the exchanges about to go.
      const outbox = await count(`SELECT COUNT(*) AS n FROM outbox WHERE conversation_id IN ${IDS}`, ids);
      batch.push(statement(db, `DELETE FROM outbox WHERE conversation_id IN ${IDS}`, ids));
      const messageIds = (await rows<{ message_id: string }>(db, `SELECT message_id FROM exchanges WHERE conversation_id IN ${IDS}`, ids)).map((r) => r.message_id);
      const removal = await planRemoval(messageIds, titler, batch);
      batch.push(statement(db, `DELETE FROM conversations WHERE id IN ${IDS}`, ids));
      const webhookEvents = user ? await count('SELECT COUNT(*) AS n FROM webhook_events WHERE channel = ? AND user_id = ?', user.channel, user.userId) : 0;
      if (user) batch.push(statement(db, 'DELETE FROM webhook_events WHERE channel = ? AND user_id = ?', user.channel, user.userId));
      const removed: RemovedCounts = { ...removal, outbox, conversations: conversations.length, webhookEvents };
      batch.push(auditStatement(db, audit(removed)));
      await db.batch(batch);
      return removed;
    },

    async purgeStep(cutoff, limit, titler) {
      const batch: D1Statement[] = [];
      const outboxIds = (await rows<{ id: string }>(db, 'SELECT id FROM outbox WHERE created_at < ? ORDER BY created_at LIMIT ?', cutoff, limit)).map((r) => r.id);
      batch.push(statement(db, `DELETE FROM outbox WHERE id IN ${IDS}`, JSON.stringify(outboxIds)));
      const messageIds = (await rows<{ message_id: string }>(db, 'SELECT message_id FROM exchanges WHERE created_at < ? ORDER BY created_at LIMIT ?', cutoff, limit)).map((r) => r.message_id);
      const removal = await planRemoval(messageIds, titler, batch);
      const conversationsAt = batch.length;
      batch.push(
        statement(db, EXPIRED_CONVERSATIONS_SQL, cutoff, limit),
        statement(db, EXPIRED_EVENTS_SQL, cutoff, limit),
      );
      const results = await db.batch(batch);
      const conversations = results[conversationsAt]?.meta.changes ?? 0;
      const webhookEvents = results[conversationsAt + 1]?.meta.changes ?? 0;
      const more = messageIds.length === limit || outboxIds.length === limit || conversations === limit || webhookEvents === limit;
      return { ...removal, outbox: outboxIds.length, conversations, webhookEvents, more };
    },
  };
}
