/**
 * @module
 * Webhook events in SQLite. The claim commits at once in its own transaction (not through
 * the write queue, which would report success while a write waits behind a lock): the
 * platform's 200 must follow a record that is on disk. Progress marks go through the queue,
 * after the acknowledgement.
 */
import type { SqliteDatabase } from '../sqlite-database.ts';
import { toWaiting, WAITING_SQL, type WaitingRow } from './rows.ts';
import type { WebhookEventStore } from './types.ts';

export function createSqliteWebhookEventStore(database: SqliteDatabase): WebhookEventStore {
  const { db, queue, read } = database;
  const insert = db.prepare(
    `INSERT INTO webhook_events (channel, event_id, user_id, occurred_at, received_at, state, payload)
     VALUES (@channel, @eventId, @userId, @occurredAt, @receivedAt, @state, @payload) ON CONFLICT DO NOTHING`,
  );
  // A handled event keeps only its id, user and times: the citizen's words are not kept here.
  const mark = db.prepare(
    `UPDATE webhook_events SET state = @state, error = @error, handled_at = @at,
     payload = CASE WHEN @state IN ('received', 'answering') THEN payload ELSE NULL END
     WHERE channel = @channel AND event_id = @eventId`,
  );
  const waiting = db.prepare(WAITING_SQL);
  const last = db.prepare('SELECT max(occurred_at) FROM webhook_events WHERE channel = ? AND user_id = ?').pluck();
  const prune = db.prepare('DELETE FROM webhook_events WHERE received_at < ?');

  return {
    async claim(events) {
      if (events.length === 0) return [];
      return database.write(() => events.filter((e) => insert.run(e).changes === 1));
    },
    async mark(channel, eventId, state, at, error = null) {
      await queue.submit({ run: () => void mark.run({ channel, eventId, state, at, error }) });
    },
    async waiting(channel, before, limit) {
      const rows = read(() => waiting.all(channel, before, limit) as WaitingRow[], []);
      return rows.map(toWaiting);
    },
    async lastInteraction(channel, userId) {
      // Not degraded to "never" on a lock: that would record a staff answer as undeliverable.
      return (last.get(channel, userId) as string | null) ?? null;
    },
    async prune(before) {
      return database.write(() => prune.run(before).changes);
    },
  };
}
