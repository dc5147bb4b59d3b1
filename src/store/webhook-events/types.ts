/**
 * @module
 * Webhook events from the chat platforms (Zalo, Messenger), each recorded once before the
 * platform gets its 200: a redelivered, concurrent or reordered event finds its id and is
 * never answered twice. The record also keeps what answering needs until the event is
 * handled (so a crash or a busy database delays an answer rather than losing it), and when
 * each platform user last wrote (the window in which a platform lets us message them).
 */
export type EventState = 'received' | 'answering' | 'answered' | 'ignored' | 'limited' | 'failed' | 'expired';

export interface NewWebhookEvent {
  channel: string;
  /** The platform's id of the event (Zalo `msg_id`, Messenger `mid`). */
  eventId: string;
  /** The platform user (Zalo user id, Messenger PSID). */
  userId: string;
  /** When the user acted (ISO), by the platform's clock, never later than received. */
  occurredAt: string;
  receivedAt: string;
  /** `ignored`: kept only as an interaction (a follow), nothing to answer. */
  state: Extract<EventState, 'received' | 'ignored'>;
  /** What answering needs (JSON), cleared once handled; null for an ignored event. */
  payload: string | null;
}

export type WaitingEvent = Omit<NewWebhookEvent, 'state' | 'payload'> & { payload: string };

export interface WebhookEventStore {
  /**
   * Records the events whose ids were never seen, all in one transaction, and returns
   * those (the others are duplicates). Throws StoreBusyError when the record cannot be
   * written now: the caller answers 5xx so the platform delivers again.
   */
  claim(events: readonly NewWebhookEvent[]): Promise<NewWebhookEvent[]>;
  /** Records an event's progress; a handled event (not `received` or `answering`) loses its payload. */
  mark(channel: string, eventId: string, state: Exclude<EventState, 'ignored'>, at: string, error?: string | null): Promise<void>;
  /** Events recorded but never handled, received before `before` (ISO), oldest first. */
  waiting(channel: string, before: string, limit: number): Promise<WaitingEvent[]>;
  /** When the user last wrote to us (ISO), among the events still kept; null if none is. */
  lastInteraction(channel: string, userId: string): Promise<string | null>;
  /** Forgets events received before `before` (ISO); returns how many. */
  prune(before: string): Promise<number>;
}
