/**
 * @module
 * The outbox's rows as both stores read them (SQLite on Node, D1 on Workers).
 */
import type { OutboxMessage } from './types.ts';

export interface OutboxRow {
  id: string;
  conversation_id: string;
  channel: string;
  external_user_id: string | null;
  in_reply_to: string | null;
  staff_answer_id: string | null;
  method: 'staff';
  text: string;
  created_at: string;
  state: OutboxMessage['state'];
  attempts: number;
  delivered_at: string | null;
  error: string | null;
}

export function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    channel: r.channel,
    externalUserId: r.external_user_id,
    inReplyTo: r.in_reply_to,
    staffAnswerId: r.staff_answer_id,
    method: r.method,
    text: r.text,
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    deliveredAt: r.delivered_at,
    error: r.error,
  };
}
