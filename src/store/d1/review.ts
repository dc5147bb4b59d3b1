/**
 * @module
 * The review queue on D1. State changes read the group first (a refusal says why at once)
 * and guard the same state inside their batch, so two staff resolving one group at once
 * cannot both succeed.
 */
import { ANSWERS_SQL, bestCandidates, candidatesSql, GROUP_SELECT, ITEM_GROUP_SQL, ITEMS_SQL, listGroupsQuery, recountSql, toGroup, type GroupRow } from '../review/rows.ts';
import { GroupStateError, type NewGroup, type ReviewCandidate, type ReviewItem, type ReviewQueueStore, type StaffAnswer } from '../review/types.ts';
import { auditStatement } from './audit.ts';
import { outboxStatement } from './outbox.ts';
import { guard, isGuardFailure, row, rows, statement, value, type D1Database, type D1Statement } from './database.ts';

const CANDIDATES = candidatesSql({ since: '?1', low: '?2', limit: '?3' });
const RECOUNT = recountSql('?1');

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
  const recount = (id: string) => statement(db, RECOUNT, id);
  const setStatus = (status: string, by: string | null, at: string | null, id: string) => statement(db, 'UPDATE review_groups SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?', status, by, at, id);

  return {
    async candidates(since, low, limit) {
      return bestCandidates(await rows<ReviewCandidate>(db, CANDIDATES, since, low, limit));
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
      const { sql, params } = listGroupsQuery(filter);
      return (await rows<GroupRow>(db, sql, ...params)).map(toGroup);
    },
    async getGroup(id) {
      const found = await row<GroupRow>(db, `${GROUP_SELECT} WHERE g.id = ? GROUP BY g.id`, id);
      if (!found) return null;
      const { folded: _folded, ...rest } = toGroup(found);
      return rest;
    },
    async items(groupId) {
      return rows<ReviewItem>(db, ITEMS_SQL, groupId);
    },
    async answers(groupId) {
      return rows<StaffAnswer>(db, ANSWERS_SQL, groupId);
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
      const from = await row<{ groupId: string; askedAt: string; status: string }>(db, ITEM_GROUP_SQL, messageId);
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
