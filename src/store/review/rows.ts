/**
 * @module
 * The review queue's rows and SQL as both stores use them (SQLite on Node, D1 on Workers).
 * Where a parameter is used more than once, the SQL is made from the placeholder each
 * driver binds (SQLite by name, `@since`; D1 by number, `?1`).
 */
import type { GroupFilter, ReviewCandidate, ReviewGroup, ReviewReason } from './types.ts';

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
const PRIORITY: Record<ReviewReason, number> = { thumbs_down: 0, no_answer: 1, out_of_scope: 1, low_confidence: 2 };

const NOT_QUEUED = 'NOT EXISTS (SELECT 1 FROM review_items r WHERE r.message_id = e.message_id)';

/** Exchanges that qualify for the queue since a time, once per reason (bestCandidates keeps one per exchange). */
export const candidatesSql = (p: { since: string; low: string; limit: string }) =>
  `SELECT message_id AS messageId, question, outcome AS reason, created_at AS askedAt FROM exchanges e
     WHERE outcome IN ('no_answer', 'out_of_scope') AND created_at >= ${p.since} AND ${NOT_QUEUED}
   UNION ALL
   SELECT message_id, question, 'low_confidence', created_at FROM exchanges e
     WHERE outcome = 'answered' AND created_at >= ${p.since} AND method IN ('extractive', 'llm') AND confidence < ${p.low} AND ${NOT_QUEUED}
   UNION ALL
   SELECT e.message_id, e.question, 'thumbs_down', e.created_at FROM feedback f JOIN exchanges e ON e.message_id = f.message_id
     WHERE f.rating = 'down' AND f.updated_at >= ${p.since} AND ${NOT_QUEUED}
   ORDER BY askedAt LIMIT ${p.limit}`;

/** One candidate per exchange, the strongest reason, oldest first. */
export function bestCandidates(found: ReviewCandidate[]): ReviewCandidate[] {
  const best = new Map<string, ReviewCandidate>();
  for (const r of found) {
    const known = best.get(r.messageId);
    if (!known || PRIORITY[r.reason] < PRIORITY[known.reason]) best.set(r.messageId, r);
  }
  return [...best.values()].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
}

/** A group's count and first and last times, from its items. */
export const recountSql = (id: string) =>
  `UPDATE review_groups SET count = (SELECT COUNT(*) FROM review_items WHERE group_id = ${id}),
   first_seen = (SELECT MIN(asked_at) FROM review_items WHERE group_id = ${id}), last_seen = (SELECT MAX(asked_at) FROM review_items WHERE group_id = ${id})
   WHERE id = ${id}`;

/** The groups a filter lists (`?` parameters, the limit last). */
export function listGroupsQuery(filter: GroupFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('g.status = ?');
    params.push(filter.status);
  }
  if (filter.reason) {
    where.push('EXISTS (SELECT 1 FROM review_items x WHERE x.group_id = g.id AND x.reason = ?)');
    params.push(filter.reason);
  }
  const sql = `${GROUP_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY g.id ORDER BY g.count DESC, g.last_seen DESC LIMIT ?`;
  return { sql, params: [...params, filter.limit] };
}

export const ITEMS_SQL = `SELECT i.message_id AS messageId, e.conversation_id AS conversationId, e.channel, c.external_user_id AS externalUserId, e.question,
   i.reason, i.asked_at AS askedAt, e.outcome, e.answer, f.comment
 FROM review_items i JOIN exchanges e ON e.message_id = i.message_id JOIN conversations c ON c.id = e.conversation_id
 LEFT JOIN feedback f ON f.message_id = i.message_id AND f.rating = 'down'
 WHERE i.group_id = ? ORDER BY i.asked_at`;

export const ANSWERS_SQL = 'SELECT id, group_id AS groupId, text, author, created_at AS createdAt FROM staff_answers WHERE group_id = ? ORDER BY id';

export const ITEM_GROUP_SQL = 'SELECT i.group_id AS groupId, i.asked_at AS askedAt, g.status FROM review_items i JOIN review_groups g ON g.id = i.group_id WHERE i.message_id = ?';
