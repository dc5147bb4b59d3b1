/**
 * @module
 * The review queue in SQLite: `review_groups`, `review_items` (one per exchange),
 * `staff_answers`; a staff answer's messages go to the outbox in the same transaction.
 */
import { auditWriter } from '../audit/sqlite.ts';
import { outboxWriter } from '../outbox/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { GROUP_SELECT, PRIORITY, toGroup, type GroupRow } from './rows.ts';
import { GroupStateError, type ReviewCandidate, type ReviewItem, type ReviewQueueStore } from './types.ts';

export function createSqliteReviewStore(database: SqliteDatabase): ReviewQueueStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const writeOutbox = outboxWriter(db);
  const notQueued = 'NOT EXISTS (SELECT 1 FROM review_items r WHERE r.message_id = e.message_id)';
  const candidates = db.prepare(
    `SELECT message_id AS messageId, question, outcome AS reason, created_at AS askedAt FROM exchanges e
       WHERE outcome IN ('no_answer', 'out_of_scope') AND created_at >= @since AND ${notQueued}
     UNION ALL
     SELECT message_id, question, 'low_confidence', created_at FROM exchanges e
       WHERE outcome = 'answered' AND created_at >= @since AND method IN ('extractive', 'llm') AND confidence < @low AND ${notQueued}
     UNION ALL
     SELECT e.message_id, e.question, 'thumbs_down', e.created_at FROM feedback f JOIN exchanges e ON e.message_id = f.message_id
       WHERE f.rating = 'down' AND f.updated_at >= @since AND ${notQueued}
     ORDER BY askedAt LIMIT @limit`,
  );
  const lastAsked = db.prepare('SELECT MAX(asked_at) FROM review_items').pluck();
  const open = db.prepare("SELECT id, terms FROM review_groups WHERE status = 'open'");
  const insertGroup = db.prepare(
    "INSERT INTO review_groups (id, question, terms, folded, status, count, first_seen, last_seen) VALUES (@id, @question, @terms, @folded, 'open', 0, @at, @at)",
  );
  const insertItem = db.prepare('INSERT OR IGNORE INTO review_items (message_id, group_id, reason, asked_at) VALUES (?, ?, ?, ?)');
  const recount = db.prepare(
    `UPDATE review_groups SET count = (SELECT COUNT(*) FROM review_items WHERE group_id = @id),
     first_seen = (SELECT MIN(asked_at) FROM review_items WHERE group_id = @id), last_seen = (SELECT MAX(asked_at) FROM review_items WHERE group_id = @id)
     WHERE id = @id`,
  );
  const group = db.prepare(`${GROUP_SELECT} WHERE g.id = ? GROUP BY g.id`);
  const items = db.prepare(
    `SELECT i.message_id AS messageId, e.conversation_id AS conversationId, e.channel, c.external_user_id AS externalUserId, e.question,
       i.reason, i.asked_at AS askedAt, e.outcome, e.answer, f.comment
     FROM review_items i JOIN exchanges e ON e.message_id = i.message_id JOIN conversations c ON c.id = e.conversation_id
     LEFT JOIN feedback f ON f.message_id = i.message_id AND f.rating = 'down'
     WHERE i.group_id = ? ORDER BY i.asked_at`,
  );
  const answers = db.prepare('SELECT id, group_id AS groupId, text, author, created_at AS createdAt FROM staff_answers WHERE group_id = ? ORDER BY id');
  const insertAnswer = db.prepare('INSERT INTO staff_answers (id, group_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)');
  const setStatus = db.prepare('UPDATE review_groups SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = ?');
  const statusOf = db.prepare('SELECT status FROM review_groups WHERE id = ?').pluck();
  const linkDraft = db.prepare('UPDATE review_groups SET faq_entry_id = ? WHERE id = ?');
  const itemGroup = db.prepare("SELECT i.group_id AS groupId, i.asked_at AS askedAt, g.status FROM review_items i JOIN review_groups g ON g.id = i.group_id WHERE i.message_id = ?");
  const moveItem = db.prepare('UPDATE review_items SET group_id = ? WHERE message_id = ?');
  const itemCount = db.prepare('SELECT COUNT(*) FROM review_items WHERE group_id = ?').pluck();

  return {
    async candidates(since, low, limit) {
      const rows = candidates.all({ since, low, limit }) as ReviewCandidate[];
      const best = new Map<string, ReviewCandidate>();
      for (const row of rows) {
        const known = best.get(row.messageId);
        if (!known || PRIORITY[row.reason] < PRIORITY[known.reason]) best.set(row.messageId, row);
      }
      return [...best.values()].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
    },
    async lastAskedAt() {
      return (lastAsked.get() as string | null) ?? null;
    },
    async openGroups() {
      return (open.all() as Array<{ id: string; terms: string }>).map((r) => ({ id: r.id, terms: JSON.parse(r.terms) as string[] }));
    },
    async addItems(groups, newItems) {
      database.write(() => {
        const firstAsked = new Map(newItems.map((i) => [i.groupId, i.askedAt]));
        for (const g of groups) insertGroup.run({ id: g.id, question: g.question, terms: JSON.stringify(g.terms), folded: g.folded, at: firstAsked.get(g.id) ?? '' });
        for (const i of newItems) insertItem.run(i.messageId, i.groupId, i.reason, i.askedAt);
        for (const id of new Set(newItems.map((i) => i.groupId))) recount.run({ id });
      });
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
      return (db.prepare(sql).all(...params, filter.limit) as GroupRow[]).map(toGroup);
    },
    async getGroup(id) {
      const row = group.get(id) as GroupRow | undefined;
      if (!row) return null;
      const { folded: _folded, ...rest } = toGroup(row);
      return rest;
    },
    async items(groupId) {
      return items.all(groupId) as ReviewItem[];
    },
    async answers(groupId) {
      return answers.all(groupId) as Awaited<ReturnType<ReviewQueueStore['answers']>>;
    },
    async answer(answer, messages, audit) {
      database.write(() => {
        if (setStatus.run('answered', answer.author, answer.createdAt, answer.groupId, 'open').changes === 0) throw new GroupStateError(`group ${answer.groupId} is not open`);
        insertAnswer.run(answer.id, answer.groupId, answer.text, answer.author, answer.createdAt);
        for (const m of messages) writeOutbox(m);
        writeAudit(audit);
      });
    },
    async resolve(groupId, status, by, at, audit) {
      database.write(() => {
        const from = statusOf.get(groupId) as string | undefined;
        // Open groups are resolved; resolved ones (not answered: citizens got that answer) may be opened again.
        const allowed = status === 'open' ? from === 'out_of_scope' || from === 'dismissed' : from === 'open';
        if (!from || !allowed) throw new GroupStateError(`group ${groupId} cannot go from ${from ?? 'nowhere'} to ${status}`);
        setStatus.run(status, status === 'open' ? null : by, status === 'open' ? null : at, groupId, from);
        writeAudit(audit);
      });
    },
    async linkDraft(groupId, faqEntryId) {
      database.write(() => linkDraft.run(faqEntryId, groupId));
    },
    async splitItem(messageId, g, audit) {
      database.write(() => {
        const from = itemGroup.get(messageId) as { groupId: string; askedAt: string; status: string } | undefined;
        if (!from || from.status !== 'open') throw new GroupStateError(`question ${messageId} is not in an open group`);
        if ((itemCount.get(from.groupId) as number) < 2) throw new GroupStateError(`question ${messageId} is alone in its group`);
        insertGroup.run({ id: g.id, question: g.question, terms: JSON.stringify(g.terms), folded: g.folded, at: from.askedAt });
        moveItem.run(g.id, messageId);
        recount.run({ id: from.groupId });
        recount.run({ id: g.id });
        writeAudit(audit);
      });
    },
  };
}
