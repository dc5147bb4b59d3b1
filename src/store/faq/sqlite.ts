/**
 * @module
 * The FAQ in SQLite: `faq_entries` (state, working and published version) and
 * `faq_versions` (every version's content). Writes commit at once, with their audit records.
 */
import { auditWriter } from '../audit/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { contentOf, toVersion, type EntryRow, type VersionRow } from './rows.ts';
import { FaqConflictError, type FaqRecord, type FaqStore, type FaqVersion, type FaqWrite } from './types.ts';

export function createSqliteFaqStore(database: SqliteDatabase): FaqStore {
  const { db } = database;
  const writeAudit = auditWriter(db);
  const entry = db.prepare('SELECT * FROM faq_entries WHERE id = ?');
  const entries = db.prepare('SELECT * FROM faq_entries ORDER BY position');
  const entriesIn = db.prepare('SELECT * FROM faq_entries WHERE status = ? ORDER BY position');
  const version = db.prepare('SELECT * FROM faq_versions WHERE entry_id = ? AND version = ?');
  const versions = db.prepare('SELECT * FROM faq_versions WHERE entry_id = ? ORDER BY version DESC');
  const allVersions = db.prepare('SELECT v.* FROM faq_versions v JOIN faq_entries e ON e.id = v.entry_id AND (v.version = e.version OR v.version = e.published_version)');
  const published = db.prepare(
    `SELECT e.id, e.reviewed_on, v.* FROM faq_entries e JOIN faq_versions v ON v.entry_id = e.id AND v.version = e.published_version
     WHERE e.status != 'archived' ORDER BY e.position`,
  );
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
    const load = (v: number) => byVersion?.get(`${row.id}\u0000${v}`) ?? toVersion(version.get(row.id, v) as VersionRow);
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
    updateEntry.run({
      id: w.id,
      status: w.status,
      version: current,
      publishedVersion: w.unpublish ? null : w.publish ? current : row.published_version,
      reviewedOn: w.unpublish ? null : w.publish ? (w.publish.reviewedOn ?? w.at.slice(0, 10)) : row.reviewed_on,
      submittedBy: w.submittedBy === undefined ? row.submitted_by : w.submittedBy,
      at: w.at,
    });
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
      const byVersion = new Map((allVersions.all() as VersionRow[]).map((v) => [`${v.entry_id}\u0000${v.version}`, toVersion(v)]));
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
