/**
 * @module
 * The FAQ in SQLite: `faq_entries` (state, working and published version) and
 * `faq_versions` (every version's content). Writes commit at once, with their audit records.
 */
import { auditWriter } from '../audit/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { contentOf, nextEntry, PUBLISHED_SQL, SHOWN_VERSIONS_SQL, toVersion, versionKey, type EntryRow, type VersionRow } from './rows.ts';
import { FaqConflictError, type FaqRecord, type FaqStore, type FaqVersion, type FaqWrite } from './types.ts';

export function createSqliteFaqStore(database: SqliteDatabase): FaqStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const entry = db.prepare('SELECT * FROM faq_entries WHERE id = ?');
  const entries = db.prepare('SELECT * FROM faq_entries ORDER BY position');
  const entriesIn = db.prepare('SELECT * FROM faq_entries WHERE status = ? ORDER BY position');
  const version = db.prepare('SELECT * FROM faq_versions WHERE entry_id = ? AND version = ?');
  const versions = db.prepare('SELECT * FROM faq_versions WHERE entry_id = ? ORDER BY version DESC');
  const allVersions = db.prepare(SHOWN_VERSIONS_SQL);
  const published = db.prepare(PUBLISHED_SQL);
  const count = db.prepare('SELECT COUNT(*) FROM faq_entries').pluck();
  const nextPosition = db.prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM faq_entries').pluck();
  const insertEntry = db.prepare(
    `INSERT INTO faq_entries (id, status, version, published_version, reviewed_on, position, submitted_by, created_at, updated_at)
     VALUES (@id, @status, 0, NULL, NULL, @position, NULL, @at, @at)`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO faq_versions (entry_id, version, question, alternatives, answer, document, section, agency, review_by, author, note, created_at)
     VALUES (@id, @version, @question, @alternatives, @answer, @document, @section, @agency, @reviewBy, @author, @note, @at)`,
  );
  const updateEntry = db.prepare(
    `UPDATE faq_entries SET status = @status, version = @version, published_version = @publishedVersion, reviewed_on = @reviewedOn,
     submitted_by = @submittedBy, updated_at = @at WHERE id = @id`,
  );

  const toRecord = (row: EntryRow, byVersion?: Map<string, FaqVersion>): FaqRecord => {
    const load = (v: number) => byVersion?.get(versionKey(row.id, v)) ?? toVersion(version.get(row.id, v) as VersionRow);
    return {
      id: row.id,
      status: row.status,
      current: load(row.version),
      published: row.published_version !== null && row.status !== 'archived' ? load(row.published_version) : null,
      reviewedOn: row.reviewed_on,
      submittedBy: row.submitted_by,
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  const apply = (w: FaqWrite) => {
    let row = entry.get(w.id) as EntryRow | undefined;
    if ((row?.version ?? null) !== w.expectedVersion) throw new FaqConflictError(w.id);
    if (!row) {
      insertEntry.run({ id: w.id, status: w.status, position: nextPosition.get(), at: w.at });
      row = entry.get(w.id) as EntryRow;
    }
    let current = row.version;
    if (w.content) {
      current += 1;
      const { alternatives, ...rest } = w.content;
      insertVersion.run({ ...rest, id: w.id, version: current, alternatives: JSON.stringify(alternatives), at: w.at });
    }
    const next = nextEntry(w, row, current);
    updateEntry.run({ id: w.id, status: next.status, version: current, publishedVersion: next.published_version, reviewedOn: next.reviewed_on, submittedBy: next.submitted_by, at: w.at });
  };

  return {
    async count() {
      return count.get() as number;
    },
    async get(id) {
      const row = entry.get(id) as EntryRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list(status) {
      const rows = (status ? entriesIn.all(status) : entries.all()) as EntryRow[];
      // One query for every version shown, not two per entry.
      const byVersion = new Map((allVersions.all() as VersionRow[]).map((v) => [versionKey(v.entry_id, v.version), toVersion(v)]));
      return rows.map((row) => toRecord(row, byVersion));
    },
    async history(id) {
      return (versions.all(id) as VersionRow[]).map(toVersion);
    },
    async published() {
      return (published.all() as Array<VersionRow & { id: string; reviewed_on: string }>).map((row) => ({ id: row.id, reviewedOn: row.reviewed_on, ...contentOf(toVersion(row)) }));
    },
    async save(writes, audit) {
      database.write(() => {
        for (const w of writes) apply(w);
        for (const record of audit) writeAudit(record);
      });
    },
  };
}
