/**
 * @module
 * The conversations concern of the store: conversations, exchanges and feedback (the FAQ,
 * staff and audit, the review queue and the outbox have their own interfaces beside it,
 * in faq/, staff/, audit/, review/ and outbox/). SQLite on
 * Node (sqlite.ts), D1 on Workers later; both run the same migrations. Async so that
 * both fit. Everything stored has already been redacted by the caller.
 */
export interface ExchangeRecord {
  messageId: string;
  conversationId: string;
  channel: string;
  /** The platform user (Zalo user id, Messenger PSID) a conversation belongs to; null on the web. */
  externalUserId?: string | null;
  /** The question with personal data redacted. */
  question: string;
  outcome: string;
  method: string;
  answer: string;
  sources: Array<{ passageId: string; documentId: string; section: string | null }>;
  latencyMs: number;
  createdAt: string;
  /**
   * How sure the answer was: the FAQ match's similarity, or the share of the question the
   * best passage covered for an extractive or generated (LLM) answer; null when neither
   * applies. The review queue picks up answers given with low confidence.
   */
  confidence?: number | null;
  /** Why a generated (LLM) answer was replaced by the extractive one, when it was. */
  fallbackReason?: string | null;
}

export interface FeedbackRecord {
  messageId: string;
  rating: 'up' | 'down';
  comment: string | null;
  createdAt: string;
}

export interface Store {
  /** The conversation if it exists and was active after `activeSince` (ISO time). */
  findConversation(id: string, activeSince: string): Promise<{ id: string } | null>;
  /** The one conversation of a platform user, however long ago it was active. */
  findUserConversation(channel: string, externalUserId: string): Promise<{ id: string } | null>;
  createConversation(id: string, channel: string, now: string): Promise<void>;
  /** Earlier questions (redacted) of a conversation, oldest first. */
  recentQuestions(conversationId: string, limit: number): Promise<string[]>;
  /** Earlier turns of a conversation (since `since`, ISO time, when given), oldest first: the question and the documents its answer cited. */
  recentTurns(conversationId: string, limit: number, since?: string): Promise<Array<{ question: string; documentIds: string[] }>>;
  /** Whether a write would be accepted now (false: the database is locked and the write queue is full). */
  canWrite(): boolean;
  /** Stores the exchange, creating its conversation when new (one commit). */
  saveExchange(record: ExchangeRecord): Promise<void>;
  /** Saves or replaces the rating of a message; false when the message is unknown. */
  saveFeedback(record: FeedbackRecord): Promise<boolean>;
  close(): Promise<void>;
}
