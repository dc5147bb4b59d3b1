/**
 * @module
 * Webhook events' rows as both stores read them (SQLite on Node, D1 on Workers).
 */
import type { WaitingEvent } from './types.ts';

/** Events received and not yet answered, oldest first: channel, before, limit. */
export const WAITING_SQL =
  "SELECT channel, event_id, user_id, occurred_at, received_at, payload FROM webhook_events WHERE channel = ? AND state = 'received' AND received_at < ? AND payload IS NOT NULL ORDER BY received_at LIMIT ?";

export interface WaitingRow {
  channel: string;
  event_id: string;
  user_id: string;
  occurred_at: string;
  received_at: string;
  payload: string;
}

export const toWaiting = (r: WaitingRow): WaitingEvent => ({ channel: r.channel, eventId: r.event_id, userId: r.user_id, occurredAt: r.occurred_at, receivedAt: r.received_at, payload: r.payload });
