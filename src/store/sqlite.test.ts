import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate, openSqliteStore } from './sqlite.ts';
import type { ExchangeRecord, Store } from './types.ts';

let dir: string;
let file: string;
const open: Store[] = [];

function openStore(): Store {
  const store = openSqliteStore(file);
  open.push(store);
  return store;
}

/** Closes every store so the file can be read directly and removed. */
async function closeAll(): Promise<void> {
  for (const store of open.splice(0)) await store.close();
}

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function exchange(overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    messageId: 'msg-1',
    conversationId: 'conv-1',
    channel: 'web',
    question: 'Ngày chuyển đổi số quốc gia là ngày nào?',
    outcome: 'answered',
    method: 'faq',
    answer: 'Ngày 10/10 hằng năm.',
    sources: [{ passageId: 'cac-ngay-ky-niem:abc:def', documentId: 'cac-ngay-ky-niem', section: 'IV. Ngày Chuyển đổi số quốc gia 10/10' }],
    latencyMs: 12.5,
    createdAt: '2025-10-01T08:00:00.000Z',
    ...overrides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-test-'));
  file = join(dir, 'nested', 'chat.sqlite');
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('openSqliteStore: the database file', () => {
  it('creates the file in a missing directory and switches it to WAL', async () => {
    openStore();
    await closeAll();
    expect(readDb((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('creates the conversations, exchanges and feedback tables', async () => {
    openStore();
    await closeAll();
    const tables = readDb((db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'exchanges', 'feedback', 'schema_migrations']));
  });

  it('records each migration in schema_migrations', async () => {
    openStore();
    await closeAll();
    const rows = readDb((db) => db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all());
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('does not re-apply migrations when the file is opened again, and keeps the data', async () => {
    const first = openStore();
    await first.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    await closeAll();
    const before = readDb((db) => db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all());

    const second = openStore();
    expect(await second.findConversation('conv-1', '2025-01-01T00:00:00.000Z')).toEqual({ id: 'conv-1' });
    await closeAll();
    const after = readDb((db) => db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all());
    expect(after).toEqual(before);
  });

  it('reports zero new migrations for an up-to-date database', async () => {
    openStore();
    await closeAll();
    const db = new Database(file);
    try {
      expect(migrate(db)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('applies every migration to a fresh database', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('stores no IP address with an exchange', async () => {
    openStore();
    await closeAll();
    const columns = readDb((db) => (db.prepare('PRAGMA table_info(exchanges)').all() as Array<{ name: string }>).map((c) => c.name));
    expect(columns).toContain('question');
    for (const name of columns) expect(name).not.toMatch(/(^|_)ip($|_)|addr|remote|client/i);
  });
});

describe('openSqliteStore: conversations', () => {
  it('finds a conversation active since the given time', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    expect(await store.findConversation('conv-1', '2025-10-01T07:30:00.000Z')).toEqual({ id: 'conv-1' });
  });

  it('does not find a conversation that expired before the given time', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    expect(await store.findConversation('conv-1', '2025-10-01T08:30:00.000Z')).toBeNull();
  });

  it('does not find an unknown conversation', async () => {
    const store = openStore();
    expect(await store.findConversation('khong-co', '2000-01-01T00:00:00.000Z')).toBeNull();
  });

  it('keeps a conversation alive when an exchange is saved', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    await store.saveExchange(exchange({ createdAt: '2025-10-01T09:00:00.000Z' }));
    expect(await store.findConversation('conv-1', '2025-10-01T08:30:00.000Z')).toEqual({ id: 'conv-1' });
  });

  it('ignores creating a conversation that already exists', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    await expect(store.createConversation('conv-1', 'zalo', '2025-10-01T09:00:00.000Z')).resolves.toBeUndefined();
    await closeAll();
    expect(readDb((db) => db.prepare('SELECT channel, created_at FROM conversations').all())).toEqual([
      { channel: 'web', created_at: '2025-10-01T08:00:00.000Z' },
    ]);
  });

  it('returns the latest questions of a conversation, oldest first, up to the limit', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    await store.createConversation('conv-2', 'web', '2025-10-01T08:00:00.000Z');
    await store.saveExchange(exchange({ messageId: 'm1', question: 'câu một', createdAt: '2025-10-01T08:01:00.000Z' }));
    await store.saveExchange(exchange({ messageId: 'm2', question: 'câu hai', createdAt: '2025-10-01T08:02:00.000Z' }));
    await store.saveExchange(exchange({ messageId: 'x1', conversationId: 'conv-2', question: 'khác', createdAt: '2025-10-01T08:02:30.000Z' }));
    await store.saveExchange(exchange({ messageId: 'm3', question: 'câu ba', createdAt: '2025-10-01T08:03:00.000Z' }));
    expect(await store.recentQuestions('conv-1', 2)).toEqual(['câu hai', 'câu ba']);
    expect(await store.recentQuestions('conv-1', 10)).toEqual(['câu một', 'câu hai', 'câu ba']);
    expect(await store.recentQuestions('conv-3', 10)).toEqual([]);
  });

  it('orders questions saved in the same instant by the order they were saved', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    const at = '2025-10-01T08:01:00.000Z';
    await store.saveExchange(exchange({ messageId: 'm1', question: 'trước', createdAt: at }));
    await store.saveExchange(exchange({ messageId: 'm2', question: 'sau', createdAt: at }));
    expect(await store.recentQuestions('conv-1', 5)).toEqual(['trước', 'sau']);
  });
});

describe('openSqliteStore: exchanges and feedback', () => {
  it('stores an exchange with its sources as JSON', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    const record = exchange();
    await store.saveExchange(record);
    await closeAll();
    const row = readDb((db) => db.prepare('SELECT * FROM exchanges WHERE message_id = ?').get('msg-1')) as Record<string, unknown>;
    expect(row.question).toBe(record.question);
    expect(row.latency_ms).toBe(12.5);
    expect(JSON.parse(row.sources as string)).toEqual(record.sources);
  });

  it('creates the conversation with its first exchange, in one commit', async () => {
    const store = openStore();
    await store.saveExchange(exchange({ conversationId: 'moi', createdAt: '2025-10-01T08:00:00.000Z' }));
    expect(await store.findConversation('moi', '2025-10-01T07:00:00.000Z')).toEqual({ id: 'moi' });
    await closeAll();
    expect(readDb((db) => db.prepare('SELECT id, channel, created_at, updated_at FROM conversations').all())).toEqual([
      { id: 'moi', channel: 'web', created_at: '2025-10-01T08:00:00.000Z', updated_at: '2025-10-01T08:00:00.000Z' },
    ]);
  });

  it('returns false for feedback on an unknown message and stores nothing', async () => {
    const store = openStore();
    expect(await store.saveFeedback({ messageId: 'khong-co', rating: 'up', comment: null, createdAt: '2025-10-01T08:05:00.000Z' })).toBe(false);
    await closeAll();
    expect(readDb((db) => db.prepare('SELECT COUNT(*) FROM feedback').pluck().get())).toBe(0);
  });

  it('replaces the first rating of a message with the second', async () => {
    const store = openStore();
    await store.createConversation('conv-1', 'web', '2025-10-01T08:00:00.000Z');
    await store.saveExchange(exchange());
    expect(await store.saveFeedback({ messageId: 'msg-1', rating: 'up', comment: 'hay', createdAt: '2025-10-01T08:05:00.000Z' })).toBe(true);
    expect(await store.saveFeedback({ messageId: 'msg-1', rating: 'down', comment: 'sai ngày', createdAt: '2025-10-01T08:06:00.000Z' })).toBe(true);
    await closeAll();
    const rows = readDb((db) => db.prepare('SELECT message_id, rating, comment, created_at, updated_at FROM feedback').all());
    expect(rows).toEqual([
      { message_id: 'msg-1', rating: 'down', comment: 'sai ngày', created_at: '2025-10-01T08:05:00.000Z', updated_at: '2025-10-01T08:06:00.000Z' },
    ]);
  });
});
