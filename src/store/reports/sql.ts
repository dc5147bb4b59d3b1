/**
 * @module
 * The report queries' SQL, written once for both stores: SQLite binds them by name
 * (`@from`), D1 by number (`?1`), so the text is made from the placeholders each gives.
 * A local day is `date(created_at, shift)` (see sqlite.ts).
 */
import type { ReportRange } from './types.ts';

/** The modifier that turns a stored UTC instant into the province's local time. */
export const dayShift = (r: ReportRange) => `${r.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(r.offsetMinutes)} minutes`;

export function reportSql(p: { from: string; to: string; shift: string }) {
  const inRange = `e.created_at >= ${p.from} AND e.created_at < ${p.to}`;
  return {
    exchangesByDay: `SELECT date(e.created_at, ${p.shift}) AS day, e.channel, e.outcome, e.method, COUNT(*) AS questions,
       COUNT(CASE WHEN f.rating = 'up' THEN 1 END) AS up, COUNT(CASE WHEN f.rating = 'down' THEN 1 END) AS down
     FROM exchanges e LEFT JOIN feedback f ON f.message_id = e.message_id
     WHERE ${inRange} GROUP BY day, e.channel, e.outcome, e.method`,
    staffByDay: `SELECT date(created_at, ${p.shift}) AS day, channel, COUNT(*) AS messages FROM outbox
     WHERE method = 'staff' AND created_at >= ${p.from} AND created_at < ${p.to} GROUP BY day, channel`,
    conversations: `SELECT e.channel, COUNT(DISTINCT e.conversation_id) AS active,
       COUNT(DISTINCT CASE WHEN c.created_at >= ${p.from} AND c.created_at < ${p.to} THEN e.conversation_id END) AS started
     FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE ${inRange} GROUP BY e.channel`,
    citedSections: `SELECT e.channel, json_extract(e.sources, '$[0].documentId') AS documentId, json_extract(e.sources, '$[0].section') AS section, COUNT(*) AS answers
     FROM exchanges e WHERE ${inRange} AND e.outcome = 'answered' AND json_array_length(e.sources) > 0
     GROUP BY e.channel, documentId, section`,
    citedDocuments: `SELECT channel, documentId, COUNT(*) AS answers FROM (
       SELECT DISTINCT e.message_id, e.channel, json_extract(j.value, '$.documentId') AS documentId
       FROM exchanges e, json_each(e.sources) j WHERE ${inRange} AND e.outcome = 'answered')
     GROUP BY channel, documentId`,
    queueGroups: `SELECT g.id AS groupId, g.question, g.status, e.channel, COUNT(*) AS questions
     FROM review_items i JOIN review_groups g ON g.id = i.group_id JOIN exchanges e ON e.message_id = i.message_id
     WHERE i.asked_at >= ${p.from} AND i.asked_at < ${p.to} GROUP BY g.id, e.channel`,
    staffDelays: `SELECT e.channel, e.created_at AS askedAt, MIN(o.created_at) AS answeredAt
     FROM outbox o JOIN exchanges e ON e.message_id = o.in_reply_to
     WHERE ${inRange} AND o.method = 'staff' GROUP BY e.message_id`,
    /** Also binds the channel (NULL: every one) and the offset, named after the range's placeholders. */
    latencyAtRank: (channel: string, offset: string) =>
      `SELECT e.latency_ms FROM exchanges e WHERE ${inRange} AND (${channel} IS NULL OR e.channel = ${channel}) ORDER BY e.latency_ms LIMIT 1 OFFSET ${offset}`,
    byLatency: `SELECT e.channel, e.latency_ms FROM exchanges e WHERE ${inRange} ORDER BY e.latency_ms`,
  };
}
