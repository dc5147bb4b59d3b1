/**
 * @module
 * The review queue in SQLite: `review_groups`, `review_items` (one per exchange),
 * `staff_answers`; a staff answer's messages go to the outbox in the same transaction.
 */
import type Database from 'better-sqlite3';
import { auditWriter } from '../audit/sqlite.ts';
import { outboxWriter } from '../outbox/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { ANSWERS_SQL, bestCandidates, candidatesSql, GROUP_SELECT, ITEM_GROUP_SQL, ITEMS_SQL, listGroupsQuery, recountSql, toGroup, type GroupRow } from './rows.ts';
import { GroupStateError, type ReviewCandidate, type ReviewItem, type ReviewQueueStore } from './types.ts';

export function createSqliteReviewStore(database: SqliteDatabase): ReviewQueueStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const writeOutbox = outboxWriter(db);
  const candidates = db.prepare(candidatesSql({ since: '@since', low: '@low', limit: '@limit' }));
  const lastAsked = db.prepare('SELECT MAX(asked_at) FROM review_items').pluck();
  const open = db.prepare("SELECT id, terms FROM review_groups WHERE status = 'open'");
  const insertGroup = db.prepare(
    "INSERT INTO review_groups (id, question, terms, folded, status, count, first_seen, last_seen) VALUES (@id, @question, @terms, @folded, 'open', 0, @at, @at)",
  );
  const insertItem = db.prepare('INSERT OR IGNORE INTO review_items (message_id, group_id, reason, asked_at) VALUES (?, ?, ?, ?)');
  const recount = db.prepare(recountSql('@id'));
  const group = db.prepare(`${GROUP_SELECT} WHERE g.id = ? GROUP BY g.id`);
  const items = db.prepare(ITEMS_SQL);
  const answers = db.prepare(ANSWERS_SQL);
  const insertAnswer = db.prepare('INSERT INTO staff_answers (id, group_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)');
  const setStatus = db.prepare('UPDATE review_groups SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = ?');
  const statusOf = db.prepare('SELECT status FROM review_groups WHERE id = ?').pluck();
  const linkDraft = db.prepare('UPDATE review_groups SET faq_entry_id = ? WHERE id = ?');
  const itemGroup = db.prepare(ITEM_GROUP_SQL);
  const moveItem = db.prepare('UPDATE review_items SET group_id = ? WHERE message_id = ?');
  const itemCount = db.prepare('SELECT COUNT(*) FROM review_items WHERE group_id = ?').pluck();
  /** The list's statements, one per filter shape, prepared on first use. */
  const lists = new Map<string, Database.Statement>();
  const listStatement = (sql: string) => {
    let prepared = lists.get(sql);
    if (!prepared) lists.set(sql, (prepared = db.prepare(sql)));
    return prepared;
  };

  return {
    async candidates(since, low, limit) {
      return bestCandidates(candidates.all({ since, low, limit }) as ReviewCandidate[]);
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
      const { sql, params } = listGroupsQuery(filter);
      return (listStatement(sql).all(...params) as GroupRow[]).map(toGroup);
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
