/**
 * @module
 * The review queue on D1. State changes read the group first (a refusal says why at once)
 * and guard the same state inside their batch, so two staff resolving one group at once
 * cannot both succeed.
 */
import { GROUP_SELECT, PRIORITY, toGroup, type GroupRow } from '../review/rows.ts';
import { GroupStateError, type NewGroup, type ReviewCandidate, type ReviewItem, type ReviewQueueStore, type StaffAnswer } from '../review/types.ts';
import { auditStatement } from './audit.ts';
import { outboxStatement } from './outbox.ts';
import { guard, isGuardFailure, row, rows, statement, value, type D1Database, type D1Statement } from './database.ts';

const NOT_QUEUED = 'NOT EXISTS (SELECT 1 FROM review_items r WHERE r.message_id = e.message_id)';

async function guarded(db: D1Database, batch: D1Statement[], refusal: string): Promise<void> {
  try {
    await db.batch(batch);
  } catch (error) {
    if (isGuardFailure(error)) throw new GroupStateError(refusal);
    throw error;
  }
}

export function createD1ReviewStore(db: D1Database): ReviewQueueStore {
  const insertGroup = (g: NewGroup, at: string) =>
    statement(db, "INSERT INTO review_groups (id, question, terms, folded, status, count, first_seen, last_seen) VALUES (?, ?, ?, ?, 'open', 0, ?, ?)", g.id, g.question, JSON.stringify(g.terms), g.folded, at, at);
  const recount = (id: string) =>
    statement(
      db,
      `UPDATE review_groups SET count = (SELECT COUNT(*) FROM review_items WHERE group_id = ?1),
       first_seen = (SELECT MIN(asked_at) FROM review_items WHERE group_id = ?1), last_seen = (SELECT MAX(asked_at) FROM review_items WHERE group_id = ?1)
       WHERE id = ?1`,
      id,
    );
  const setStatus = (status: string, by: string | null, at: string | null, id: string) => statement(db, 'UPDATE review_groups SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?', status, by, at, id);

  return {
    async candidates(since, low, limit) {
      const found = await rows<ReviewCandidate>(
        db,
        `SELECT message_id AS messageId, question, outcome AS reason, created_at AS askedAt FROM exchanges e
           WHERE outcome IN ('no_answer', 'out_of_scope') AND created_at >= ?1 AND ${NOT_QUEUED}
         UNION ALL
         SELECT message_id, question, 'low_confidence', created_at FROM exchanges e
           WHERE outcome = 'answered' AND created_at >= ?1 AND method IN ('extractive', 'llm') AND confidence < ?2 AND ${NOT_QUEUED}
         UNION ALL
         SELECT e.message_id, e.question, 'thumbs_down', e.created_at FROM feedback f JOIN exchanges e ON e.message_id = f.message_id
           WHERE f.rating = 'down' AND f.updated_at >= ?1 AND ${NOT_QUEUED}
         ORDER BY askedAt LIMIT ?3`,
        since,
        low,
        limit,
      );
      const best = new Map<string, ReviewCandidate>();
      for (const r of found) {
        const known = best.get(r.messageId);
        if (!known || PRIORITY[r.reason] < PRIORITY[known.reason]) best.set(r.messageId, r);
      }
      return [...best.values()].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
    },
    async lastAskedAt() {
      return value<string>(db, 'SELECT MAX(asked_at) FROM review_items');
    },
    async openGroups() {
      return (await rows<{ id: string; terms: string }>(db, "SELECT id, terms FROM review_groups WHERE status = 'open'")).map((r) => ({ id: r.id, terms: JSON.parse(r.terms) as string[] }));
    },
    async addItems(groups, items) {
      if (groups.length === 0 && items.length === 0) return;
      const firstAsked = new Map(items.map((i) => [i.groupId, i.askedAt]));
      await db.batch([
        ...groups.map((g) => insertGroup(g, firstAsked.get(g.id) ?? '')),
        ...items.map((i) => statement(db, 'INSERT OR IGNORE INTO review_items (message_id, group_id, reason, asked_at) VALUES (?, ?, ?, ?)', i.messageId, i.groupId, i.reason, i.askedAt)),
        ...[...new Set(items.map((i) => i.groupId))].map(recount),
      ]);
    },
    async listGroups(filter) {
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
      return (await rows<GroupRow>(db, sql, ...params, filter.limit)).map(toGroup);
    },
    async getGroup(id) {
      const found = await row<GroupRow>(db, `${GROUP_SELECT} WHERE g.id = ? GROUP BY g.id`, id);
      if (!found) return null;
      const { folded: _folded, ...rest } = toGroup(found);
      return rest;
    },
    async items(groupId) {
      return rows<ReviewItem>(
        db,
        `SELECT i.message_id AS messageId, e.conversation_id AS conversationId, e.channel, c.external_user_id AS externalUserId, e.question,
           i.reason, i.asked_at AS askedAt, e.outcome, e.answer, f.comment
         FROM review_items i JOIN exchanges e ON e.message_id = i.message_id JOIN conversations c ON c.id = e.conversation_id
         LEFT JOIN feedback f ON f.message_id = i.message_id AND f.rating = 'down'
         WHERE i.group_id = ? ORDER BY i.asked_at`,
        groupId,
      );
    },
    async answers(groupId) {
      return rows<StaffAnswer>(db, 'SELECT id, group_id AS groupId, text, author, created_at AS createdAt FROM staff_answers WHERE group_id = ? ORDER BY id', groupId);
    },
    async answer(answer, messages, audit) {
      const refusal = `group ${answer.groupId} is not open`;
      if ((await value<string>(db, 'SELECT status FROM review_groups WHERE id = ?', answer.groupId)) !== 'open') throw new GroupStateError(refusal);
      await guarded(
        db,
        [
          guard(db, "(SELECT status FROM review_groups WHERE id = ?) = 'open'", answer.groupId),
          setStatus('answered', answer.author, answer.createdAt, answer.groupId),
          statement(db, 'INSERT INTO staff_answers (id, group_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)', answer.id, answer.groupId, answer.text, answer.author, answer.createdAt),
          ...messages.map((m) => outboxStatement(db, m)),
          auditStatement(db, audit),
        ],
        refusal,
      );
    },
    async resolve(groupId, status, by, at, audit) {
      const from = await value<string>(db, 'SELECT status FROM review_groups WHERE id = ?', groupId);
      // Open groups are resolved; resolved ones (not answered: citizens got that answer) may be opened again.
      const allowed = status === 'open' ? from === 'out_of_scope' || from === 'dismissed' : from === 'open';
      const refusal = `group ${groupId} cannot go from ${from ?? 'nowhere'} to ${status}`;
      if (!from || !allowed) throw new GroupStateError(refusal);
      await guarded(
        db,
        [guard(db, '(SELECT status FROM review_groups WHERE id = ?) = ?', groupId, from), setStatus(status, status === 'open' ? null : by, status === 'open' ? null : at, groupId), auditStatement(db, audit)],
        refusal,
      );
    },
    async linkDraft(groupId, faqEntryId) {
      await statement(db, 'UPDATE review_groups SET faq_entry_id = ? WHERE id = ?', faqEntryId, groupId).run();
    },
    async splitItem(messageId, g, audit) {
      const from = await row<{ groupId: string; askedAt: string; status: string }>(
        db,
        'SELECT i.group_id AS groupId, i.asked_at AS askedAt, g.status FROM review_items i JOIN review_groups g ON g.id = i.group_id WHERE i.message_id = ?',
        messageId,
      );
      if (!from || from.status !== 'open') throw new GroupStateError(`question ${messageId} is not in an open group`);
      const refusal = `question ${messageId} is alone in its group`;
      if (((await value<number>(db, 'SELECT COUNT(*) FROM review_items WHERE group_id = ?', from.groupId)) ?? 0) < 2) throw new GroupStateError(refusal);
      await guarded(
        db,
        [
          guard(
            db,
            "(SELECT status FROM review_groups WHERE id = ?1) = 'open' AND (SELECT group_id FROM review_items WHERE message_id = ?2) = ?1 AND (SELECT COUNT(*) FROM review_items WHERE group_id = ?1) >= 2",
            from.groupId,
            messageId,
          ),
          insertGroup(g, from.askedAt),
          statement(db, 'UPDATE review_items SET group_id = ? WHERE message_id = ?', g.id, messageId),
          recount(from.groupId),
          recount(g.id),
          auditStatement(db, audit),
        ],
        refusal,
      );
    },
  };
}
