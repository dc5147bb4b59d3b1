/**
 * @module
 * The audit log: who changed what, when, with the record before and after. Append-only
 * from the application's side: the interface has no update or delete, and the database
 * refuses both (triggers in migration 3). A change and its audit record are written in
 * one transaction by the store of the change's concern, so neither exists without the other.
 */
export type AuditAction =
  | 'faq.create'
  | 'faq.update'
  | 'faq.submit'
  | 'faq.publish'
  | 'faq.return'
  | 'faq.archive'
  | 'faq.restore'
  | 'faq.import'
  | 'answer.send'
  | 'queue.resolve'
  | 'queue.split'
  | 'account.create'
  | 'account.update'
  | 'account.password'
  | 'token.create'
  | 'token.revoke'
  | 'settings.update'
  /** A citizen's data handed out at their request (counts only, never the data). */
  | 'citizen.export'
  /** A citizen's data erased at their request (counts only). */
  | 'citizen.erase'
  /** The daily purge of exchanges older than RETENTION_DAYS (counts and the cutoff). */
  | 'retention.purge';

export interface AuditRecord {
  id: string;
  at: string;
  /** A staff username, "system" (first start) or "cli"; a script's token reads "username (token: name)". */
  actor: string;
  action: AuditAction;
  /** What was changed: an FAQ id, a queue group id, a username, a setting; a citizen's request: a digest of whom it concerned, never the id itself. */
  target: string | null;
  /** The record before and after the change (never a password, hash or token). */
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  /** Entries older than this id (ids are time-ordered): the next page. */
  before?: string;
  limit: number;
}

export interface AuditStore {
  append(record: AuditRecord): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditRecord[]>;
}
