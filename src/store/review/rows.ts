/**
 * @module
 * The review queue's rows as both stores read them (SQLite on Node, D1 on Workers).
 */
import type { ReviewGroup, ReviewReason } from './types.ts';

export interface GroupRow {
  id: string;
  question: string;
  terms: string;
  folded: string;
  status: ReviewGroup['status'];
  count: number;
  first_seen: string;
  last_seen: string;
  faq_entry_id: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  no_answer: number;
  out_of_scope: number;
  thumbs_down: number;
  low_confidence: number;
}

export const GROUP_SELECT = `SELECT g.*,
  SUM(i.reason = 'no_answer') AS no_answer, SUM(i.reason = 'out_of_scope') AS out_of_scope,
  SUM(i.reason = 'thumbs_down') AS thumbs_down, SUM(i.reason = 'low_confidence') AS low_confidence
  FROM review_groups g JOIN review_items i ON i.group_id = g.id`;

export function toGroup(r: GroupRow): ReviewGroup & { folded: string } {
  return {
    id: r.id,
    question: r.question,
    terms: JSON.parse(r.terms) as string[],
    folded: r.folded,
    status: r.status,
    count: r.count,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    reasons: { no_answer: r.no_answer ?? 0, out_of_scope: r.out_of_scope ?? 0, thumbs_down: r.thumbs_down ?? 0, low_confidence: r.low_confidence ?? 0 },
    faqEntryId: r.faq_entry_id,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

/** A thumbs-down is the strongest signal: it wins when one exchange qualifies twice. */
export const PRIORITY: Record<ReviewReason, number> = { thumbs_down: 0, no_answer: 1, out_of_scope: 1, low_confidence: 2 };
