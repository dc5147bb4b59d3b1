/**
 * @module
 * The audit log on D1. `auditStatement` is shared with the other concerns' D1 stores, which
 * put a change and its record in one batch.
 */
import type { AuditRecord, AuditStore } from '../audit/types.ts';
import { rows, statement, type D1Database, type D1Statement } from './database.ts';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function auditStatement(db: D1Database, r: AuditRecord): D1Statement {
  return statement(db, 'INSERT INTO audit_log (id, at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)', r.id, r.at, r.actor, r.action, r.target, json(r.before), json(r.after));
}

export function createD1AuditStore(db: D1Database): AuditStore {
  return {
    async append(record) {
      await auditStatement(db, record).run();
    },
    async list(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.action) {
        where.push(filter.action.includes('.') ? 'action = ?' : "action LIKE ? || '.%'");
        params.push(filter.action);
      }
      for (const [column, v] of [['actor = ?', filter.actor], ['target = ?', filter.target], ['id < ?', filter.before]] as const) {
        if (!v) continue;
        where.push(column);
        params.push(v);
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      const found = await rows<AuditRecord & { before: string | null; after: string | null }>(db, sql, ...params, filter.limit);
      return found.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
    },
  };
}
