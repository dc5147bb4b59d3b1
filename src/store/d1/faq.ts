/**
 * @module
 * The FAQ on D1. A save is one batch: each entry's working version is read first (a
 * mismatch is a conflict at once) and checked again by a guard inside the batch, so an
 * editor who saved in between makes the whole save fail, as the SQLite transaction does.
 */
import { contentOf, nextEntry, PUBLISHED_SQL, SHOWN_VERSIONS_SQL, toVersion, versionKey, type EntryRow, type VersionRow } from '../faq/rows.ts';
import { FaqConflictError, type FaqRecord, type FaqStore, type FaqVersion, type FaqWrite } from '../faq/types.ts';
import { auditStatement } from './audit.ts';
import { guard, isGuardFailure, row, rows, statement, value, type D1Database, type D1Statement } from './database.ts';

export function createD1FaqStore(db: D1Database): FaqStore {
  const toRecord = async (entry: EntryRow, byVersion?: Map<string, FaqVersion>): Promise<FaqRecord> => {
    const load = async (v: number) =>
      byVersion?.get(versionKey(entry.id, v)) ?? toVersion((await row<VersionRow>(db, 'SELECT * FROM faq_versions WHERE entry_id = ? AND version = ?', entry.id, v)) as VersionRow);
    return {
      id: entry.id,
      status: entry.status,
      current: await load(entry.version),
      published: entry.published_version !== null && entry.status !== 'archived' ? await load(entry.published_version) : null,
      reviewedOn: entry.reviewed_on,
      submittedBy: entry.submitted_by,
      position: entry.position,
      createdAt: entry.created_at,
      updatedAt: entry.updated_at,
    };
  };

  /** The statements of one write over the entry as it stands (`row`); returns the entry as it will be. */
  const writeStatements = (w: FaqWrite, entry: EntryRow | undefined, out: D1Statement[]): EntryRow => {
    out.push(guard(db, '(SELECT version FROM faq_entries WHERE id = ?) IS ?', w.id, w.expectedVersion));
    const base: EntryRow = entry ?? { id: w.id, status: w.status, version: 0, published_version: null, reviewed_on: null, position: 0, submitted_by: null, created_at: w.at, updated_at: w.at };
    if (!entry) {
      out.push(
        statement(
          db,
          `INSERT INTO faq_entries (id, status, version, published_version, reviewed_on, position, submitted_by, created_at, updated_at)
           VALUES (?, ?, 0, NULL, NULL, (SELECT COALESCE(MAX(position), 0) + 1 FROM faq_entries), NULL, ?, ?)`,
          w.id,
          w.status,
          w.at,
          w.at,
        ),
      );
    }
    let current = base.version;
    if (w.content) {
      current += 1;
      const c = w.content;
      out.push(
        statement(
          db,
          `INSERT INTO faq_versions (entry_id, version, question, alternatives, answer, document, section, agency, review_by, author, note, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          w.id,
          current,
          c.question,
          JSON.stringify(c.alternatives),
          c.answer,
          c.document,
          c.section,
          c.agency,
          c.reviewBy,
          c.author,
          c.note,
          w.at,
        ),
      );
    }
    const next = nextEntry(w, base, current);
    out.push(
      statement(
        db,
        'UPDATE faq_entries SET status = ?, version = ?, published_version = ?, reviewed_on = ?, submitted_by = ?, updated_at = ? WHERE id = ?',
        next.status,
        next.version,
        next.published_version,
        next.reviewed_on,
        next.submitted_by,
        next.updated_at,
        w.id,
      ),
    );
    return next;
  };

  return {
    async count() {
      return (await value<number>(db, 'SELECT COUNT(*) FROM faq_entries')) ?? 0;
    },
    async get(id) {
      const entry = await row<EntryRow>(db, 'SELECT * FROM faq_entries WHERE id = ?', id);
      return entry ? toRecord(entry) : null;
    },
    async list(status) {
      const entries = status
        ? await rows<EntryRow>(db, 'SELECT * FROM faq_entries WHERE status = ? ORDER BY position', status)
        : await rows<EntryRow>(db, 'SELECT * FROM faq_entries ORDER BY position');
      const shown = await rows<VersionRow>(db, SHOWN_VERSIONS_SQL);
      const byVersion = new Map(shown.map((v) => [versionKey(v.entry_id, v.version), toVersion(v)]));
      return Promise.all(entries.map((entry) => toRecord(entry, byVersion)));
    },
    async history(id) {
      return (await rows<VersionRow>(db, 'SELECT * FROM faq_versions WHERE entry_id = ? ORDER BY version DESC', id)).map(toVersion);
    },
    async published() {
      const found = await rows<VersionRow & { id: string; reviewed_on: string }>(db, PUBLISHED_SQL);
      return found.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, ...contentOf(toVersion(r)) }));
    },
    async save(writes, audit) {
      if (writes.length === 0 && audit.length === 0) return;
      const ids = [...new Set(writes.map((w) => w.id))];
      const stored = await rows<EntryRow>(db, 'SELECT * FROM faq_entries WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids));
      const entries = new Map(stored.map((e) => [e.id, e]));
      const batch: D1Statement[] = [];
      for (const w of writes) {
        const entry = entries.get(w.id);
        if ((entry?.version ?? null) !== w.expectedVersion) throw new FaqConflictError(w.id);
        entries.set(w.id, writeStatements(w, entry, batch));
      }
      for (const record of audit) batch.push(auditStatement(db, record));
      try {
        await db.batch(batch);
      } catch (error) {
        if (isGuardFailure(error)) throw new FaqConflictError(writes[0]?.id ?? '');
        throw error;
      }
    },
  };
}
