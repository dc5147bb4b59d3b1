/**
 * @module
 * The report queries on D1: the SQLite store's SQL (src/store/reports/sqlite.ts) with
 * numbered parameters, since D1 binds by position. ?1 from, ?2 to, ?3 the local day's shift.
 */
import type { CitedDocumentRow, CitedSectionRow, ConversationRow, DailyExchangeRow, DailyStaffRow, QueueGroupRow, ReportRange, ReportStore, StaffDelayRow } from '../reports/types.ts';
import { rows, value, type D1Database } from './database.ts';

const range = (r: ReportRange) => [r.from, r.to, `${r.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(r.offsetMinutes)} minutes`] as const;
const IN_RANGE = 'e.created_at >= ?1 AND e.created_at < ?2';

export function createD1ReportStore(db: D1Database): ReportStore {
  return {
    async exchangesByDay(r) {
      return rows<DailyExchangeRow>(
        db,
        `SELECT date(e.created_at, ?3) AS day, e.channel, e.outcome, e.method, COUNT(*) AS questions,
           COUNT(CASE WHEN f.rating = 'up' THEN 1 END) AS up, COUNT(CASE WHEN f.rating = 'down' THEN 1 END) AS down
         FROM exchanges e LEFT JOIN feedback f ON f.message_id = e.message_id
         WHERE ${IN_RANGE} GROUP BY day, e.channel, e.outcome, e.method`,
        ...range(r),
      );
    },
    async staffAnswersByDay(r) {
      return rows<DailyStaffRow>(
        db,
        `SELECT date(created_at, ?3) AS day, channel, COUNT(*) AS messages FROM outbox
         WHERE method = 'staff' AND created_at >= ?1 AND created_at < ?2 GROUP BY day, channel`,
        ...range(r),
      );
    },
    async conversations(r) {
      return rows<ConversationRow>(
        db,
        `SELECT e.channel, COUNT(DISTINCT e.conversation_id) AS active,
           COUNT(DISTINCT CASE WHEN c.created_at >= ?1 AND c.created_at < ?2 THEN e.conversation_id END) AS started
         FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE ${IN_RANGE} GROUP BY e.channel`,
        ...range(r).slice(0, 2),
      );
    },
    async citedSections(r) {
      return rows<CitedSectionRow>(
        db,
        `SELECT e.channel, json_extract(e.sources, '$[0].documentId') AS documentId, json_extract(e.sources, '$[0].section') AS section, COUNT(*) AS answers
         FROM exchanges e WHERE ${IN_RANGE} AND e.outcome = 'answered' AND json_array_length(e.sources) > 0
         GROUP BY e.channel, documentId, section`,
        ...range(r).slice(0, 2),
      );
    },
    async citedDocuments(r) {
      const found = await rows<CitedDocumentRow>(
        db,
        `SELECT channel, documentId, COUNT(*) AS answers FROM (
           SELECT DISTINCT e.message_id, e.channel, json_extract(j.value, '$.documentId') AS documentId
           FROM exchanges e, json_each(e.sources) j WHERE ${IN_RANGE} AND e.outcome = 'answered')
         GROUP BY channel, documentId`,
        ...range(r).slice(0, 2),
      );
      return found.filter((row) => typeof row.documentId === 'string');
    },
    async queueGroups(r) {
      return rows<QueueGroupRow>(
        db,
        `SELECT g.id AS groupId, g.question, g.status, e.channel, COUNT(*) AS questions
         FROM review_items i JOIN review_groups g ON g.id = i.group_id JOIN exchanges e ON e.message_id = i.message_id
         WHERE i.asked_at >= ?1 AND i.asked_at < ?2 GROUP BY g.id, e.channel`,
        ...range(r).slice(0, 2),
      );
    },
    async staffDelays(r) {
      return rows<StaffDelayRow>(
        db,
        `SELECT e.channel, e.created_at AS askedAt, MIN(o.created_at) AS answeredAt
         FROM outbox o JOIN exchanges e ON e.message_id = o.in_reply_to
         WHERE ${IN_RANGE} AND o.method = 'staff' GROUP BY e.message_id`,
        ...range(r).slice(0, 2),
      );
    },
    async latencyAtRank(r, channel, rank) {
      if (rank < 1) return null;
      const [from, to] = range(r);
      return value<number>(db, `SELECT e.latency_ms FROM exchanges e WHERE ${IN_RANGE} AND (?3 IS NULL OR e.channel = ?3) ORDER BY e.latency_ms LIMIT 1 OFFSET ?4`, from, to, channel, rank - 1);
    },
  };
}
