/**
 * @module
 * The outbox: messages added to a citizen's conversation out of band (a staff answer, with
 * `method: "staff"`), each with its channel's delivery state. The web leaves a message
 * `available` until the widget fetches it (`delivered`); Zalo and Messenger will push theirs
 * and record `delivered`, or `failed` after their last attempt.
 */
export type DeliveryState = 'pending' | 'available' | 'delivered' | 'failed';

export interface NewOutboxMessage {
  /** Time-ordered: the message id the citizen's client sees and pages by. */
  id: string;
  conversationId: string;
  channel: string;
  externalUserId: string | null;
  /** The citizen's question it answers. */
  inReplyTo: string | null;
  staffAnswerId: string | null;
  text: string;
  createdAt: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  method: 'staff';
  state: DeliveryState;
  attempts: number;
  deliveredAt: string | null;
  error: string | null;
}

export interface DeliveryOutcome {
  state: DeliveryState;
  error?: string | null;
  /** When a failed push may be tried again (still `pending`). */
  nextAttemptAt?: string | null;
  at: string;
}

export interface OutboxStore {
  /** Whether the conversation exists, however long ago it was active. */
  conversationExists(conversationId: string): Promise<boolean>;
  /** A conversation's messages on a channel after a message id (ids are time-ordered) or an ISO time, oldest first. */
  after(conversationId: string, channel: string, cursor: { id?: string; time?: string }, limit: number): Promise<OutboxMessage[]>;
  /** Messages of these channels waiting for delivery whose next attempt is due, oldest first. */
  due(channels: string[], at: string, limit: number): Promise<OutboxMessage[]>;
  /** Records one delivery attempt. */
  record(id: string, outcome: DeliveryOutcome): Promise<void>;
  /** The widget fetched them: written in the background. */
  markDelivered(ids: string[], at: string): Promise<void>;
}
