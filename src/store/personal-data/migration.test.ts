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
    // Migration 7 takes the text of FAQ entries out too.
    expect(JSON.parse(rows[1]?.after ?? 'null')).toEqual({});
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('migration 7', () => {
  it('takes the text of FAQ entries (which a draft may take from citizens) out of earlier audit records, keeps the rest, and the log stays append-only', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version < 7)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
    }
    const citizen = 'Tôi ở bản Co Mỵ, số 0912345678, xin hỗ trợ máy tính?';
    const content = (answer: string) => ({ question: citizen, alternatives: [citizen], answer, document: 'ke-hoach-dien-bien-1169', section: 'V', agency: 'Sở', reviewBy: '2027-01-01' });
    const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const at = '2026-01-01T00:00:00.000Z';
    insert.run('b1', at, 'editor', 'faq.create', 'x', null, JSON.stringify({ status: 'draft', ...content('Trả lời một.') }));
    insert.run('b2', at, 'editor', 'faq.update', 'x', JSON.stringify({ status: 'draft', version: 1, ...content('Trả lời một.') }), JSON.stringify({ status: 'draft', version: 2, ...content('Trả lời hai.') }));
    insert.run('b3', at, 'system', 'faq.import', 'y', null, JSON.stringify({ ...content('Trả lời ba.'), reviewed: '2026-01-01' }));
    insert.run('b4', at, 'admin', 'account.create', 'can-bo', null, JSON.stringify({ username: 'can-bo', role: 'viewer', answer: 'giữ nguyên' }));
    expect(migrate(db)).toBe(MIGRATIONS.filter((x) => x.version >= 7).length);
    const rows = db.prepare('SELECT id, before, after FROM audit_log ORDER BY id').all() as Array<{ id: string; before: string | null; after: string }>;
    const left = { document: 'ke-hoach-dien-bien-1169', section: 'V', agency: 'Sở', reviewBy: '2027-01-01' };
    expect(rows.map((r) => [r.id, JSON.parse(r.before ?? 'null'), JSON.parse(r.after)])).toEqual([
      ['b1', null, { status: 'draft', ...left }],
      ['b2', { status: 'draft', version: 1, ...left }, { status: 'draft', version: 2, ...left }],
      ['b3', null, { ...left, reviewed: '2026-01-01' }],
      ['b4', null, { username: 'can-bo', role: 'viewer', answer: 'giữ nguyên' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Co Mỵ');
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});
