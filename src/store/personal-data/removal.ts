/**
 * @module
 * Removing exchanges with everything that hangs on them, in the order the foreign keys
 * want (queue items and feedback first), inside the caller's transaction. Shared by a
 * citizen's erasure and the retention purge. Lists of ids travel as one JSON array bound
 * to `json_each`, so a statement is prepared once whatever the number of ids.
 */
import type Database from 'better-sqlite3';
import { recountSql } from '../review/rows.ts';
import { IDS } from './rows.ts';
import type { GroupTitler, RemovedCounts } from './types.ts';

export type Removal = Pick<RemovedCounts, 'exchanges' | 'feedback' | 'reviewItems' | 'reviewGroups' | 'staffAnswers'>;

export function exchangeRemover(db: Database.Database) {
  const touchedGroups = db.prepare(`SELECT DISTINCT group_id FROM review_items WHERE message_id IN ${IDS}`).pluck();
  const deleteItems = db.prepare(`DELETE FROM review_items WHERE message_id IN ${IDS}`);
  const deleteFeedback = db.prepare(`DELETE FROM feedback WHERE message_id IN ${IDS}`);
  // A staff message kept (newer than the cutoff) no longer points at a question that is gone.
  const unlinkReplies = db.prepare(`UPDATE outbox SET in_reply_to = NULL WHERE in_reply_to IN ${IDS}`);
  const deleteExchanges = db.prepare(`DELETE FROM exchanges WHERE message_id IN ${IDS}`);
  const remaining = db.prepare(
    'SELECT e.question FROM review_items i JOIN exchanges e ON e.message_id = i.message_id WHERE i.group_id = ? ORDER BY i.asked_at, i.message_id',
  );
  const title = db.prepare('SELECT question FROM review_groups WHERE id = ?').pluck();
  const retitle = db.prepare('UPDATE review_groups SET question = ?, terms = ?, folded = ? WHERE id = ?');
  const recount = db.prepare(recountSql('@id'));
  const unlinkAnswers = db.prepare('UPDATE outbox SET staff_answer_id = NULL WHERE staff_answer_id IN (SELECT id FROM staff_answers WHERE group_id = ?)');
  const deleteAnswers = db.prepare('DELETE FROM staff_answers WHERE group_id = ?');
  const deleteGroup = db.prepare('DELETE FROM review_groups WHERE id = ?');

  /**
   * A group left without questions goes, with its staff answers (the messages citizens got
   * stay in their conversations; the audit log keeps what was sent). A group that keeps
   * some is titled by one of them when its title was a question now gone.
   */
  function repairGroups(groupIds: string[], titler: GroupTitler): Pick<Removal, 'reviewGroups' | 'staffAnswers'> {
    let reviewGroups = 0;
    let staffAnswers = 0;
    for (const id of groupIds) {
      const questions = (remaining.all(id) as Array<{ question: string }>).map((r) => r.question);
      if (questions.length === 0) {
        unlinkAnswers.run(id);
        staffAnswers += deleteAnswers.run(id).changes;
        reviewGroups += deleteGroup.run(id).changes;
        continue;
      }
      const current = title.get(id) as string | undefined;
      if (current !== undefined && !questions.includes(current)) {
        const first = questions[0] as string;
        const { terms, folded } = titler(first);
        retitle.run(first, JSON.stringify(terms), folded, id);
      }
      recount.run({ id });
    }
    return { reviewGroups, staffAnswers };
  }

  /** Removes these exchanges, their feedback and queue items; staff messages replying to them lose the link. */
  return function removeExchanges(messageIds: string[], titler: GroupTitler): Removal {
    if (messageIds.length === 0) return { exchanges: 0, feedback: 0, reviewItems: 0, reviewGroups: 0, staffAnswers: 0 };
    const ids = JSON.stringify(messageIds);
    const groups = touchedGroups.all(ids) as string[];
    const reviewItems = deleteItems.run(ids).changes;
    const feedback = deleteFeedback.run(ids).changes;
    unlinkReplies.run(ids);
    const exchanges = deleteExchanges.run(ids).changes;
    return { exchanges, feedback, reviewItems, ...repairGroups(groups, titler) };
  };
}
