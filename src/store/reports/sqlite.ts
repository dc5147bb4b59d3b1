/**
 * @module
 * The report queries in SQLite (plain SQL and JSON1, as D1 runs them). A local day is
 * `date(created_at, '+420 minutes')`: stored times are ISO UTC, so shifting by the offset
 * and taking the date gives the province's calendar day. The range is always given in
 * stored instants, which `exchanges_by_time` (migration 5) serves.
 */
import type { SqliteDatabase } from '../sqlite-database.ts';
import type { CitedDocumentRow, CitedSectionRow, ConversationRow, DailyExchangeRow, DailyStaffRow, QueueGroupRow, ReportRange, ReportStore, StaffDelayRow } from './types.ts';

const params = (r: ReportRange) => ({ from: r.from, to: r.to, shift: `${r.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(r.offsetMinutes)} minutes` });

export function createSqliteReportStore(database: SqliteDatabase): ReportStore {
  const { db } = database;
  const inRange = 'e.created_at >= @from AND e.created_at < @to';
  const exchangesByDay = db.prepare(
    `SELECT date(e.created_at, @shift) AS day, e.channel, e.outcome, e.method, COUNT(*) AS questions,
       COUNT(CASE WHEN f.rating = 'up' THEN 1 END) AS up, COUNT(CASE WHEN f.rating = 'down' THEN 1 END) AS down
     FROM exchanges e LEFT JOIN feedback f ON f.message_id = e.message_id
     WHERE ${inRange} GROUP BY day, e.channel, e.outcome, e.method`,
  );
  const staffByDay = db.prepare(
    `SELECT date(created_at, @shift) AS day, channel, COUNT(*) AS messages FROM outbox
     WHERE method = 'staff' AND created_at >= @from AND created_at < @to GROUP BY day, channel`,
  );
  const conversations = db.prepare(
    `SELECT e.channel, COUNT(DISTINCT e.conversation_id) AS active,
       COUNT(DISTINCT CASE WHEN c.created_at >= @from AND c.created_at < @to THEN e.conversation_id END) AS started
     FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE ${inRange} GROUP BY e.channel`,
  );
  const citedSections = db.prepare(
    `SELECT e.channel, json_extract(e.sources, '$[0].documentId') AS documentId, json_extract(e.sources, '$[0].section') AS section, COUNT(*) AS answers
     FROM exchanges e WHERE ${inRange} AND e.outcome = 'answered' AND json_array_length(e.sources) > 0
     GROUP BY e.channel, documentId, section`,
  );
  const citedDocuments = db.prepare(
    `SELECT channel, documentId, COUNT(*) AS answers FROM (
       SELECT DISTINCT e.message_id, e.channel, json_extract(j.value, '$.documentId') AS documentId
       FROM exchanges e, json_each(e.sources) j WHERE ${inRange} AND e.outcome = 'answered')
     GROUP BY channel, documentId`,
  );
  const queueGroups = db.prepare(
    `SELECT g.id AS groupId, g.question, g.status, e.channel, COUNT(*) AS questions
     FROM review_items i JOIN review_groups g ON g.id = i.group_id JOIN exchanges e ON e.message_id = i.message_id
     WHERE i.asked_at >= @from AND i.asked_at < @to GROUP BY g.id, e.channel`,
  );
  const staffDelays = db.prepare(
    `SELECT e.channel, e.created_at AS askedAt, MIN(o.created_at) AS answeredAt
     FROM outbox o JOIN exchanges e ON e.message_id = o.in_reply_to
     WHERE ${inRange} AND o.method = 'staff' GROUP BY e.message_id`,
  );
  const latencyAtRank = db
    .prepare(`SELECT e.latency_ms FROM exchanges e WHERE ${inRange} AND (@channel IS NULL OR e.channel = @channel) ORDER BY e.latency_ms LIMIT 1 OFFSET @offset`)
    .pluck();
  const byLatency = db.prepare(`SELECT e.channel, e.latency_ms FROM exchanges e WHERE ${inRange} ORDER BY e.latency_ms`).raw();

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
