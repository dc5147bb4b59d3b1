/**
 * @module
 * The FAQ's rows as both stores read them (SQLite on Node, D1 on Workers), and the records made from them.
 */
import type { FaqContent, FaqRecord, FaqVersion, FaqWrite } from './types.ts';

export interface EntryRow {
  id: string;
  status: FaqRecord['status'];
  version: number;
  published_version: number | null;
  reviewed_on: string | null;
  position: number;
  submitted_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface VersionRow {
  entry_id: string;
  version: number;
  question: string;
  alternatives: string;
  answer: string;
  document: string;
  section: string | null;
  agency: string;
  review_by: string;
  author: string;
  note: string | null;
  created_at: string;
}

export function toVersion(row: VersionRow): FaqVersion {
  return {
    version: row.version,
    question: row.question,
    alternatives: JSON.parse(row.alternatives) as string[],
    answer: row.answer,
    document: row.document,
    section: row.section,
    agency: row.agency,
    reviewBy: row.review_by,
    author: row.author,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** The content alone, of a version or of anything carrying it (a form's input). */
export function contentOf(v: FaqContent): FaqContent {
  return { question: v.question, alternatives: v.alternatives, answer: v.answer, document: v.document, section: v.section, agency: v.agency, reviewBy: v.reviewBy };
}

/** Every version an entry shows (its working one and the published one): one query for a list. */
export const SHOWN_VERSIONS_SQL = 'SELECT v.* FROM faq_versions v JOIN faq_entries e ON e.id = v.entry_id AND (v.version = e.version OR v.version = e.published_version)';

export const PUBLISHED_SQL = `SELECT e.id, e.reviewed_on, v.* FROM faq_entries e JOIN faq_versions v ON v.entry_id = e.id AND v.version = e.published_version
 WHERE e.status != 'archived' ORDER BY e.position`;

export const versionKey = (id: string, version: number) => `${id}\u0000${version}`;

/** The entry's state after a write, over the entry as it stands (`version`: its working version after the write). */
export function nextEntry(w: FaqWrite, base: EntryRow, version: number): EntryRow {
  return {
    ...base,
    status: w.status,
    version,
    published_version: w.unpublish ? null : w.publish ? version : base.published_version,
    reviewed_on: w.unpublish ? null : w.publish ? (w.publish.reviewedOn ?? w.at.slice(0, 10)) : base.reviewed_on,
    submitted_by: w.submittedBy === undefined ? base.submitted_by : w.submittedBy,
    updated_at: w.at,
  };
}
