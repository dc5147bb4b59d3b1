/**
 * @module
 * The review queue and answers back to citizens: questions the service declined or that
 * were rated down are grouped (the same question with and without tone marks is one group,
 * with its count and first/last seen); a staff answer reaches every asker in the
 * conversation where they asked (`GET /api/conversations/{id}/messages`, `method: "staff"`),
 * is recorded as delivered once fetched, and a group can become an FAQ draft, be marked out
 * of scope, dismissed, reopened, or have a question moved out of it. An answer written by an
 * LLM from passages that covered little of the question comes to the queue as an extractive
 * one does. The contract of the polling endpoint (test/contract/messages.ts) runs on the
 * Worker too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createLlmComposer } from '../src/answer/llm/composer.ts';
import { createLlmClient } from '../src/answer/llm/langchain-client.ts';
import { POLICY } from '../src/answer/policy.ts';
import { chatResponseSchema, conversationMessagesSchema } from '../src/channels/web/schemas.ts';
import { describeMessagesContract } from './contract/messages.ts';
import { nodeTarget } from './contract/target.ts';
import { startFakeLlm } from './fakes/llm-servers.fake.ts';
import { postJson, queryDatabase } from './helpers.ts';
import { createWorkspaceApp, loggedIn, type StaffClient, type WorkspaceApp } from './workspace-helpers.ts';

let t: WorkspaceApp;
let editor: StaffClient;
let viewer: StaffClient;

beforeAll(async () => {
  t = await createWorkspaceApp({ seedFaq: true });
  [editor, viewer] = await Promise.all([loggedIn(t.app, 'editor'), loggedIn(t.app, 'viewer')]);
});
afterAll(async () => {
  await t.close();
});

const ask = async (message: string, conversationId?: string) => chatResponseSchema.parse(await (await postJson(t.app, '/api/chat', { message, ...(conversationId ? { conversationId } : {}) })).json());
const MARKED = 'Xã Mường Phăng khi nào có sóng 5G?';
const UNMARKED = 'xa muong phang khi nao co song 5g';

interface GroupJson {
  id: string;
  question: string;
  status: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  reasons: Record<string, number>;
  faqEntryId: string | null;
}
const groups = async (query = '') => ((await (await viewer.request(`/api/admin/queue${query}`)).json()) as { groups: GroupJson[] }).groups;
const messages = async (conversationId: string, after?: string) => {
  const res = await t.app.request(`/api/conversations/${conversationId}/messages${after ? `?after=${encodeURIComponent(after)}` : ''}`);
  expect(res.status).toBe(200);
  return conversationMessagesSchema.parse(await res.json()).messages;
};

describe('the review queue', () => {
  let first: Awaited<ReturnType<typeof ask>>;
  let second: Awaited<ReturnType<typeof ask>>;
  let group: GroupJson;

  it('groups the same question typed with and without tone marks, with its count and first and last seen', async () => {
    first = await ask(MARKED);
    t.now.ms += 60_000;
    second = await ask(UNMARKED);
    expect(first.outcome).toBe('no_answer');
    expect(second.outcome).toBe('no_answer');
    expect(second.conversationId).not.toBe(first.conversationId);
    const found = (await groups()).filter((g) => /phang/i.test(g.question.normalize('NFD').replace(/\p{M}/gu, '')));
    expect(found).toHaveLength(1);
    group = found[0] as GroupJson;
    expect(group).toMatchObject({ question: MARKED, status: 'open', count: 2, reasons: { no_answer: 2, out_of_scope: 0, thumbs_down: 0, low_confidence: 0 } });
    expect(Date.parse(group.lastSeen) - Date.parse(group.firstSeen)).toBe(60_000);
    // Searching finds it with or without tone marks.
    expect((await groups('?q=muong+phang')).map((g) => g.id)).toContain(group.id);
    expect((await groups('?q=Mường+Phăng')).map((g) => g.id)).toContain(group.id);
  });

  it('takes in answers rated down, with the citizen’s comment', async () => {
    const answered = await ask('Ngày chuyển đổi số quốc gia là ngày nào?');
    expect(answered.outcome).toBe('answered');
    expect((await postJson(t.app, '/api/feedback', { messageId: answered.messageId, rating: 'down', comment: 'Tôi muốn biết năm nay có sự kiện gì ở xã' })).status).toBe(204);
    const rated = (await groups('?reason=thumbs_down'))[0] as GroupJson;
    expect(rated.reasons.thumbs_down).toBe(1);
    const detail = (await (await viewer.request(`/api/admin/queue/${rated.id}`)).json()) as { items: Array<{ comment: string | null; answer: string }> };
    expect(detail.items[0]?.comment).toBe('Tôi muốn biết năm nay có sự kiện gì ở xã');
    expect(detail.items[0]?.answer).toBe(answered.answer);
  });

  it('delivers one staff answer to every asker, in their own conversation, marked as from staff', async () => {
    expect(await messages(first.conversationId)).toEqual([]);
    const res = await editor.json(`/api/admin/queue/${group.id}/answer`, { text: 'Xã Mường Phăng dự kiến có sóng 5G trong năm 2027; lịch cụ thể do Sở Khoa học và Công nghệ thông báo.' });
    expect(await res.json()).toEqual({ recipients: 2 });
    for (const asked of [first, second]) {
      const got = await messages(asked.conversationId);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ conversationId: asked.conversationId, method: 'staff', outcome: 'answered', inReplyTo: asked.messageId, sources: [], suggestions: [] });
      // The signature setting tells the citizen who answered.
      expect(got[0]?.answer).toMatch(/^Xã Mường Phăng dự kiến có sóng 5G[\s\S]*\n\n— Sở Khoa học và Công nghệ tỉnh Điện Biên$/);
      // Paging: nothing after the last message seen; everything after an earlier time.
      expect(await messages(asked.conversationId, got[0]?.messageId)).toEqual([]);
      expect(await messages(asked.conversationId, '2020-01-01T00:00:00Z')).toHaveLength(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const states = queryDatabase<{ state: string; channel: string }>(t.dbFile, 'SELECT state, channel FROM outbox');
    expect(states).toEqual([
      { state: 'delivered', channel: 'web' },
      { state: 'delivered', channel: 'web' },
    ]);
    expect(((await (await viewer.request(`/api/admin/queue/${group.id}`)).json()) as { group: GroupJson }).group.status).toBe('answered');
    // Answered once: a second answer is refused.
    expect((await editor.json(`/api/admin/queue/${group.id}/answer`, { text: 'Một câu trả lời thứ hai cho cùng nhóm.' })).status).toBe(409);
  });

  it('starts a new group when the question comes again after its group was answered', async () => {
    await ask(MARKED);
    const open = (await groups()).filter((g) => g.question === MARKED);
    expect(open).toHaveLength(1);
    expect(open[0]?.id).not.toBe(group.id);
    expect(open[0]?.count).toBe(1);
  });

  it('turns a group into an FAQ draft in one step, linked from the group', async () => {
    const target = (await groups()).find((g) => g.question === MARKED) as GroupJson;
    const res = await editor.json(`/api/admin/queue/${target.id}/draft`, {
      id: 'song-5g-muong-phang',
      question: MARKED,
      alternatives: [UNMARKED],
      answer: 'Xã Mường Phăng dự kiến có sóng 5G trong năm 2027.',
      document: 'ke-hoach-dien-bien-1169',
      section: 'V. Tổ chức thực hiện',
      agency: 'Sở Khoa học và Công nghệ tỉnh Điện Biên',
      reviewBy: '2027-06-30',
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { status: string }).status).toBe('draft');
    expect(((await (await viewer.request(`/api/admin/queue/${target.id}`)).json()) as { group: GroupJson }).group.faqEntryId).toBe('song-5g-muong-phang');
    expect((await ask(MARKED)).method).not.toBe('faq');
  });

  it('marks a group out of scope or dismisses it, takes it off the open list, and can open it again', async () => {
    await ask('Giá vé xe khách từ Điện Biên đi Hà Nội là bao nhiêu?');
    const target = (await groups()).find((g) => g.question.startsWith('Giá vé xe khách')) as GroupJson;
    expect((await editor.json(`/api/admin/queue/${target.id}/resolve`, { status: 'out_of_scope' })).status).toBe(200);
    expect((await groups()).map((g) => g.id)).not.toContain(target.id);
    expect((await groups('?status=out_of_scope')).map((g) => g.id)).toContain(target.id);
    expect((await editor.json(`/api/admin/queue/${target.id}/resolve`, { status: 'open' })).status).toBe(200);
    expect((await editor.json(`/api/admin/queue/${target.id}/resolve`, { status: 'dismissed' })).status).toBe(200);
    expect((await groups('?status=dismissed')).map((g) => g.id)).toContain(target.id);
    // Read-only staff see the queue but change nothing.
    expect((await viewer.json(`/api/admin/queue/${target.id}/resolve`, { status: 'open' })).status).toBe(403);
  });

  it('moves a question that is not the same out of its group', async () => {
    const a = await ask('Bản Huổi Só khi nào có sóng 5G?');
    await ask('ban huoi so khi nao co song 5g');
    const target = (await groups()).find((g) => g.question === 'Bản Huổi Só khi nào có sóng 5G?') as GroupJson;
    expect(target.count).toBe(2);
    const res = await editor.json(`/api/admin/queue/${target.id}/split`, { messageId: a.messageId });
    const moved = ((await res.json()) as { group: string }).group;
    const after = await groups();
    expect(after.find((g) => g.id === target.id)?.count).toBe(1);
    expect(after.find((g) => g.id === moved)?.count).toBe(1);
  });
});

describe('the queue pages', () => {
  it('list groups with filters, and show a group with its questions and actions by role', async () => {
    const list = await (await editor.request('/admin/queue?q=huoi+so')).text();
    expect(list).toMatch(/\d+ nhóm\./);
    expect(list).toContain('Huổi Só');
    const id = /href="\/admin\/queue\/([^"]+)"/.exec(list)?.[1] ?? '';
    const forEditor = await (await editor.request(`/admin/queue/${id}`)).text();
    expect(forEditor).toContain('Trả lời người dân');
    expect(forEditor).toContain('Tạo bản nháp FAQ');
    const forViewer = await (await viewer.request(`/admin/queue/${id}`)).text();
    expect(forViewer).not.toContain('Trả lời người dân');
    const sent = await editor.form(`/admin/queue/${id}/answer`, { text: 'Ngắn' });
    expect(sent.status).toBe(400);
    expect(await sent.text()).toContain('ít nhất 10 ký tự');
  });
});

describe('answers written by an LLM', () => {
  it('come to the queue when the passages they were written from covered little of the question', async () => {
    const fake = await startFakeLlm('openai');
    try {
      const client = createLlmClient({ provider: 'openai', baseUrl: fake.url, model: 'fake-vi-7b', apiKey: null, maxTokens: 256, temperature: 0 });
      const composer = createLlmComposer({ client, documents: () => t.ready.documents, agency: 'Sở Khoa học và Công nghệ tỉnh Điện Biên', timeoutMs: 4_000, sleep: async () => {}, logger: t.logger });
      const app = createApp({ state: t.state, logger: t.logger, composer, now: () => new Date(t.now.ms) });
      // On the subject (it names the resolution), so it is answered, though its passages cover under coverageMin of it.
      const question = 'NQ57 nói gì về thanh niên khởi nghiệp ở vùng cao?';
      const res = await postJson(app, '/api/chat', { message: question });
      const answered = chatResponseSchema.parse(await res.json());
      expect(answered).toMatchObject({ outcome: 'answered', method: 'llm' });
      const [stored] = queryDatabase<{ method: string; confidence: number | null }>(t.dbFile, 'SELECT method, confidence FROM exchanges WHERE message_id = ?', answered.messageId);
      expect(stored?.method).toBe('llm');
      expect(stored?.confidence).toBeGreaterThan(0);
      expect(stored?.confidence).toBeLessThan(POLICY.coverageMin);
      const found = (await groups('?reason=low_confidence')).find((g) => g.question === question);
      expect(found).toMatchObject({ status: 'open', count: 1, reasons: { low_confidence: 1 } });
      const detail = (await (await viewer.request(`/api/admin/queue/${found?.id}`)).json()) as { items: Array<{ messageId: string; answer: string }> };
      expect(detail.items).toEqual([expect.objectContaining({ messageId: answered.messageId, answer: answered.answer })]);
    } finally {
      await fake.close();
    }
  });
});

/** An editor's API token, created by the admin over the API as a script's would be. */
let editorToken: Promise<string> | null = null;
async function createEditorToken(): Promise<string> {
  const admin = await loggedIn(t.app, 'admin');
  const res = await admin.json('/api/admin/tokens', { username: 'editor', name: 'contract tests' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

describeMessagesContract(
  () => nodeTarget(() => t),
  () => (editorToken ??= createEditorToken()),
);
