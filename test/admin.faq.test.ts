/**
 * @module
 * The FAQ lifecycle as staff live it, over the JSON API on the real engine: an editor's
 * draft never answers citizens; an approval by someone else publishes it and `/api/chat`
 * answers with it at once (no restart, no passage rebuild: the figure is printed); editing
 * a published entry keeps the published version answering until the new one is approved;
 * archiving withdraws it; a rebuilt engine serves the store's FAQ, never the YAML's again.
 * Imports are checked whole: a duplicate id, a missing field or an unknown source rejects
 * the file with file and line, and nothing is applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEngine } from '../src/admin/faq/live.ts';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { loadConfig } from '../src/config.ts';
import { createEngine, toReadyEngine } from '../src/entry/engine.ts';
import { CORPUS_DIR, dumpDatabase, makeTempDir, postJson, removeDir } from './helpers.ts';
import { corpusFaqFiles, createWorkspaceApp, loggedIn, type StaffClient, type WorkspaceApp } from './workspace-helpers.ts';

let t: WorkspaceApp;
let editor: StaffClient;
let reviewer: StaffClient;
let admin: StaffClient;

beforeAll(async () => {
  t = await createWorkspaceApp({ seedFaq: true });
  [editor, reviewer, admin] = await Promise.all([loggedIn(t.app, 'editor'), loggedIn(t.app, 'reviewer'), loggedIn(t.app, 'admin')]);
});
afterAll(async () => {
  await t.close();
});

const ask = async (message: string) => chatResponseSchema.parse(await (await postJson(t.app, '/api/chat', { message })).json());

const QUESTION = 'Tỉnh có tổ chức cuộc thi ý tưởng khởi nghiệp sáng tạo cho học sinh trung học không?';
const entry = (answer: string) => ({
  id: 'thi-y-tuong-hoc-sinh',
  question: QUESTION,
  alternatives: ['cuộc thi ý tưởng khởi nghiệp cho học sinh', 'tinh co to chuc cuoc thi y tuong khoi nghiep cho hoc sinh khong'],
  answer,
  document: 'ke-hoach-dien-bien-1169',
  section: 'V. Tổ chức thực hiện',
  agency: 'Sở Giáo dục và Đào tạo tỉnh Điện Biên',
  reviewBy: '2027-06-30',
});
const FIRST = 'Cuộc thi ý tưởng khởi nghiệp cho học sinh do Sở Giáo dục và Đào tạo tổ chức hằng năm (mã kiểm thử A1).';
const SECOND = 'Từ năm học 2026–2027, cuộc thi ý tưởng khởi nghiệp cho học sinh có thêm vòng cấp xã (mã kiểm thử B2).';

interface EntryJson {
  id: string;
  status: string;
  current: { version: number; answer: string; author: string };
  published: { version: number; answer: string } | null;
}
const read = async (res: Response) => {
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as EntryJson & { error?: { code: string; message: string } } };
};
const transition = (client: StaffClient, id: string, action: string, version: number) => client.json(`/api/admin/faq/${id}/transition`, { action, version });

describe('the FAQ lifecycle', () => {
  it('keeps a draft from citizens, publishes on approval by someone else, and answers with it at once', async () => {
    const engineBefore = t.state.engine;
    const builtBefore = ((await (await t.app.request('/readyz')).json()) as { passages: number }).passages;
    expect((await ask(QUESTION)).answer).not.toContain('A1');

    const created = await read(await editor.json('/api/admin/faq', entry(FIRST)));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect((await ask(QUESTION)).answer).not.toContain('A1');

    // An editor cannot publish; submitting puts it in review, still unseen by citizens.
    expect((await transition(editor, created.body.id, 'publish', 1)).status).toBe(403);
    expect((await read(await transition(editor, created.body.id, 'submit', 1))).body.status).toBe('in_review');
    expect((await ask(QUESTION)).answer).not.toContain('A1');

    const started = performance.now();
    const published = await read(await transition(reviewer, created.body.id, 'publish', 1));
    expect(published.body.status).toBe('published');
    let answered = await ask(QUESTION);
    while (!answered.answer.includes('A1') && performance.now() - started < 5_000) answered = await ask(QUESTION);
    const elapsed = performance.now() - started;
    console.log(`publish → first /api/chat answer using the entry: ${elapsed.toFixed(1)} ms (in process: publish request, FAQ matcher swap, one question)`);
    expect(answered.method).toBe('faq');
    expect(answered.answer).toContain('A1');
    expect(elapsed).toBeLessThan(5_000);
    // No restart and no passage rebuild: the same engine serves, over the same index.
    expect(t.state.engine).toBe(engineBefore);
    expect(((await (await t.app.request('/readyz')).json()) as { passages: number }).passages).toBe(builtBefore);
  });

  it('keeps the published version answering while a new one is written and reviewed', async () => {
    const edited = await read(await editor.json('/api/admin/faq/thi-y-tuong-hoc-sinh', { ...entry(SECOND), version: 1 }));
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('draft');
    expect(edited.body.published?.answer).toBe(FIRST);
    expect((await ask(QUESTION)).answer).toContain('A1');
    await transition(editor, 'thi-y-tuong-hoc-sinh', 'submit', 2);
    // Returned for changes, then approved.
    expect((await read(await transition(reviewer, 'thi-y-tuong-hoc-sinh', 'return', 2))).body.status).toBe('draft');
    await transition(editor, 'thi-y-tuong-hoc-sinh', 'submit', 2);
    expect((await ask(QUESTION)).answer).toContain('A1');
    expect((await read(await transition(reviewer, 'thi-y-tuong-hoc-sinh', 'publish', 2))).body.published?.version).toBe(2);
    expect((await ask(QUESTION)).answer).toContain('B2');
    const history = (await (await editor.request('/api/admin/faq/thi-y-tuong-hoc-sinh')).json()) as { history: Array<{ version: number; answer: string }> };
    expect(history.history.map((v) => v.version)).toEqual([2, 1]);
  });

  it('refuses an edit made on an old version (409), and a source the corpus does not hold (400)', async () => {
    const stale = await read(await editor.json('/api/admin/faq/thi-y-tuong-hoc-sinh', { ...entry('Một câu trả lời sửa trên phiên bản cũ.'), version: 1 }));
    expect(stale.status).toBe(409);
    const noDocument = await read(await editor.json('/api/admin/faq', { ...entry(FIRST), id: 'nguon-sai', document: 'khong-co-van-ban-nay' }));
    expect(noDocument.status).toBe(400);
    expect(noDocument.body.error?.message).toContain('khong-co-van-ban-nay');
    const noSection = await read(await editor.json('/api/admin/faq', { ...entry(FIRST), id: 'muc-sai', section: 'IX. Mục không có' }));
    expect(noSection.status).toBe(400);
    expect(noSection.body.error?.message).toContain('IX. Mục không có');
    const tooLong = await read(await editor.json('/api/admin/faq', { ...entry(Array.from({ length: 90 }, () => 'chữ').join(' ')), id: 'qua-dai' }));
    expect(tooLong.status).toBe(400);
  });

  it('never lets the author of a version approve it, whatever their role', async () => {
    const own = await read(await admin.json('/api/admin/faq', { ...entry('Câu trả lời do quản trị viên tự viết (mã kiểm thử C3).'), id: 'tu-viet-tu-duyet', question: 'Quản trị viên có tự duyệt được câu trả lời của mình không?' }));
    expect(own.status).toBe(201);
    await transition(admin, 'tu-viet-tu-duyet', 'submit', 1);
    const self = await read(await transition(admin, 'tu-viet-tu-duyet', 'publish', 1));
    expect(self.status).toBe(403);
    expect(self.body.error?.message).toMatch(/không tự duyệt/);
    expect((await read(await transition(reviewer, 'tu-viet-tu-duyet', 'publish', 1))).body.status).toBe('published');
  });

  it('withdraws an archived entry at once, and brings it back only as a draft', async () => {
    expect((await read(await transition(reviewer, 'thi-y-tuong-hoc-sinh', 'archive', 2))).body.status).toBe('archived');
    expect((await ask(QUESTION)).answer).not.toContain('B2');
    expect((await editor.json('/api/admin/faq/thi-y-tuong-hoc-sinh', { ...entry(SECOND), version: 2 })).status).toBe(409);
    const restored = await read(await transition(editor, 'thi-y-tuong-hoc-sinh', 'restore', 2));
    expect(restored.body.status).toBe('draft');
    expect(restored.body.published).toBeNull();
    expect((await ask(QUESTION)).answer).not.toContain('B2');
  });

  it('serves the store’s FAQ on a rebuilt engine, never the YAML it was built with', async () => {
    const question = 'Ai ký Kế hoạch triển khai Quyết định 1169/QĐ-TTg của tỉnh Điện Biên?';
    expect((await ask(question)).method).toBe('faq');
    const current = (await read(await reviewer.request('/api/admin/faq/kh-nguoi-ky'))).body as unknown as { entry: EntryJson };
    expect((await transition(reviewer, 'kh-nguoi-ky', 'archive', current.entry.current.version)).status).toBe(200);
    const dir = makeTempDir('rebuild-faq');
    try {
      // A fresh build from the corpus holds the YAML's entry…
      const rebuilt = toReadyEngine(await createEngine(loadConfig({ CORPUS_DIR, DATA_DIR: dir })));
      expect((await rebuilt.answer(question)).method).toBe('faq');
      // …and is prepared with the store's FAQ before it serves, as the server does.
      await prepareEngine(rebuilt, t.stores.workspace, corpusFaqFiles(), { now: () => new Date(), newId: () => crypto.randomUUID(), logger: t.logger, reviewDays: 365 });
      const after = await rebuilt.answer(question);
      expect(after.method === 'faq' && after.answer.includes('Vừ A Bằng') && after.sources.length === 1).toBe(false);
      expect(rebuilt.starters.get('ke-hoach-dien-bien-1169')).not.toContain(question);
    } finally {
      removeDir(dir);
    }
  });
});

describe('importing YAML', () => {
  const valid = `- id: hoi-thao-chuyen-doi-so-xa
  question: "Xã có tổ chức hội thảo chuyển đổi số cho người dân không?"
  alternatives:
    - "xa co hoi thao chuyen doi so khong"
  answer: "Các xã tổ chức hội thảo chuyển đổi số cho người dân theo kế hoạch hằng năm (mã kiểm thử D4)."
  document: ke-hoach-dien-bien-1169
  section: "V. Tổ chức thực hiện"
  agency: "Sở Khoa học và Công nghệ tỉnh Điện Biên"
  reviewed: "2026-11-20"
`;
  const faqRows = () => JSON.stringify(Object.fromEntries(Object.entries(dumpDatabase(t.dbFile)).filter(([table]) => table.startsWith('faq_'))));

  it('rejects a file with a duplicate id whole, naming the file and line, and applies nothing', async () => {
    const duplicate = `${valid}
- id: nq57-la-gi
  question: "Nghị quyết 57 là gì?"
  answer: "Một câu trả lời không liên quan, thay thế câu trả lời thật."
  document: nghi-quyet-57-nq-tw
  agency: "Sở"
  reviewed: "2026-11-20"

- id: nq57-la-gi
  question: "NQ57 là gì vậy?"
  answer: "Lại một câu trả lời khác cho cùng mã, cũng không liên quan."
  document: nghi-quyet-57-nq-tw
  agency: "Sở"
  reviewed: "2026-11-20"
`;
    const before = faqRows();
    const res = await admin.json('/api/admin/faq/import', { file: 'faq/moi.yaml', yaml: duplicate });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string }; problems: Array<{ file: string; line: number; message: string }> };
    expect(body.error.code).toBe('invalid_request');
    expect(body.problems).toEqual([{ file: 'faq/moi.yaml', line: 18, message: 'trùng id "nq57-la-gi" (đã có ở faq/moi.yaml:11)' }]);
    expect(faqRows()).toBe(before);
    expect((await ask('Xã có tổ chức hội thảo chuyển đổi số cho người dân không?')).answer).not.toContain('D4');
  });

  it('names every missing field and unknown source with its line', async () => {
    const broken = `${valid}
- id: thieu-cau-tra-loi
  question: "Mục này thiếu câu trả lời?"
  document: ke-hoach-dien-bien-1169
  agency: "Sở"
  reviewed: "2026-11-20"

- id: nguon-khong-co
  question: "Mục này có nguồn không có thật?"
  answer: "Câu trả lời đủ dài để hợp lệ ở đây."
  document: khong-co-van-ban-nay
  agency: "Sở"
  reviewed: "2026-11-20"
`;
    const before = faqRows();
    const res = await admin.request('/api/admin/faq/import?file=faq/hong.yaml', { method: 'POST', headers: { 'content-type': 'text/yaml', 'x-csrf-token': admin.csrf }, body: broken });
    expect(res.status).toBe(400);
    const { problems } = (await res.json()) as { problems: Array<{ file: string; line: number; message: string }> };
    expect(problems).toEqual([
      { file: 'faq/hong.yaml', line: 11, message: 'thiếu trường "answer"' },
      { file: 'faq/hong.yaml', line: 17, message: 'Không có văn bản "khong-co-van-ban-nay" trong kho văn bản.' },
    ]);
    expect(faqRows()).toBe(before);
  });

  it('publishes a valid file at once, and an export imports back unchanged', async () => {
    const res = await admin.json('/api/admin/faq/import', { file: 'faq/moi.yaml', yaml: valid });
    expect(await res.json()).toEqual({ created: ['hoi-thao-chuyen-doi-so-xa'], updated: [], unchanged: 0 });
    expect((await ask('Xã có tổ chức hội thảo chuyển đổi số cho người dân không?')).answer).toContain('D4');
    const exported = await (await editor.request('/api/admin/faq/export')).text();
    expect(exported).toContain('- id: hoi-thao-chuyen-doi-so-xa');
    const again = (await (await admin.json('/api/admin/faq/import', { file: 'faq/faq.yaml', yaml: exported })).json()) as { created: string[]; updated: string[]; unchanged: number };
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe((exported.match(/^- id: /gm) ?? []).length);
    expect(await (await editor.request('/api/admin/faq/export')).text()).toBe(exported.replace(/lúc \S+\./, (await (await editor.request('/api/admin/faq/export')).text()).match(/lúc \S+\./)?.[0] ?? ''));
  });

  it('is for admins only: an editor cannot replace the published FAQ', async () => {
    expect((await editor.json('/api/admin/faq/import', { file: 'x.yaml', yaml: valid })).status).toBe(403);
  });
});

describe('the FAQ pages', () => {
  it('search with or without tone marks, and filter by state and agency', async () => {
    const withMarks = await (await editor.request('/admin/faq?q=ngày+chuyển+đổi+số')).text();
    const without = await (await editor.request('/admin/faq?q=ngay+chuyen+doi+so')).text();
    const count = (html: string) => Number(/(\d+) mục\./.exec(html)?.[1]);
    expect(count(withMarks)).toBeGreaterThan(0);
    expect(count(without)).toBe(count(withMarks));
    const drafts = await (await editor.request('/admin/faq?status=draft')).text();
    expect(drafts).toContain('thi-y-tuong-hoc-sinh');
    expect(drafts).not.toContain('kh-ke-hoach-la-gi');
    const agency = await (await editor.request('/admin/faq?agency=' + encodeURIComponent('Sở Giáo dục và Đào tạo tỉnh Điện Biên'))).text();
    expect(agency).toContain('thi-y-tuong-hoc-sinh');
    expect(count(agency)).toBeLessThan(count(await (await editor.request('/admin/faq')).text()));
    expect([...agency.matchAll(/<td>([^<]+)<\/td><td>\d{4}-/g)].every((m) => m[1] === 'Sở Giáo dục và Đào tạo tỉnh Điện Biên')).toBe(true);
  });

  it('create a draft from the form and show the form again with what was typed when it is invalid', async () => {
    const bad = await editor.form('/admin/faq', { ...entry(FIRST), id: 'tu-bieu-mau', document: 'khong-co', alternatives: 'một\nhai' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="tu-bieu-mau"');
    const good = await editor.form('/admin/faq', { ...entry(FIRST), id: 'tu-bieu-mau', alternatives: 'cách hỏi một\ncách hỏi hai' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/admin/faq/tu-bieu-mau?done=created');
    const page = await (await editor.request('/admin/faq/tu-bieu-mau')).text();
    expect(page).toContain('Gửi duyệt');
    expect(page).not.toContain('Duyệt và xuất bản');
  });
});
