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
];
