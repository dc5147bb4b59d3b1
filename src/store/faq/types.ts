/**
 * @module
 * The FAQ as live data. Each entry has a working copy (the latest version, whatever its
 * state) and, once approved, a published version: the one citizens get. Editing a
 * published entry makes a new draft version while the published one keeps answering,
 * until a reviewer approves the new one. Every version is kept (the entry's history).
 */
import type { AuditRecord } from '../audit/types.ts';

export type FaqStatus = 'draft' | 'in_review' | 'published' | 'archived';
export const FAQ_STATUSES: readonly FaqStatus[] = ['draft', 'in_review', 'published', 'archived'];

/** What staff write: an entry's content at one version. */
export interface FaqContent {
  question: string;
  alternatives: string[];
  /** At most 80 words, plain text. */
  answer: string;
  /** The source: a corpus document id and the start of a section path in it (checked to exist). */
  document: string;
  section: string | null;
  /** The agency that owns the answer. */
  agency: string;
  /** The date (YYYY-MM-DD) by which the entry must be reviewed again. */
  reviewBy: string;
}

export interface FaqVersion extends FaqContent {
  version: number;
  author: string;
  note: string | null;
  createdAt: string;
}

export interface FaqRecord {
  id: string;
  status: FaqStatus;
  /** The working copy: the latest version. */
  current: FaqVersion;
  /** The version citizens get: null when never published, or archived. */
  published: FaqVersion | null;
  /** When the published version was approved (YYYY-MM-DD); the YAML's `reviewed`. */
  reviewedOn: string | null;
  /** Who asked for review of the version in review: they may not approve it. */
  submittedBy: string | null;
  /** Order in the exported YAML. */
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** One change to one entry. */
export interface FaqWrite {
  id: string;
  /** The working version the change was made on (null: a new entry); another stored version is a conflict. */
  expectedVersion: number | null;
  status: FaqStatus;
  /** New content: appended as the next version. */
  content?: FaqContent & { author: string; note: string | null };
  /** Makes the (new or current) working version the published one, approved on `at`'s date (or `reviewedOn`). */
  publish?: { reviewedOn?: string };
  /** Withdraws the published version (archiving). */
  unpublish?: boolean;
  submittedBy?: string | null;
  at: string;
}

/** The entry changed under the editor (another tab, another person): reload and redo. */
export class FaqConflictError extends Error {
  constructor(readonly id: string) {
    super(`FAQ entry "${id}" was changed by someone else`);
  }
}

export interface FaqStore {
  count(): Promise<number>;
  get(id: string): Promise<FaqRecord | null>;
  /** All entries, or those in one state, in YAML order. */
  list(status?: FaqStatus): Promise<FaqRecord[]>;
  /** Every version of an entry, newest first. */
  history(id: string): Promise<FaqVersion[]>;
  /** What citizens get: published versions of entries not archived, in YAML order. */
  published(): Promise<Array<FaqContent & { id: string; reviewedOn: string }>>;
  /** Writes changes and their audit records in one transaction (all or none). */
  save(writes: FaqWrite[], audit: AuditRecord[]): Promise<void>;
}
