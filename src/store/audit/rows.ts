/**
 * @module
 * The audit log's rows and SQL as both stores use them (SQLite on Node, D1 on Workers).
 */
import type { AuditFilter, AuditRecord } from './types.ts';

export const AUDIT_INSERT = 'INSERT INTO audit_log (id, at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** The insert's values, in AUDIT_INSERT's order. */
export const auditValues = (r: AuditRecord) => [r.id, r.at, r.actor, r.action, r.target, json(r.before), json(r.after)] as const;

export type AuditRow = Omit<AuditRecord, 'before' | 'after'> & { before: string | null; after: string | null };

export const toAuditRecord = (r: AuditRow): AuditRecord => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) });

/** The records a filter lists, newest first (`?` parameters, the limit last). */
export function auditListQuery(filter: AuditFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.action) {
    // "faq" lists every faq.* action.
    where.push(filter.action.includes('.') ? 'action = ?' : "action LIKE ? || '.%'");
    params.push(filter.action);
  }
  for (const [column, value] of [['actor = ?', filter.actor], ['target = ?', filter.target], ['id < ?', filter.before]] as const) {
    if (!value) continue;
    where.push(column);
    params.push(value);
  }
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return { sql, params: [...params, filter.limit] };
}
