/**
 * @module
 * The outbox on D1. `outboxStatement` is shared with the review queue, which adds a staff
 * answer's messages in the batch that records the answer.
 */
import { toMessage, type OutboxRow } from '../outbox/rows.ts';
import type { NewOutboxMessage, OutboxStore } from '../outbox/types.ts';
import { row, rows, statement, type D1Database, type D1Statement } from './database.ts';

/** A new message waits for its channel ('pending'). */
export function outboxStatement(db: D1Database, m: NewOutboxMessage): D1Statement {
  return statement(
    db,
    `INSERT INTO outbox (id, conversation_id, channel, external_user_id, in_reply_to, staff_answer_id, method, text, created_at, state)
     VALUES (?, ?, ?, ?, ?, ?, 'staff', ?, ?, 'pending')`,
    m.id,
    m.conversationId,
    m.channel,
    m.externalUserId,
    m.inReplyTo,
    m.staffAnswerId,
    m.text,
    m.createdAt,
  );
}

export function createD1OutboxStore(db: D1Database): OutboxStore {
  return {
    async conversationExists(id) {
      return (await row(db, 'SELECT 1 FROM conversations WHERE id = ?', id)) !== null;
    },
    async after(conversationId, channel, cursor, limit) {
      const found =
        cursor.time !== undefined
          ? await rows<OutboxRow>(db, "SELECT * FROM outbox WHERE conversation_id = ? AND channel = ? AND created_at > ? AND state != 'failed' ORDER BY id LIMIT ?", conversationId, channel, cursor.time, limit)
          : await rows<OutboxRow>(db, "SELECT * FROM outbox WHERE conversation_id = ? AND channel = ? AND id > ? AND state != 'failed' ORDER BY id LIMIT ?", conversationId, channel, cursor.id ?? '', limit);
      return found.map(toMessage);
    },
    async due(channels, at, limit) {
      const found = await rows<OutboxRow>(
        db,
        "SELECT * FROM outbox WHERE state = 'pending' AND channel IN (SELECT value FROM json_each(?)) AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
        JSON.stringify(channels),
        at,
        limit,
      );
      return found.map(toMessage);
    },
    async record(id, outcome) {
      await statement(
        db,
        `UPDATE outbox SET state = ?1, attempts = attempts + 1, error = ?2, next_attempt_at = ?3,
         delivered_at = CASE WHEN ?1 = 'delivered' THEN ?4 ELSE delivered_at END WHERE id = ?5 AND state = 'pending'`,
        outcome.state,
        outcome.error ?? null,
        outcome.nextAttemptAt ?? null,
        outcome.at,
        id,
      ).run();
    },
    async markDelivered(ids, at) {
      if (ids.length === 0) return;
      await statement(db, "UPDATE outbox SET state = 'delivered', delivered_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND state IN ('pending', 'available')", at, JSON.stringify(ids)).run();
    },
  };
}
