/**
 * @module
 * What a citizen's request reads, as both stores read it (SQLite on Node, D1 on Workers):
 * the SQL (`?` parameters; IDS is one JSON array of ids) and the records made from the rows.
 */
import type { CitizenExchange } from './types.ts';

export const IDS = '(SELECT value FROM json_each(?))';

export const CONVERSATION_SELECT = 'SELECT id, channel, external_user_id AS externalUserId, created_at AS createdAt, updated_at AS updatedAt FROM conversations';

export const EXCHANGES_SQL = `SELECT e.message_id, e.conversation_id, e.channel, e.question, e.outcome, e.method, e.answer, e.sources, e.latency_ms, e.confidence, e.created_at,
   f.rating, f.comment, f.created_at AS feedback_created_at, f.updated_at AS feedback_updated_at, r.group_id, r.reason
 FROM exchanges e LEFT JOIN feedback f ON f.message_id = e.message_id LEFT JOIN review_items r ON r.message_id = e.message_id
 WHERE e.conversation_id IN ${IDS} ORDER BY e.created_at, e.rowid`;

export const STAFF_MESSAGES_SQL = `SELECT id, conversation_id AS conversationId, channel, in_reply_to AS inReplyTo, text, created_at AS createdAt, state, delivered_at AS deliveredAt
 FROM outbox WHERE conversation_id IN ${IDS} ORDER BY id`;

export const WEBHOOK_EVENTS_SQL = `SELECT channel, event_id AS eventId, occurred_at AS occurredAt, received_at AS receivedAt, state, payload, handled_at AS handledAt
 FROM webhook_events WHERE channel = ? AND user_id = ? ORDER BY received_at`;

export const EXPIRED_CONVERSATIONS_SQL = `DELETE FROM conversations WHERE id IN (SELECT c.id FROM conversations c WHERE c.updated_at < ?
   AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.conversation_id = c.id) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)
   ORDER BY c.updated_at LIMIT ?)`;

export const EXPIRED_EVENTS_SQL = 'DELETE FROM webhook_events WHERE rowid IN (SELECT rowid FROM webhook_events WHERE received_at < ? ORDER BY received_at LIMIT ?)';

export interface ExchangeRow {
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

export const toExchange = (r: ExchangeRow): CitizenExchange => ({
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
