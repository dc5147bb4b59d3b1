/**
 * @module
 * The FAQ's rows as both stores read them (SQLite on Node, D1 on Workers), and the records made from them.
 */
import type { FaqContent, FaqRecord, FaqVersion } from './types.ts';

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
