/**
 * @module
 * Versioned schema migrations, shared by SQLite and D1 (plain SQL, no engine-specific syntax
 * beyond what both accept). Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'conversations, exchanges, feedback',
    sql: `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE exchanges (
  message_id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  channel TEXT NOT NULL,
  question TEXT NOT NULL,
  outcome TEXT NOT NULL,
  method TEXT NOT NULL,
  answer TEXT NOT NULL,
  sources TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX exchanges_by_conversation ON exchanges(conversation_id, created_at);
CREATE INDEX exchanges_by_outcome ON exchanges(outcome, created_at);
CREATE TABLE feedback (
  message_id TEXT PRIMARY KEY REFERENCES exchanges(message_id),
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
  {
    version: 2,
    name: 'one conversation per platform user',
    sql: `
ALTER TABLE conversations ADD COLUMN external_user_id TEXT;
CREATE UNIQUE INDEX conversations_by_user ON conversations(channel, external_user_id) WHERE external_user_id IS NOT NULL;`,
  },
  {
    version: 3,
    name: 'staff workspace: FAQ as live data, accounts, audit, review queue, outbox',
    sql: `
ALTER TABLE exchanges ADD COLUMN confidence REAL;
CREATE TABLE faq_entries (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  version INTEGER NOT NULL,
  published_version INTEGER,
  reviewed_on TEXT,
  position INTEGER NOT NULL,
  submitted_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX faq_entries_by_status ON faq_entries(status, position);
CREATE TABLE faq_versions (
  entry_id TEXT NOT NULL REFERENCES faq_entries(id),
  version INTEGER NOT NULL,
  question TEXT NOT NULL,
  alternatives TEXT NOT NULL,
  answer TEXT NOT NULL,
  document TEXT NOT NULL,
  section TEXT,
  agency TEXT NOT NULL,
  review_by TEXT NOT NULL,
  author TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, version)
);
CREATE TABLE staff_users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'viewer')),
  password_hash TEXT NOT NULL,
  session_version INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES staff_users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_log_by_action ON audit_log(action, id);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE review_groups (
  id TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  terms TEXT NOT NULL,
  folded TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'out_of_scope', 'dismissed')),
  count INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  faq_entry_id TEXT,
  resolved_by TEXT,
  resolved_at TEXT
);
CREATE INDEX review_groups_by_status ON review_groups(status, last_seen);
CREATE TABLE review_items (
  message_id TEXT PRIMARY KEY REFERENCES exchanges(message_id),
  group_id TEXT NOT NULL REFERENCES review_groups(id),
  reason TEXT NOT NULL CHECK (reason IN ('no_answer', 'out_of_scope', 'thumbs_down', 'low_confidence')),
  asked_at TEXT NOT NULL
);
CREATE INDEX review_items_by_group ON review_items(group_id, asked_at);
CREATE TABLE staff_answers (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES review_groups(id),
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  channel TEXT NOT NULL,
  external_user_id TEXT,
  in_reply_to TEXT REFERENCES exchanges(message_id),
  staff_answer_id TEXT REFERENCES staff_answers(id),
  method TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'available', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  delivered_at TEXT,
  error TEXT
);
CREATE INDEX outbox_by_conversation ON outbox(conversation_id, id);
CREATE INDEX outbox_pending ON outbox(channel, next_attempt_at) WHERE state = 'pending';`,
  },
  {
    version: 4,
    name: 'platform channels: webhook events recorded once (exactly-once replies, the messaging window), rotated tokens',
    sql: `
CREATE TABLE webhook_events (
  channel TEXT NOT NULL,
  event_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('received', 'answering', 'answered', 'ignored', 'limited', 'failed', 'expired')),
  payload TEXT,
  error TEXT,
  handled_at TEXT,
  PRIMARY KEY (channel, event_id)
);
CREATE INDEX webhook_events_by_user ON webhook_events(channel, user_id, occurred_at);
CREATE INDEX webhook_events_by_time ON webhook_events(received_at);
CREATE INDEX webhook_events_waiting ON webhook_events(channel, received_at) WHERE state = 'received';
CREATE TABLE channel_tokens (
  name TEXT PRIMARY KEY,
  access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at TEXT,
  seed TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
  {
    version: 5,
    name: 'reports and personal data: indexes by time for periods and the retention purge, stored text capped, no citizen words in the audit log',
    sql: `
CREATE INDEX exchanges_by_time ON exchanges(created_at);
CREATE INDEX conversations_by_update ON conversations(updated_at);
CREATE INDEX outbox_by_time ON outbox(created_at);
CREATE INDEX outbox_by_reply ON outbox(in_reply_to) WHERE in_reply_to IS NOT NULL;
CREATE INDEX outbox_by_staff_answer ON outbox(staff_answer_id) WHERE staff_answer_id IS NOT NULL;
CREATE INDEX review_items_by_time ON review_items(asked_at);
CREATE INDEX staff_answers_by_group ON staff_answers(group_id);
CREATE TRIGGER exchanges_capped AFTER INSERT ON exchanges
  WHEN length(NEW.question) > 1000 OR length(NEW.answer) > 4000
  BEGIN UPDATE exchanges SET question = substr(question, 1, 1000), answer = substr(answer, 1, 4000) WHERE message_id = NEW.message_id; END;
CREATE TRIGGER feedback_capped_insert AFTER INSERT ON feedback WHEN length(NEW.comment) > 1000
  BEGIN UPDATE feedback SET comment = substr(comment, 1, 1000) WHERE message_id = NEW.message_id; END;
CREATE TRIGGER feedback_capped_update AFTER UPDATE OF comment ON feedback WHEN length(NEW.comment) > 1000
  BEGIN UPDATE feedback SET comment = substr(comment, 1, 1000) WHERE message_id = NEW.message_id; END;
DROP TRIGGER audit_log_append_only_update;
UPDATE audit_log SET before = json_remove(before, '$.question') WHERE action = 'answer.send' AND json_type(before, '$.question') IS NOT NULL;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  },
  {
    version: 6,
    name: 'why a generated answer was replaced by the extractive one',
    sql: `ALTER TABLE exchanges ADD COLUMN fallback_reason TEXT;`,
  },
  {
    version: 7,
    name: 'FAQ changes audited without their text: questions, phrasings and answers taken out of earlier records',
    sql: `
DROP TRIGGER audit_log_append_only_update;
UPDATE audit_log SET
  before = CASE WHEN json_valid(before) THEN json_remove(before, '$.question', '$.alternatives', '$.answer') ELSE before END,
  after = CASE WHEN json_valid(after) THEN json_remove(after, '$.question', '$.alternatives', '$.answer') ELSE after END
  WHERE action IN ('faq.create', 'faq.update', 'faq.import');
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  },
];
