/**
 * @module
 * The staff FAQ on the real server: an entry archived by staff stays withdrawn after an
 * index rebuild (SIGHUP after the corpus changed) and after a restart: the server serves
 * the store's published FAQ on every engine it loads, never the YAML's again.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, makeTempDir, removeDir } from './helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';
import { StaffClient } from './workspace-helpers.ts';

const ADMIN = { ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'mật khẩu quản trị đủ dài' };
const QUESTION = 'Ngày Chuyển đổi số quốc gia là ngày nào?';
const YAML_ANSWER = 'theo Quyết định 505/QĐ-TTg';

const root = makeTempDir('admin-server');
const corpusDir = join(root, 'corpus');
const dataDir = join(root, 'data');
let server: Server | undefined;

beforeAll(() => {
  cpSync(CORPUS_DIR, corpusDir, { recursive: true });
});
afterAll(async () => {
  if (server) await stopServer(server);
  removeDir(root);
});

const start = async () => (server = await startReady(dataDir, { ...ADMIN, CORPUS_DIR: corpusDir }));
const ask = async () => {
  const res = await fetch(`${(server as Server).base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: QUESTION }) });
  return (await res.json()) as { method: string; answer: string };
};
const readyz = async () => (await (await fetch(`${(server as Server).base}/readyz`)).json()) as { indexBuiltAt: string; faq: number };

describe('the published FAQ on the real server', () => {
  it('survives a rebuild and a restart: an archived entry never comes back from the YAML', async () => {
    await start();
    expect((await ask()).answer).toContain(YAML_ANSWER);
    const admin = new StaffClient({ request: (path, init) => fetch(`${(server as Server).base}${path}`, { ...init, redirect: 'manual' }) });
    expect((await admin.login(ADMIN.ADMIN_USERNAME, ADMIN.ADMIN_PASSWORD)).status).toBe(303);
    const { entry } = (await (await admin.request('/api/admin/faq/ngay-chuyen-doi-so-quoc-gia')).json()) as { entry: { current: { version: number } } };
    expect((await admin.json('/api/admin/faq/ngay-chuyen-doi-so-quoc-gia/transition', { action: 'archive', version: entry.current.version })).status).toBe(200);
    expect((await ask()).answer).not.toContain(YAML_ANSWER);
    const served = (await readyz()).faq;

    // The corpus changes; SIGHUP rebuilds the index and swaps it in.
    const before = (await readyz()).indexBuiltAt;
    writeFileSync(join(corpusDir, 'documents', 'thong-bao-thu.md'), '---\ntitle: "Thông báo thử"\ntype: "Tài liệu tóm lược"\ncompiledBy: "Kiểm thử"\n---\n# I. Nội dung\n- Thông báo thử về lịch tiếp dân của Sở.\n');
    (server as Server).child.kill('SIGHUP');
    const deadline = Date.now() + 60_000;
    while ((await readyz()).indexBuiltAt === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await readyz()).indexBuiltAt).not.toBe(before);
    expect((await ask()).answer).not.toContain(YAML_ANSWER);
    expect((await readyz()).faq).toBe(served);

    // A restart too.
    await stopServer(server as Server);
    await start();
    expect((await ask()).answer).not.toContain(YAML_ANSWER);
    expect((await readyz()).faq).toBe(served);
  });
});
