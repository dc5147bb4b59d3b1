/**
 * @module
 * The audit log records every kind of change (FAQ entries, answers sent, queue triage,
 * accounts, tokens, settings) with who, when, before and after; the database refuses to
 * change or delete a record; and no password, hash of a password, token, session cookie or
 * CSRF token is ever stored or logged in clear.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { dumpDatabase, postJson, queryDatabase } from './helpers.ts';
import { createWorkspaceApp, loggedIn, PASSWORD, StaffClient, type WorkspaceApp } from './workspace-helpers.ts';

let t: WorkspaceApp;
const secrets: string[] = [PASSWORD];

beforeAll(async () => {
  t = await createWorkspaceApp({ seedFaq: true });
});
afterAll(async () => {
  await t.close();
});

interface AuditJson {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

describe('the audit log', () => {
  it('records every kind of change, with who, when, before and after', async () => {
    const admin = await loggedIn(t.app, 'admin');
    const editor = await loggedIn(t.app, 'editor');
    const reviewer = await loggedIn(t.app, 'reviewer');
    const entry = { question: 'Nhật ký có ghi lại thay đổi FAQ không?', alternatives: [], answer: 'Có, mọi thay đổi đều được ghi vào nhật ký (kiểm thử).', document: 'ke-hoach-dien-bien-1169', section: 'V. Tổ chức thực hiện', agency: 'Sở Khoa học và Công nghệ tỉnh Điện Biên', reviewBy: '2027-01-01' };
    await editor.json('/api/admin/faq', { ...entry, id: 'nhat-ky' });
    await editor.json('/api/admin/faq/nhat-ky', { ...entry, answer: 'Có: mọi thay đổi được ghi vào nhật ký, ai và lúc nào (kiểm thử).', version: 1 });
    for (const [client, action, version] of [[editor, 'submit', 2], [reviewer, 'return', 2], [editor, 'submit', 2], [reviewer, 'publish', 2], [reviewer, 'archive', 2], [editor, 'restore', 2]] as const) {
      expect((await client.json('/api/admin/faq/nhat-ky/transition', { action, version })).status, action).toBe(200);
    }
    const yaml = `- id: nhat-ky-nhap\n  question: "Nhập FAQ có được ghi nhật ký không?"\n  answer: "Có, mỗi mục nhập vào đều được ghi (kiểm thử)."\n  document: ke-hoach-dien-bien-1169\n  agency: "Sở"\n  reviewed: "2026-11-01"\n`;
    expect((await admin.json('/api/admin/faq/import', { file: 'nhap.yaml', yaml })).status).toBe(200);

    const asked = chatResponseSchema.parse(await (await postJson(t.app, '/api/chat', { message: 'Xã Mường Phăng khi nào có sóng 5G?' })).json());
    await postJson(t.app, '/api/chat', { message: 'Giá vé xe khách từ Điện Biên đi Hà Nội là bao nhiêu?' });
    await postJson(t.app, '/api/chat', { message: 'Bản Huổi Só khi nào có sóng 5G?' });
    await postJson(t.app, '/api/chat', { message: 'ban huoi so khi nao co song 5g' });
    await t.workspace.queue.sync();
    const open = await t.stores.workspace.review.listGroups({ status: 'open', limit: 50 });
    const byQuestion = (start: string) => open.find((g) => g.question.startsWith(start))?.id ?? '';
    expect((await editor.json(`/api/admin/queue/${byQuestion('Xã Mường Phăng')}/answer`, { text: 'Dự kiến trong năm 2027 (kiểm thử).' })).status).toBe(200);
    expect((await editor.json(`/api/admin/queue/${byQuestion('Giá vé')}/resolve`, { status: 'out_of_scope' })).status).toBe(200);
    const huoiSo = byQuestion('Bản Huổi Só');
    const items = await t.stores.workspace.review.items(huoiSo);
    expect((await editor.json(`/api/admin/queue/${huoiSo}/split`, { messageId: items[0]?.messageId })).status).toBe(200);

    const newPassword = 'một mật khẩu mới rất dài';
    secrets.push(newPassword);
    expect((await admin.json('/api/admin/accounts', { username: 'can-bo-moi', role: 'viewer', password: PASSWORD })).status).toBe(201);
    expect((await admin.json('/api/admin/accounts/can-bo-moi', { role: 'editor' })).status).toBe(204);
    expect((await admin.json('/api/admin/accounts/can-bo-moi', { password: newPassword })).status).toBe(204);
    const { id: tokenId, token } = (await (await admin.json('/api/admin/tokens', { username: 'editor', name: 'tập lệnh' })).json()) as { id: string; token: string };
    secrets.push(token);
    expect((await admin.json(`/api/admin/tokens/${tokenId}/revoke`, {})).status).toBe(204);
    expect((await admin.json('/api/admin/settings', { staffSignature: '— Tổ hỗ trợ NQ57', reviewDays: 180 })).status).toBe(200);

    const log = ((await (await admin.request('/api/admin/audit?limit=500')).json()) as { entries: AuditJson[] }).entries;
    const actions = new Set(log.map((e) => e.action));
    for (const action of ['faq.create', 'faq.update', 'faq.submit', 'faq.return', 'faq.publish', 'faq.archive', 'faq.restore', 'faq.import', 'answer.send', 'queue.resolve', 'queue.split', 'account.create', 'account.update', 'account.password', 'token.create', 'token.revoke', 'settings.update']) {
      expect(actions, action).toContain(action);
    }
    const find = (action: string, target?: string) => log.find((e) => e.action === action && (target === undefined || e.target === target)) as AuditJson;
    // FAQ content is audited by a digest, not its text (a draft may start from citizens' questions).
    const digest = expect.stringMatching(/^sha256:[0-9a-f]{64}$/);
    expect(find('faq.create', 'nhat-ky')).toMatchObject({ actor: 'editor', after: { status: 'draft', version: 1, document: entry.document, section: entry.section, alternatives: 0, digest } });
    expect(find('faq.update', 'nhat-ky')).toMatchObject({ actor: 'editor', before: { version: 1, digest: (find('faq.create', 'nhat-ky').after as { digest: string }).digest }, after: { version: 2, digest } });
    expect((find('faq.update', 'nhat-ky').after as { digest: string }).digest).not.toBe((find('faq.create', 'nhat-ky').after as { digest: string }).digest);
    expect(find('faq.import', 'nhat-ky-nhap')).toMatchObject({ actor: 'admin', before: null, after: { document: 'ke-hoach-dien-bien-1169', reviewed: '2026-11-01', digest } });
    const faqText = JSON.stringify(log.filter((e) => e.action.startsWith('faq.')));
    for (const text of [entry.question, entry.answer, 'Nhập FAQ có được ghi nhật ký không?']) expect(faqText, text).not.toContain(text);
    expect(find('faq.publish', 'nhat-ky')).toMatchObject({ actor: 'reviewer', before: { status: 'in_review' }, after: { status: 'published' } });
    expect(find('answer.send')).toMatchObject({ actor: 'editor', after: { recipients: 1, channels: ['web'] } });
    expect(find('account.update', 'can-bo-moi')).toMatchObject({ actor: 'admin', before: { role: 'viewer' }, after: { role: 'editor' } });
    expect(find('settings.update')).toMatchObject({ before: { staffSignature: '— Sở Khoa học và Công nghệ tỉnh Điện Biên', reviewDays: 365 }, after: { staffSignature: '— Tổ hỗ trợ NQ57', reviewDays: 180 } });
    expect(Date.parse(find('faq.create').at)).toBe(t.now.ms);
    // Newest first, and the filters work.
    expect(log.map((e) => e.id)).toEqual([...log.map((e) => e.id)].sort().reverse());
    const faqOnly = ((await (await admin.request('/api/admin/audit?action=faq&target=nhat-ky')).json()) as { entries: AuditJson[] }).entries;
    expect(faqOnly.length).toBe(8);
    expect(asked.messageId).toBeTruthy();
    // Admins only.
    expect((await editor.request('/api/admin/audit')).status).toBe(403);
    expect((await admin.request('/admin/audit?action=account')).status).toBe(200);
  });

  it('cannot be changed or deleted, even with direct SQL', () => {
    const db = new Database(t.dbFile);
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(queryDatabase<{ n: number }>(t.dbFile, "SELECT COUNT(*) AS n FROM audit_log WHERE actor = 'someone else'")[0]?.n).toBe(0);
  });
});

describe('secrets', () => {
  it('are never stored or logged in clear: passwords, tokens, session cookies, CSRF tokens', async () => {
    const client = new StaffClient(t.app);
    const login = await client.login('admin');
    const cookie = login.headers.getSetCookie().join(';');
    const session = /nq57_staff=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(session.length).toBeGreaterThan(20);
    secrets.push(decodeURIComponent(session), client.csrf);
    // A failed login with a mistyped password is logged without it.
    secrets.push('mật khẩu gõ nhầm của quản trị');
    await new StaffClient(t.app).login('admin', 'mật khẩu gõ nhầm của quản trị');

    // The rows, and the raw bytes of the database and its write-ahead log (free pages included).
    const raw = [t.dbFile, `${t.dbFile}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8'));
    const stored = JSON.stringify(dumpDatabase(t.dbFile)) + raw.join('');
    const logged = t.logger.lines.join('\n');
    for (const secret of secrets) {
      expect(stored.includes(secret), `stored: ${secret.slice(0, 8)}…`).toBe(false);
      expect(stored.includes(JSON.stringify(secret).slice(1, -1)), `stored (escaped): ${secret.slice(0, 8)}…`).toBe(false);
      expect(logged.includes(secret), `logged: ${secret.slice(0, 8)}…`).toBe(false);
    }
    const hashes = queryDatabase<{ password_hash: string }>(t.dbFile, 'SELECT password_hash FROM staff_users');
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]{22}\$[\w-]{43}$/);
    // Same password, different salts: equal passwords are not visible as equal hashes.
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(hashes.length);
    for (const { token_hash } of queryDatabase<{ token_hash: string }>(t.dbFile, 'SELECT token_hash FROM api_tokens')) expect(token_hash).toMatch(/^[\w-]{43}$/);
    expect(logged).toContain('staff login failed');
  });
});
