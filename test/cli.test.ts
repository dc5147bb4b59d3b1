/**
 * @module
 * The command-line tools as processes, as an operator runs them (`node --import tsx
 * src/cli/…`, what `npm run report` and `npm run admin` do), on a temporary DATA_DIR
 * holding a real SQLite file: the half-year report writes its HTML (with the charts) and
 * its CSV (UTF-8 with a byte-order mark) from the exchanges stored there; create-user
 * refuses a short password and creates an account that can then log in.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createWorkspace } from '../src/admin/workspace.ts';
import { createScryptHasher } from '../src/entry/scrypt.ts';
import { openSqliteStores } from '../src/store/sqlite-stores.ts';
import type { ExchangeRecord } from '../src/store/types.ts';
import { captureLogger, CORPUS_DIR, makeTempDir, queryDatabase, removeDir, ROOT } from './helpers.ts';
import { StaffClient } from './workspace-helpers.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli/<script>` with `args`, writing `input` to its standard input (a pipe, as in a script). */
function runCli(script: string, args: string[], dataDir: string, input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'cli', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const exchange = (messageId: string, conversationId: string, createdAt: string, question: string, extra: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  messageId,
  conversationId,
  channel: 'web',
  externalUserId: null,
  question,
  outcome: 'answered',
  method: 'extractive',
  answer: `Trả lời cho ${messageId}.`,
  sources: [{ passageId: 'p1', documentId: 'ke-hoach-dien-bien-1169', section: 'V. Tổ chức thực hiện' }],
  latencyMs: 20,
  createdAt,
  confidence: 0.9,
  ...extra,
});

describe('npm run report', () => {
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('cli-report');
    const stores = openSqliteStores(join(dir, 'hoidap.sqlite'));
    for (const r of [
      exchange('r1', 'c1', '2026-11-02T03:00:00.000Z', 'Nghị quyết 57 là gì?'),
      exchange('r2', 'c1', '2026-11-02T03:01:00.000Z', 'Ai chủ trì thực hiện kế hoạch?'),
      exchange('r3', 'c2', '2026-11-20T09:00:00.000Z', 'Xã Mường Phăng khi nào có sóng 5G?', { outcome: 'no_answer', method: 'none', sources: [], confidence: null }),
      exchange('r4', 'c3', '2026-11-21T09:00:00.000Z', 'Tỉnh hỗ trợ chuyển đổi số thế nào?', { channel: 'zalo', externalUserId: 'zalo-user-1' }),
      // Outside the period: not counted.
      exchange('r5', 'c4', '2026-06-10T16:59:00.000Z', 'Câu hỏi của kỳ trước?'),
    ]) {
      await stores.conversations.saveExchange(r);
    }
    await stores.conversations.flush(5_000);
    await stores.conversations.close();
  });
  afterAll(() => removeDir(dir));

  it('writes the printable HTML with its charts and the CSV with a byte-order mark, from the stored exchanges', async () => {
    const out = join(dir, 'bao-cao');
    const run = await runCli('report.ts', ['--from', '2026-06-11', '--to', '2026-12-10', '--out', out], dir);
    expect(run.code, run.stderr).toBe(0);
    const base = join(out, 'bao-cao-nq57-2026-06-11_2026-12-10');
    expect(run.stdout.trim().split('\n')).toEqual([`${base}.html`, `${base}.csv`]);
    expect(run.stderr).toContain('4 câu hỏi, 3 được trả lời, 3 cuộc trò chuyện');

    const html = readFileSync(`${base}.html`, 'utf8');
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    const charts = [...html.matchAll(/<svg role="img" aria-labelledby="([^"]+)"[^>]*>\s*<title id="\1">([^<]+)<\/title>/g)].map((m) => m[2]);
    expect(charts).toEqual(expect.arrayContaining(['Số câu hỏi mỗi ngày theo kênh', 'Chủ đề được hỏi nhiều nhất']));
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Bảng số liệu');
    expect(existsSync(`${base}.html.tmp`)).toBe(false);

    const csv = readFileSync(`${base}.csv`);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Phần,Chỉ số,Kênh,Ngày hoặc mục,Giá trị,Đơn vị');
    expect(text).toContain('Kỳ báo cáo,Từ ngày,,11/06/2026');
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('npm run admin -- create-user', () => {
  let dir: string;
  const password = 'một mật khẩu đủ dài cho quản trị';

  beforeAll(() => {
    dir = makeTempDir('cli-admin');
  });
  afterAll(() => removeDir(dir));

  it('refuses a short password and creates no account', async () => {
    const run = await runCli('admin.ts', ['create-user', '--username', 'quan-tri', '--role', 'admin'], dir, 'ngắn\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Mật khẩu cần ít nhất 12 ký tự.');
    expect(run.stderr + run.stdout).not.toContain('ngắn');
    expect(queryDatabase(join(dir, 'hoidap.sqlite'), 'SELECT username FROM staff_users')).toEqual([]);
  });

  it('creates an account from a password on standard input, which can then log in', async () => {
    const run = await runCli('admin.ts', ['create-user', '--username', 'Quan-Tri', '--role', 'editor'], dir, `${password}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Đã tạo tài khoản quan-tri');
    expect(run.stdout + run.stderr).not.toContain(password);
    const dbFile = join(dir, 'hoidap.sqlite');
    const [row] = queryDatabase<{ username: string; role: string; password_hash: string }>(dbFile, 'SELECT username, role, password_hash FROM staff_users');
    expect(row).toMatchObject({ username: 'quan-tri', role: 'editor' });
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain(password);
    const audit = queryDatabase<{ actor: string; action: string; target: string }>(dbFile, 'SELECT actor, action, target FROM audit_log');
    expect(audit).toEqual([{ actor: 'cli', action: 'account.create', target: 'quan-tri' }]);

    // The staff pages over the same database file log the new account in.
    const stores = openSqliteStores(dbFile);
    try {
      const state = { engine: null, store: stores.conversations, workspace: stores.workspace };
      const logger = captureLogger();
      const workspace = createWorkspace({
        state,
        logger,
        now: () => new Date(),
        newId: () => crypto.randomUUID(),
        options: { sessionSecret: 'test-session-secret-of-enough-length', sessionIdleMs: 60_000, cookieSecure: false, hasher: createScryptHasher(), defaultAgency: 'Sở' },
      });
      const app = createApp({ state, logger, workspace });
      expect((await new StaffClient(app).login('quan-tri', 'một mật khẩu sai nhưng đủ dài')).status).not.toBe(303);
      const client = new StaffClient(app);
      expect((await client.login('quan-tri', password)).status).toBe(303);
      expect(await (await client.request('/api/admin/me')).json()).toMatchObject({ username: 'quan-tri', role: 'editor' });
    } finally {
      await stores.conversations.close();
    }
  });
});
