/**
 * @module
 * The audit log in SQLite. `auditWriter` is shared with the stores of the other concerns,
 * which write a change and its record in one transaction.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { AUDIT_INSERT, auditListQuery, auditValues, toAuditRecord, type AuditRow } from './rows.ts';
import type { AuditRecord, AuditStore } from './types.ts';

/** Prepares the insert once per database; call the result inside a transaction. */
export function auditWriter(db: Database.Database): (record: AuditRecord) => void {
  const insert = db.prepare(AUDIT_INSERT);
  return (r) => void insert.run(...auditValues(r));
}

export function createSqliteAuditStore(database: SqliteDatabase): AuditStore {
  const { db } = database;
  const write = auditWriter(db);
  return {
    async append(record) {
      database.write(() => write(record));
    },
    async list(filter) {
      const { sql, params } = auditListQuery(filter);
      return (db.prepare(sql).all(...params) as AuditRow[]).map(toAuditRecord);
    },
  };
}
