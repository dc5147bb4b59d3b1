/**
 * @module
 * The audit log on D1. `auditStatement` is shared with the other concerns' D1 stores, which
 * put a change and its record in one batch.
 */
import { AUDIT_INSERT, auditListQuery, auditValues, toAuditRecord, type AuditRow } from '../audit/rows.ts';
import type { AuditRecord, AuditStore } from '../audit/types.ts';
import { rows, statement, type D1Database, type D1Statement } from './database.ts';

export function auditStatement(db: D1Database, r: AuditRecord): D1Statement {
  return statement(db, AUDIT_INSERT, ...auditValues(r));
}

export function createD1AuditStore(db: D1Database): AuditStore {
  return {
    async append(record) {
      await auditStatement(db, record).run();
    },
    async list(filter) {
      const { sql, params } = auditListQuery(filter);
      return (await rows<AuditRow>(db, sql, ...params)).map(toAuditRecord);
    },
  };
}
