/**
 * @module
 * The report queries in SQLite (plain SQL and JSON1, as D1 runs them). A local day is
 * `date(created_at, '+420 minutes')`: stored times are ISO UTC, so shifting by the offset
 * and taking the date gives the province's calendar day. The range is always given in
 * stored instants, which `exchanges_by_time` (migration 5) serves.
 */
import type { SqliteDatabase } from '../sqlite-database.ts';
import { dayShift, reportSql } from './sql.ts';
import type { CitedDocumentRow, CitedSectionRow, ConversationRow, DailyExchangeRow, DailyStaffRow, QueueGroupRow, ReportRange, ReportStore, StaffDelayRow } from './types.ts';

const params = (r: ReportRange) => ({ from: r.from, to: r.to, shift: dayShift(r) });

export function createSqliteReportStore(database: SqliteDatabase): ReportStore {
  const { db } = database;
  const sql = reportSql({ from: '@from', to: '@to', shift: '@shift' });
  const exchangesByDay = db.prepare(sql.exchangesByDay);
  const staffByDay = db.prepare(sql.staffByDay);
  const conversations = db.prepare(sql.conversations);
  const citedSections = db.prepare(sql.citedSections);
  const citedDocuments = db.prepare(sql.citedDocuments);
  const queueGroups = db.prepare(sql.queueGroups);
  const staffDelays = db.prepare(sql.staffDelays);
  const latencyAtRank = db.prepare(sql.latencyAtRank('@channel', '@offset')).pluck();
  const byLatency = db.prepare(sql.byLatency).raw();

  return {
    async exchangesByDay(range) {
      return exchangesByDay.all(params(range)) as DailyExchangeRow[];
    },
    async staffAnswersByDay(range) {
      return staffByDay.all(params(range)) as DailyStaffRow[];
    },
    async conversations(range) {
      return conversations.all(params(range)) as ConversationRow[];
    },
    async citedSections(range) {
      return citedSections.all(params(range)) as CitedSectionRow[];
    },
    async citedDocuments(range) {
      return (citedDocuments.all(params(range)) as CitedDocumentRow[]).filter((r) => typeof r.documentId === 'string');
    },
    async queueGroups(range) {
      return queueGroups.all(params(range)) as QueueGroupRow[];
    },
    async staffDelays(range) {
      return staffDelays.all(params(range)) as StaffDelayRow[];
    },
    async latencyAtRank(range, channel, rank) {
      if (rank < 1) return null;
      return (latencyAtRank.get({ from: range.from, to: range.to, channel, offset: rank - 1 }) as number | undefined) ?? null;
    },
    async latencyAtRanks(range, wanted) {
      const found: Array<number | null> = wanted.map(() => null);
      // scope → rank → the positions asking for it; ALL counts every channel.
      const ALL = '\u0000all';
      const targets = new Map<string, Map<number, number[]>>();
      wanted.forEach((w, i) => {
        if (w.rank < 1) return;
        const ranks = targets.get(w.channel ?? ALL) ?? new Map<number, number[]>();
        ranks.set(w.rank, [...(ranks.get(w.rank) ?? []), i]);
        targets.set(w.channel ?? ALL, ranks);
      });
      if (targets.size === 0) return found;
      const seen = new Map<string, number>();
      // One ordered pass (a single sort) instead of a sort per percentile and channel.
      for (const [channel, latency] of byLatency.iterate({ from: range.from, to: range.to }) as Iterable<[string, number]>) {
        for (const scope of [ALL, channel]) {
          const n = (seen.get(scope) ?? 0) + 1;
          seen.set(scope, n);
          for (const i of targets.get(scope)?.get(n) ?? []) found[i] = latency;
        }
      }
      return found;
    },
  };
}
