/**
 * @module
 * The outbox in SQLite. `outboxWriter` is shared with the review queue, which adds a staff
 * answer's messages in the transaction that records the answer.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { toMessage, type OutboxRow } from './rows.ts';
import type { NewOutboxMessage, OutboxStore } from './types.ts';

/** Prepares the insert once per database; call the result inside a transaction. New messages wait for their channel. */
export function outboxWriter(db: Database.Database): (message: NewOutboxMessage) => void {
  const insert = db.prepare(
    `INSERT INTO outbox (id, conversation_id, channel, external_user_id, in_reply_to, staff_answer_id, method, text, created_at, state)
     VALUES (@id, @conversationId, @channel, @externalUserId, @inReplyTo, @staffAnswerId, 'staff', @text, @createdAt, 'pending')`,
  );
  return (m) => void insert.run(m);
}

export function createSqliteOutboxStore(database: SqliteDatabase): OutboxStore {
  const { db, queue, read } = database;
  const exists = db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck();
  // A web message is available from the moment it is written: the delivery only records that.
  const afterId = db.prepare("SELECT * FROM outbox WHERE conversation_id = ? AND channel = ? AND id > ? AND state != 'failed' ORDER BY id LIMIT ?");
  const afterTime = db.prepare("SELECT * FROM outbox WHERE conversation_id = ? AND channel = ? AND created_at > ? AND state != 'failed' ORDER BY id LIMIT ?");
  const due = db.prepare(
    "SELECT * FROM outbox WHERE state = 'pending' AND channel IN (SELECT value FROM json_each(?)) AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
  );
  const record = db.prepare(
    `UPDATE outbox SET state = @state, attempts = attempts + 1, error = @error, next_attempt_at = @nextAttemptAt,
     delivered_at = CASE WHEN @state = 'delivered' THEN @at ELSE delivered_at END WHERE id = @id AND state = 'pending'`,
  );
  const delivered = db.prepare("UPDATE outbox SET state = 'delivered', delivered_at = ? WHERE id = ? AND state IN ('pending', 'available')");

  return {
    async conversationExists(id) {
      return read(() => exists.get(id) !== undefined, true);
    },
    async after(conversationId, channel, cursor, limit) {
      const rows = read(() => (cursor.time !== undefined ? afterTime.all(conversationId, channel, cursor.time, limit) : afterId.all(conversationId, channel, cursor.id ?? '', limit)) as OutboxRow[], []);
      return rows.map(toMessage);
    },
    async due(channels, at, limit) {
      return (due.all(JSON.stringify(channels), at, limit) as OutboxRow[]).map(toMessage);
    },
    async record(id, outcome) {
      database.write(() => record.run({ id, state: outcome.state, error: outcome.error ?? null, nextAttemptAt: outcome.nextAttemptAt ?? null, at: outcome.at }));
    },
    async markDelivered(ids, at) {
      if (ids.length === 0) return;
      await queue.submit({ run: () => ids.forEach((id) => delivered.run(at, id)) });
    },
  };
}
