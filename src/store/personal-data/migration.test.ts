import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations/index.ts';
import { migrate } from '../sqlite-database.ts';

describe('migration 5', () => {
  it('takes citizens’ questions out of earlier audit records of staff answers, and the log stays append-only', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version < 5)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
    }
    const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('a1', '2026-01-01T00:00:00.000Z', 'editor', 'answer.send', 'g1', JSON.stringify({ status: 'open', question: 'Số điện thoại của tôi là gì?' }), JSON.stringify({ status: 'answered', recipients: 1 }));
    insert.run('a2', '2026-01-01T00:00:00.000Z', 'editor', 'faq.create', 'x', null, JSON.stringify({ question: 'Câu hỏi FAQ của cán bộ' }));
    expect(migrate(db)).toBe(MIGRATIONS.filter((x) => x.version >= 5).length);
    const rows = db.prepare('SELECT id, before, after FROM audit_log ORDER BY id').all() as Array<{ id: string; before: string | null; after: string }>;
    expect(JSON.parse(rows[0]?.before ?? 'null')).toEqual({ status: 'open' });
    expect(JSON.parse(rows[0]?.after ?? 'null')).toEqual({ status: 'answered', recipients: 1 });
    expect(JSON.parse(rows[1]?.after ?? 'null')).toEqual({ question: 'Câu hỏi FAQ của cán bộ' });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});
