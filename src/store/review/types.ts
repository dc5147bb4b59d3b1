/**
 * @module
 * The review queue: questions the service could not answer well (declined, rated down,
 * answered with low confidence), grouped by similarity so that staff answer a question
 * once for everyone who asked it. Items are the exchanges themselves (already redacted);
 * a staff answer adds a message to each asker's conversation through the outbox.
 */
import type { AuditRecord } from '../audit/types.ts';
import type { NewOutboxMessage } from '../outbox/types.ts';

export type ReviewReason = 'no_answer' | 'out_of_scope' | 'thumbs_down' | 'low_confidence';
export const REVIEW_REASONS: readonly ReviewReason[] = ['no_answer', 'out_of_scope', 'thumbs_down', 'low_confidence'];
export type GroupStatus = 'open' | 'answered' | 'out_of_scope' | 'dismissed';
export const GROUP_STATUSES: readonly GroupStatus[] = ['open', 'answered', 'out_of_scope', 'dismissed'];

/** An exchange that belongs in the queue and is not in it yet. */
export interface ReviewCandidate {
  messageId: string;
  question: string;
  reason: ReviewReason;
  askedAt: string;
}

export interface ReviewGroup {
  id: string;
  /** The first question of the group, as asked (redacted). */
  question: string;
  /** Its folded terms: what later questions are compared with. */
  terms: string[];
  status: GroupStatus;
  count: number;
  firstSeen: string;
  lastSeen: string;
  reasons: Record<ReviewReason, number>;
  faqEntryId: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface ReviewItem {
  messageId: string;
  conversationId: string;
  channel: string;
  externalUserId: string | null;
  question: string;
  reason: ReviewReason;
  askedAt: string;
  outcome: string;
  answer: string;
  /** The citizen's comment with a thumbs-down (redacted). */
  comment: string | null;
}

export interface StaffAnswer {
  id: string;
  groupId: string;
  text: string;
  author: string;
  createdAt: string;
}

export interface NewGroup {
  id: string;
  question: string;
  terms: string[];
  /** The question folded (no tone marks), for search. */
  folded: string;
}

export interface GroupFilter {
  status?: GroupStatus;
  reason?: ReviewReason;
  limit: number;
}

/** The group is no longer in a state that allows the action (another person resolved it). */
export class GroupStateError extends Error {}

export interface ReviewQueueStore {
  /** Qualifying exchanges asked (or rated) since `since` that are not in the queue, oldest first. */
  candidates(since: string, lowConfidence: number, limit: number): Promise<ReviewCandidate[]>;
  /** When the newest item was asked, to resume after a restart. */
  lastAskedAt(): Promise<string | null>;
  /** Open groups' terms, to place new items. */
  openGroups(): Promise<Array<{ id: string; terms: string[] }>>;
  /** Adds items (and the groups they start) in one transaction; counts and first/last seen follow. */
  addItems(groups: NewGroup[], items: Array<ReviewCandidate & { groupId: string }>): Promise<void>;
  listGroups(filter: GroupFilter): Promise<Array<ReviewGroup & { folded: string }>>;
  getGroup(id: string): Promise<ReviewGroup | null>;
  items(groupId: string): Promise<ReviewItem[]>;
  answers(groupId: string): Promise<StaffAnswer[]>;
  /** Records a staff answer, its messages to the askers and the audit record; the group becomes `answered`. */
  answer(answer: StaffAnswer, messages: NewOutboxMessage[], audit: AuditRecord): Promise<void>;
  /** Sets the group's state (out of scope, dismissed, or open again). */
  resolve(groupId: string, status: GroupStatus, by: string, at: string, audit: AuditRecord): Promise<void>;
  /** Links the FAQ draft made from the group. */
  linkDraft(groupId: string, faqEntryId: string): Promise<void>;
  /** Moves a question out of its open group into a group of its own (it was not the same question). */
  splitItem(messageId: string, group: NewGroup, audit: AuditRecord): Promise<void>;
}
