/**
 * @module
 * The report queries on D1: the SQLite store's SQL (src/store/reports/sql.ts) with
 * numbered parameters, since D1 binds by position. ?1 from, ?2 to, ?3 the local day's shift.
 */
import { dayShift, reportSql } from '../reports/sql.ts';
import type { CitedDocumentRow, CitedSectionRow, ConversationRow, DailyExchangeRow, DailyStaffRow, QueueGroupRow, ReportRange, ReportStore, StaffDelayRow } from '../reports/types.ts';
import { rows, value, type D1Database } from './database.ts';

const range = (r: ReportRange) => [r.from, r.to, dayShift(r)] as const;
const SQL = reportSql({ from: '?1', to: '?2', shift: '?3' });

export function createD1ReportStore(db: D1Database): ReportStore {
  return {
    async exchangesByDay(r) {
      return rows<DailyExchangeRow>(db, SQL.exchangesByDay, ...range(r));
    },
    async staffAnswersByDay(r) {
      return rows<DailyStaffRow>(db, SQL.staffByDay, ...range(r));
    },
    async conversations(r) {
      return rows<ConversationRow>(db, SQL.conversations, ...range(r).slice(0, 2));
    },
    async citedSections(r) {
      return rows<CitedSectionRow>(db, SQL.citedSections, ...range(r).slice(0, 2));
    },
    async citedDocuments(r) {
      const found = await rows<CitedDocumentRow>(db, SQL.citedDocuments, ...range(r).slice(0, 2));
      return found.filter((row) => typeof row.documentId === 'string');
    },
    async queueGroups(r) {
      return rows<QueueGroupRow>(db, SQL.queueGroups, ...range(r).slice(0, 2));
    },
    async staffDelays(r) {
      return rows<StaffDelayRow>(db, SQL.staffDelays, ...range(r).slice(0, 2));
    },
    async latencyAtRank(r, channel, rank) {
      if (rank < 1) return null;
      const [from, to] = range(r);
      return value<number>(db, SQL.latencyAtRank('?3', '?4'), from, to, channel, rank - 1);
    },
  };
}
