/**
 * @module
 * Citizens' personal data across the concerns that hold it: conversations, exchanges
 * (questions, answers), feedback, the review queue's items, staff messages in the outbox,
 * and the chat platforms' webhook events. Two operations span them all, each in
 * transactions of its own: a citizen's request (everything stored about them, or none of
 * it left), and the retention purge (everything older than the cutoff, and nothing else).
 * The audit record of each is written in the same transaction as the change it records.
 */
import type { AuditRecord } from '../audit/types.ts';

/** Whom a request concerns: a conversation (the web's credential), or a Zalo / Messenger user. */
export type CitizenKey = { conversationId: string } | { channel: string; userId: string };

export interface CitizenConversation {
  id: string;
  channel: string;
  externalUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CitizenExchange {
  messageId: string;
  conversationId: string;
  channel: string;
  question: string;
  outcome: string;
  method: string;
  answer: string;
  sources: Array<{ passageId: string; documentId: string; section: string | null }>;
  latencyMs: number;
  confidence: number | null;
  createdAt: string;
  feedback: { rating: 'up' | 'down'; comment: string | null; createdAt: string; updatedAt: string } | null;
  /** The review-queue group the question is in, and why. */
  review: { groupId: string; reason: string } | null;
}

export interface CitizenStaffMessage {
  id: string;
  conversationId: string;
  channel: string;
  inReplyTo: string | null;
  text: string;
  createdAt: string;
  state: string;
  deliveredAt: string | null;
}

export interface CitizenWebhookEvent {
  channel: string;
  eventId: string;
  occurredAt: string;
  receivedAt: string;
  state: string;
  /** What answering the event needed, kept until it was handled (JSON text). */
  payload: string | null;
  handledAt: string | null;
}

/** Everything stored about one citizen. */
export interface CitizenData {
  conversations: CitizenConversation[];
  exchanges: CitizenExchange[];
  staffMessages: CitizenStaffMessage[];
  webhookEvents: CitizenWebhookEvent[];
}

/** Rows removed, by kind. */
export interface RemovedCounts {
  conversations: number;
  exchanges: number;
  feedback: number;
  reviewItems: number;
  reviewGroups: number;
  staffAnswers: number;
  outbox: number;
  webhookEvents: number;
}

export const NO_REMOVALS: RemovedCounts = { conversations: 0, exchanges: 0, feedback: 0, reviewItems: 0, reviewGroups: 0, staffAnswers: 0, outbox: 0, webhookEvents: 0 };

/**
 * A review group's title is a citizen's question: when that question goes, the group is
 * titled by one that stays, its terms and folded form computed by the queue's own analysis.
 */
export type GroupTitler = (question: string) => { terms: string[]; folded: string };

export interface PersonalDataStore {
  /** Everything stored about the citizen (empty lists when nothing is). */
  find(key: CitizenKey): Promise<CitizenData>;
  /**
   * Removes everything stored about the citizen in one transaction, with the audit record
   * `audit(counts)` returns; StoreBusyError when the database is locked.
   */
  erase(key: CitizenKey, titler: GroupTitler, audit: (removed: RemovedCounts) => AuditRecord): Promise<RemovedCounts>;
  /**
   * One bounded step of the retention purge: up to `limit` exchanges created before `cutoff`
   * (ISO), with their feedback and queue items, staff messages and webhook events before it,
   * and conversations with nothing left that were last active before it. `more` is true
   * while older rows remain.
   */
  purgeStep(cutoff: string, limit: number, titler: GroupTitler): Promise<RemovedCounts & { more: boolean }>;
}
