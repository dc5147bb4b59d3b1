/**
 * @module
 * The chat platforms' stores on D1: webhook events recorded once (the claim is one batch,
 * committed before the platform gets its 200) and the rotated Zalo tokens.
 */
import type { ChannelStores } from '../channels.ts';
import type { StoredTokens } from '../channel-tokens/types.ts';
import { toTokens, TOKENS_SELECT, type TokenRow } from '../channel-tokens/rows.ts';
import { toWaiting, WAITING_SQL, type WaitingRow } from '../webhook-events/rows.ts';
import { StoreBusyError } from '../write-queue.ts';
import { changes, row, rows, statement, value, type D1Database } from './database.ts';

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
        return (await rows<WaitingRow>(db, WAITING_SQL, channel, before, limit)).map(toWaiting);
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
        const found = await row<TokenRow>(db, TOKENS_SELECT, name);
        return found ? toTokens(found) : null;
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
