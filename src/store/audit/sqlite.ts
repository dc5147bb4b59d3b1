/**
 * @module
 * The audit log in SQLite. `insertAudit` is shared with the stores of the other concerns,
 * which write a change and its record in one transaction.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite-database.ts';
import type { AuditRecord, AuditStore } from './types.ts';

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: AuditRecord['action'];
  target: string | null;
  before: string | null;
  after: string | null;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Prepares the insert once per database; call the result inside a transaction. */
export function auditWriter(db: Database.Database): (record: AuditRecord) => void {
  const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return (r) => void insert.run(r.id, r.at, r.actor, r.action, r.target, json(r.before), json(r.after));
}

export function createSqliteAuditStore(database: SqliteDatabase): AuditStore {
  const { db } = database;
  const write = auditWriter(db);
  return {
    async append(record) {
      database.write(() => write(record));
    },
    async list(filter) {
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
      const rows = db.prepare(sql).all(...params, filter.limit) as AuditRow[];
      return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
    },
  };
}
