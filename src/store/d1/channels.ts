/**
 * @module
 * The chat platforms' stores on D1: webhook events recorded once (the claim is one batch,
 * committed before the platform gets its 200) and the rotated Zalo tokens.
 */
import type { ChannelStores } from '../channels.ts';
import type { StoredTokens } from '../channel-tokens/types.ts';
import type { WaitingEvent } from '../webhook-events/types.ts';
import { StoreBusyError } from '../write-queue.ts';
import { changes, row, rows, statement, value, type D1Database } from './database.ts';

interface WaitingRow {
  channel: string;
  event_id: string;
  user_id: string;
  occurred_at: string;
  received_at: string;
  payload: string;
}

export function createD1ChannelStores(db: D1Database): ChannelStores {
  return {
    events: {
      async claim(events) {
        if (events.length === 0) return [];
        let results: Array<{ meta: { changes?: number } }>;
        try {
          results = await db.batch(
            events.map((e) =>
              statement(
                db,
                `INSERT INTO webhook_events (channel, event_id, user_id, occurred_at, received_at, state, payload)
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
                e.channel,
                e.eventId,
                e.userId,
                e.occurredAt,
                e.receivedAt,
                e.state,
                e.payload,
              ),
            ),
          );
        } catch (error) {
          // Not recorded: the platform must deliver again (5xx), never be told 200.
          throw Object.assign(new StoreBusyError(), { cause: error });
        }
        return events.filter((_, i) => (results[i]?.meta.changes ?? 0) === 1);
      },
      async mark(channel, eventId, state, at, error = null) {
        // A handled event keeps only its id, user and times: the citizen's words are not kept here.
        await statement(
          db,
          `UPDATE webhook_events SET state = ?1, error = ?2, handled_at = ?3,
           payload = CASE WHEN ?1 IN ('received', 'answering') THEN payload ELSE NULL END
           WHERE channel = ?4 AND event_id = ?5`,
          state,
          error,
          at,
          channel,
          eventId,
        ).run();
      },
      async waiting(channel, before, limit) {
        const found = await rows<WaitingRow>(
          db,
          "SELECT channel, event_id, user_id, occurred_at, received_at, payload FROM webhook_events WHERE channel = ? AND state = 'received' AND received_at < ? AND payload IS NOT NULL ORDER BY received_at LIMIT ?",
          channel,
          before,
          limit,
        );
        return found.map((r): WaitingEvent => ({ channel: r.channel, eventId: r.event_id, userId: r.user_id, occurredAt: r.occurred_at, receivedAt: r.received_at, payload: r.payload }));
      },
      async lastInteraction(channel, userId) {
        return value<string>(db, 'SELECT max(occurred_at) FROM webhook_events WHERE channel = ? AND user_id = ?', channel, userId);
      },
      async prune(before) {
        return changes(db, 'DELETE FROM webhook_events WHERE received_at < ?', before);
      },
    },
    tokens: {
      async read(name) {
        const found = await row<{ access_token: string; refresh_token: string; expires_at: string | null; seed: string; updated_at: string }>(
          db,
          'SELECT access_token, refresh_token, expires_at, seed, updated_at FROM channel_tokens WHERE name = ?',
          name,
        );
        return found ? { accessToken: found.access_token, refreshToken: found.refresh_token, expiresAt: found.expires_at, seed: found.seed, updatedAt: found.updated_at } : null;
      },
      async write(name, t: StoredTokens) {
        await statement(
          db,
          `INSERT INTO channel_tokens (name, access_token, refresh_token, expires_at, seed, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, seed = excluded.seed, updated_at = excluded.updated_at`,
          name,
          t.accessToken,
          t.refreshToken,
          t.expiresAt,
          t.seed,
          t.updatedAt,
        ).run();
      },
    },
  };
}
