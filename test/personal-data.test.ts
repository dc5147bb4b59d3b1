/**
 * @module
 * Personal data kept only as long as needed, and a citizen's request answered: the daily
 * purge removes exactly what is older than RETENTION_DAYS (rows a millisecond either side
 * of the cutoff), with everything hanging on it, and nothing else, then records itself in
 * the audit log (which keeps every earlier record); a second run removes nothing. An
 * admin's export holds every stored message of one citizen (questions, answers, feedback,
 * staff answers, platform events), and erasure leaves none of it anywhere in the database,
 * the audit log included, while the audit says who did it. Stored text is capped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired, scheduleRetention } from '../src/admin/personal-data/retention.ts';
import { DRAFT_ALTERNATIVES, DRAFT_PHRASING_MAX } from '../src/admin/queue/service.ts';
import type { ExchangeRecord } from '../src/store/types.ts';
import { captureLogger, dumpDatabase, queryDatabase } from './helpers.ts';
import { createWorkspaceApp, loggedIn, type StaffClient, type WorkspaceApp } from './workspace-helpers.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T08:00:00.000Z');
const CUTOFF = NOW - 365 * DAY;
const at = (ms: number) => new Date(ms).toISOString();

function exchange(messageId: string, conversationId: string, createdAt: number, question: string, outcome = 'no_answer', extra: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    messageId,
    conversationId,
    channel: 'web',
    externalUserId: null,
    question,
    outcome,
    method: outcome === 'answered' ? 'extractive' : 'none',
    answer: `Trả lời cho ${messageId}.`,
    sources: outcome === 'answered' ? [{ passageId: 'p1', documentId: 'ke-hoach-dien-bien-1169', section: 'V. Tổ chức thực hiện' }] : [],
    latencyMs: 12.5,
    createdAt: at(createdAt),
    confidence: null,
    ...extra,
  };
}

async function save(t: WorkspaceApp, records: ExchangeRecord[], feedback: Array<[string, 'up' | 'down', string | null]> = []): Promise<void> {
  for (const r of records) await t.stores.conversations.saveExchange(r);
  await t.stores.conversations.flush(5_000);
  for (const [messageId, rating, comment] of feedback) await t.stores.conversations.saveFeedback({ messageId, rating, comment, createdAt: at(NOW) });
  await t.stores.conversations.flush(5_000);
}

async function answerGroup(t: WorkspaceApp, question: string, when: number, text: string): Promise<void> {
  await t.workspace.queue.sync();
  const groups = await t.stores.workspace.review.listGroups({ status: 'open', limit: 100 });
  const group = groups.find((g) => g.question === question);
  if (!group) throw new Error(`no open group titled ${question}: ${groups.map((g) => g.question).join(' | ')}`);
  const saved = t.now.ms;
  t.now.ms = when;
  const editor = await loggedIn(t.app, 'editor');
  const res = await editor.json(`/api/admin/queue/${group.id}/answer`, { text });
  t.now.ms = saved;
  expect(res.status).toBe(200);
}

const column = <T,>(t: WorkspaceApp, sql: string) => queryDatabase<Record<string, T>>(t.dbFile, sql).map((r) => Object.values(r)[0] as T);

describe('the retention purge', () => {
  let t: WorkspaceApp;
  const Q_OLD = 'Khi nào xã Nà Tấu có chợ phiên mới?';
  const Q_FIRST = 'Bao giờ tỉnh hỗ trợ máy tính cho trường bản?';
  const Q_LATER = 'Bao giờ tỉnh hỗ trợ máy tính cho các trường bản?';
  const Q_ZALO = 'Khi nào bản Huổi Só có internet cáp quang?';

  beforeAll(async () => {
    t = await createWorkspaceApp();
    t.now.ms = NOW;
    await save(
      t,
      [
        exchange('e3', 'web-mixed', NOW - 400 * DAY, Q_FIRST),
        exchange('e6', 'zalo-old', NOW - 370 * DAY, Q_ZALO, 'no_answer', { channel: 'zalo', externalUserId: 'u-old' }),
        exchange('e1', 'web-old', NOW - 366 * DAY, Q_OLD),
        exchange('e2', 'web-old', CUTOFF - 1, 'Câu hỏi cũ đã được trả lời', 'answered'),
        exchange('e4', 'web-mixed', CUTOFF, 'Câu hỏi đúng hạn lưu giữ', 'answered'),
        exchange('e5', 'web-mixed', NOW - 364 * DAY, Q_LATER),
        exchange('e7', 'zalo-new', NOW - 10 * DAY, 'Câu hỏi mới trên Zalo', 'answered', { channel: 'zalo', externalUserId: 'u-new' }),
      ],
      [
        ['e1', 'down', 'Chưa có thông tin chợ phiên'],
        ['e2', 'up', null],
        ['e3', 'up', null],
        ['e5', 'down', 'Trường tôi chưa có máy'],
      ],
    );
    await t.stores.channels.events.claim([
      { channel: 'zalo', eventId: 'ev-old', userId: 'u-old', occurredAt: at(NOW - 366 * DAY), receivedAt: at(NOW - 366 * DAY), state: 'ignored', payload: null },
      { channel: 'zalo', eventId: 'ev-new', userId: 'u-new', occurredAt: at(NOW - 2 * DAY), receivedAt: at(NOW - 2 * DAY), state: 'ignored', payload: null },
    ]);
    // A staff answer sent long ago (it goes), and one sent later to a question that goes (it stays, unlinked).
    await answerGroup(t, Q_OLD, CUTOFF - 3_600_000, 'Cán bộ trả lời về chợ phiên (kiểm thử).');
    await answerGroup(t, Q_ZALO, NOW - 300 * DAY, 'Cán bộ trả lời về cáp quang (kiểm thử).');
    t.now.ms = NOW;
  });
  afterAll(async () => {
    await t.close();
  });

  it('groups the two similar questions together before the purge (the test relies on it)', async () => {
    const groups = await t.stores.workspace.review.listGroups({ status: 'open', limit: 100 });
    expect(groups.find((g) => g.question === Q_FIRST)?.count).toBe(2);
  });

  it('removes exactly what is older than RETENTION_DAYS, with what hangs on it, and nothing else; a second run removes nothing', async () => {
    const auditBefore = dumpDatabase(t.dbFile).audit_log;
    const logger = captureLogger();
    const deps = { stores: () => t.stores.workspace, retentionDays: 365, now: () => new Date(t.now.ms), newId: () => crypto.randomUUID(), logger, batch: 2 };
    const first = await purgeExpired(deps);
    expect(first).toEqual({ cutoff: at(CUTOFF), retentionDays: 365, complete: true, exchanges: 4, feedback: 3, reviewItems: 3, reviewGroups: 2, staffAnswers: 2, outbox: 1, conversations: 1, webhookEvents: 1 });

    expect(column<string>(t, 'SELECT message_id FROM exchanges ORDER BY message_id')).toEqual(['e4', 'e5', 'e7']);
    expect(column<string>(t, 'SELECT message_id FROM feedback')).toEqual(['e5']);
    expect(column<string>(t, 'SELECT id FROM conversations ORDER BY id')).toEqual(['web-mixed', 'zalo-new', 'zalo-old']);
    expect(column<string>(t, 'SELECT event_id FROM webhook_events')).toEqual(['ev-new']);
    expect(queryDatabase(t.dbFile, 'SELECT conversation_id, in_reply_to, staff_answer_id, text FROM outbox')).toEqual([
      { conversation_id: 'zalo-old', in_reply_to: null, staff_answer_id: null, text: expect.stringContaining('Cán bộ trả lời về cáp quang (kiểm thử).') },
    ]);
    expect(column<string>(t, 'SELECT message_id FROM review_items')).toEqual(['e5']);
    // The group keeps its question that stays, and is titled by it.
    expect(queryDatabase(t.dbFile, 'SELECT question, count, first_seen, last_seen FROM review_groups')).toEqual([{ question: Q_LATER, count: 1, first_seen: at(NOW - 364 * DAY), last_seen: at(NOW - 364 * DAY) }]);
    expect(column<number>(t, 'SELECT COUNT(*) FROM staff_answers')).toEqual([0]);
    expect(JSON.stringify(dumpDatabase(t.dbFile))).not.toContain(Q_FIRST);

    // The audit log keeps every record and adds one, with counts and no personal data.
    const auditAfter = dumpDatabase(t.dbFile).audit_log ?? [];
    expect(auditAfter.slice(0, auditBefore?.length)).toEqual(auditBefore);
    const record = auditAfter.find((r) => r.action === 'retention.purge');
    expect(record).toMatchObject({ actor: 'system', target: null });
    expect(JSON.parse(record?.after as string)).toEqual(first);
    expect(logger.lines.some((l) => l.includes('retention purge'))).toBe(true);

    const second = await purgeExpired(deps);
    expect(second).toMatchObject({ exchanges: 0, feedback: 0, reviewItems: 0, reviewGroups: 0, staffAnswers: 0, outbox: 0, conversations: 0, webhookEvents: 0, complete: true });
    expect(column<string>(t, 'SELECT message_id FROM exchanges ORDER BY message_id')).toEqual(['e4', 'e5', 'e7']);
  });

  it('runs at start, then daily, and stops when asked', async () => {
    const before = column<number>(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.purge'")[0] ?? 0;
    const job = scheduleRetention({ stores: () => t.stores.workspace, retentionDays: 365, now: () => new Date(t.now.ms), newId: () => crypto.randomUUID(), logger: captureLogger(), intervalMs: 60_000 });
    job.start();
    await job.stop();
    expect(column<number>(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.purge'")[0]).toBe(before + 1);
  });

  it('shows the last purge to admins', async () => {
    const admin = await loggedIn(t.app, 'admin');
    const html = await (await admin.request('/admin/citizens')).text();
    expect(html).toContain('Lần xoá gần nhất');
    expect(html).toContain('lưu giữ 365 ngày');
  });
});

describe("a citizen's request", () => {
  let t: WorkspaceApp;
  let admin: StaffClient;
  const W = {
    first: 'Tỉnh có chương trình học kỹ năng số miễn phí cho người cao tuổi không?',
    second: 'Xin số điện thoại cán bộ phụ trách chuyển đổi số của xã Thanh Nưa?',
    comment: 'Tôi là bà Lò Thị Mai ở bản Co Mỵ, cần gọi gấp',
    answers: ['Câu trả lời riêng thứ nhất cho W.', 'Câu trả lời riêng thứ hai cho W.'],
  };
  const O_QUESTION = 'Xin số điện thoại cán bộ phụ trách chuyển đổi số ở xã Thanh Nưa?';
  const Z = { user: '8490001234567', question: 'Bản Pá Khoang bao giờ được phủ sóng 4G?', payload: '{"text":"Bản Pá Khoang bao giờ được phủ sóng 4G?"}' };

  beforeAll(async () => {
    t = await createWorkspaceApp();
    t.now.ms = NOW;
    await save(
      t,
      [
        exchange('cit-w-msg-1', 'cit-web', NOW - 5 * DAY, W.first, 'answered', { answer: W.answers[0] }),
        exchange('cit-w-msg-2', 'cit-web', NOW - 5 * DAY + 60_000, W.second, 'no_answer', { answer: W.answers[1] }),
        exchange('o1', 'other-web', NOW - 4 * DAY, O_QUESTION),
        exchange('z1', 'cit-zalo', NOW - 3 * DAY, Z.question, 'no_answer', { channel: 'zalo', externalUserId: Z.user }),
      ],
      [
        ['cit-w-msg-1', 'up', null],
        ['cit-w-msg-2', 'down', W.comment],
      ],
    );
    await t.stores.channels.events.claim([{ channel: 'zalo', eventId: 'z-msg-1', userId: Z.user, occurredAt: at(NOW - 3 * DAY), receivedAt: at(NOW - 3 * DAY), state: 'received', payload: Z.payload }]);
    await answerGroup(t, W.second, NOW - 2 * DAY, 'Đường dây nóng của Sở là số chung của Sở (cán bộ trả lời).');
    await answerGroup(t, Z.question, NOW - 2 * DAY, 'Doanh nghiệp viễn thông sẽ công bố lịch phủ sóng (cán bộ trả lời).');
    admin = await loggedIn(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports every stored message of a web citizen: questions, answers, feedback and staff answers', async () => {
    const res = await admin.json('/api/admin/citizens/export', { conversationId: 'cit-web', request: 'YC-2026-012' });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { reference: string; conversations: unknown[]; exchanges: Array<{ question: string; answer: string; feedback: { rating: string; comment: string | null } | null }>; staffMessages: Array<{ text: string }> };
    expect(data.reference).toMatch(/^sha256:[\w-]{16}$/);
    expect(data.conversations).toHaveLength(1);
    expect(data.exchanges.map((e) => [e.question, e.answer, e.feedback?.rating ?? null, e.feedback?.comment ?? null])).toEqual([
      [W.first, W.answers[0], 'up', null],
      [W.second, W.answers[1], 'down', W.comment],
    ]);
    expect(data.staffMessages.map((m) => m.text)).toEqual([expect.stringContaining('Đường dây nóng của Sở')]);
    // Everything the database holds about the conversation is in the export.
    const rows = queryDatabase<{ n: number }>(t.dbFile, "SELECT (SELECT COUNT(*) FROM exchanges WHERE conversation_id = 'cit-web') + (SELECT COUNT(*) FROM outbox WHERE conversation_id = 'cit-web') AS n")[0]?.n;
    expect(data.exchanges.length + data.staffMessages.length).toBe(rows);
  });

  it('exports a Zalo user by their user id, with the platform events still held', async () => {
    const res = await admin.json('/api/admin/citizens/export', { channel: 'zalo', userId: Z.user });
    const data = (await res.json()) as { conversations: Array<{ id: string }>; exchanges: Array<{ question: string }>; staffMessages: unknown[]; webhookEvents: Array<{ eventId: string; payload: string }> };
    expect(data.conversations.map((c) => c.id)).toEqual(['cit-zalo']);
    expect(data.exchanges.map((e) => e.question)).toEqual([Z.question]);
    expect(data.staffMessages).toHaveLength(1);
    expect(data.webhookEvents).toEqual([expect.objectContaining({ eventId: 'z-msg-1', payload: Z.payload })]);
  });

  it('downloads the export from the page as a JSON attachment', async () => {
    const res = await admin.form('/admin/citizens/export', { kind: 'conversation', id: 'cit-web', request: '' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="du-lieu-nguoi-dan-[\w-]{16}\.json"$/);
    expect(((await res.json()) as { exchanges: unknown[] }).exchanges).toHaveLength(2);
  });

  it('refuses an erasure from the page without the confirmation, and changes nothing', async () => {
    const before = JSON.stringify(dumpDatabase(t.dbFile));
    const res = await admin.form('/admin/citizens/erase', { kind: 'conversation', id: 'cit-web', request: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Hãy đánh dấu ô xác nhận');
    expect(JSON.stringify(dumpDatabase(t.dbFile))).toBe(before);
  });

  it('erases a web citizen: none of their words is left anywhere, others keep theirs, and the audit says who did it', async () => {
    const res = await admin.form('/admin/citizens/erase', { kind: 'conversation', id: 'cit-web', request: 'YC-2026-012', confirm: 'yes' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/admin\/citizens\?done=erased&ref=sha256%3A/);
    const dump = JSON.stringify(dumpDatabase(t.dbFile));
    for (const text of ['cit-web', W.first, W.second, W.comment, ...W.answers, 'cit-w-msg-1', 'cit-w-msg-2']) expect(dump, text).not.toContain(text);
    expect(dump).toContain(O_QUESTION);
    expect(column<string>(t, 'SELECT message_id FROM exchanges ORDER BY message_id')).toEqual(['o1', 'z1']);
    // The group the citizen shared is now titled by the other citizen's question.
    expect(column<string>(t, 'SELECT question FROM review_groups ORDER BY question')).toEqual([Z.question, O_QUESTION].sort());

    const audit = queryDatabase<{ actor: string; action: string; target: string; after: string }>(t.dbFile, "SELECT actor, action, target, after FROM audit_log WHERE action LIKE 'citizen.%' ORDER BY rowid");
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['admin', 'citizen.export'],
      ['admin', 'citizen.export'],
      ['admin', 'citizen.export'],
      ['admin', 'citizen.erase'],
    ]);
    const erased = audit.at(-1);
    expect(location).toContain(encodeURIComponent(erased?.target ?? '?'));
    expect(JSON.parse(erased?.after ?? '{}')).toEqual({ request: 'YC-2026-012', conversations: 1, exchanges: 2, feedback: 2, reviewItems: 1, reviewGroups: 0, staffAnswers: 0, outbox: 1, webhookEvents: 0 });
    const page = await (await admin.request(location)).text();
    expect(page).toContain('Đã xoá dữ liệu');
  });

  it('erases a Zalo user by their user id, platform events included; a second erasure finds nothing', async () => {
    const res = await admin.json('/api/admin/citizens/erase', { channel: 'zalo', userId: Z.user });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { removed: Record<string, number> }).removed).toMatchObject({ conversations: 1, exchanges: 1, webhookEvents: 1, outbox: 1, reviewGroups: 1, staffAnswers: 1 });
    const dump = JSON.stringify(dumpDatabase(t.dbFile));
    for (const text of [Z.user, Z.question, 'cit-zalo', 'z-msg-1']) expect(dump, text).not.toContain(text);
    const again = await admin.json('/api/admin/citizens/erase', { channel: 'zalo', userId: Z.user });
    expect(again.status).toBe(404);
  });

  it('is for admins only', async () => {
    const editor = await loggedIn(t.app, 'editor');
    expect((await editor.json('/api/admin/citizens/export', { conversationId: 'other-web' })).status).toBe(403);
    expect((await editor.request('/admin/citizens')).status).toBe(403);
  });
});

describe('an FAQ draft made from citizens\u2019 questions', () => {
  let t: WorkspaceApp;
  const BASE = 'Bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi?';
  const PHONE = '0912345678';
  // The first asker's words, as a channel might have stored them before redaction: the group's title.
  const FIRST = `Bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi? Gọi tôi ${PHONE}`;
  const PHRASINGS = [
    `Cho hỏi bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi, số tôi ${PHONE}`,
    'Xin hỏi bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi',
    'bao gio xa thanh nua mo lop ky nang so cho nguoi cao tuoi',
    'Cho tôi hỏi bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi ạ?',
    'Bao giờ thì xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi vậy?',
    'Hỏi bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi thế?',
    'Bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi nhỉ?',
    // Longer than DRAFT_PHRASING_MAX: left out.
    `${BASE} ${BASE} ${BASE}`,
  ];
  let groupId = '';

  beforeAll(async () => {
    t = await createWorkspaceApp();
    t.now.ms = NOW;
    await save(t, [exchange('d0', 'draft-first', NOW - 3 * DAY, FIRST), ...PHRASINGS.map((q, i) => exchange(`d${i + 1}`, `draft-other-${i}`, NOW - 2 * DAY + i * 60_000, q))]);
    await t.workspace.queue.sync();
    const group = (await t.stores.workspace.review.listGroups({ status: 'open', limit: 100 })).find((g) => g.question === FIRST);
    if (!group) throw new Error('no group titled by the first question');
    groupId = group.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts from a few short phrasings of the group, redacted (the test relies on all of them being in one group)', async () => {
    expect((await t.stores.workspace.review.items(groupId)).length).toBe(PHRASINGS.length + 1);
    const defaults = await t.workspace.queue.draftDefaults(groupId);
    expect(defaults.question).toBe(`${BASE} Gọi tôi [số điện thoại]`);
    expect(defaults.alternatives).toHaveLength(DRAFT_ALTERNATIVES);
    expect(defaults.alternatives).not.toContain(PHRASINGS.at(-1));
    expect(defaults.alternatives[0]).toBe('Cho hỏi bao giờ xã Thanh Nưa mở lớp kỹ năng số cho người cao tuổi, số tôi [số điện thoại]');
    for (const phrasing of defaults.alternatives) expect(phrasing.length).toBeLessThanOrEqual(DRAFT_PHRASING_MAX);
    const editor = await loggedIn(t.app, 'editor');
    const page = await (await editor.request(`/admin/queue/${groupId}`)).text();
    expect(page).toContain('[số điện thoại]');
    // The page lists what each citizen asked; the draft form it prefills holds no phone number.
    const form = /<form[^>]*\/draft"[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
    expect(form).toContain('Thanh Nưa');
    expect(form).not.toContain(PHONE);
  });

  it('leaves none of an erased conversation\u2019s question in the audit log', async () => {
    const editor = await loggedIn(t.app, 'editor');
    const defaults = await t.workspace.queue.draftDefaults(groupId);
    const draft = { ...defaults, id: 'lop-ky-nang-so-thanh-nua', answer: 'Lịch mở lớp do Ủy ban nhân dân xã thông báo (cán bộ soạn thử).', document: 'ke-hoach-dien-bien-1169', section: 'V. Tổ chức thực hiện', reviewBy: '2027-06-01' };
    expect((await editor.json(`/api/admin/queue/${groupId}/draft`, draft)).status).toBe(201);
    const edited = await editor.json(`/api/admin/faq/${draft.id}`, { ...draft, alternatives: defaults.alternatives.slice(1), version: 1 });
    expect(edited.status).toBe(200);
    const faqAudit = queryDatabase<{ action: string; before: string | null; after: string }>(t.dbFile, "SELECT action, before, after FROM audit_log WHERE action LIKE 'faq.%' ORDER BY rowid");
    expect(faqAudit.map((a) => a.action)).toEqual(['faq.create', 'faq.update']);
    const created = JSON.parse(faqAudit[0]?.after ?? '{}') as Record<string, unknown>;
    expect(created).toMatchObject({ status: 'draft', version: 1, document: draft.document, section: draft.section, alternatives: DRAFT_ALTERNATIVES, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const updated = JSON.parse(faqAudit[1]?.after ?? '{}') as Record<string, unknown>;
    expect(updated.digest).not.toBe(created.digest);
    expect(JSON.parse(faqAudit[1]?.before ?? '{}')).toMatchObject({ version: 1, digest: created.digest });

    const admin = await loggedIn(t.app, 'admin');
    expect((await admin.json('/api/admin/citizens/erase', { conversationId: 'draft-first', request: 'YC-2026-031' })).status).toBe(200);
    expect(column<string>(t, "SELECT message_id FROM exchanges WHERE conversation_id = 'draft-first'")).toEqual([]);
    const audit = JSON.stringify(queryDatabase(t.dbFile, 'SELECT * FROM audit_log'));
    for (const text of [FIRST, defaults.question, BASE.slice(0, 30), 'Thanh Nưa', PHONE, 'draft-first']) expect(audit, text).not.toContain(text);
    // The curated draft keeps the redacted words staff saved, and no phone number.
    const versions = JSON.stringify(queryDatabase(t.dbFile, 'SELECT * FROM faq_versions'));
    expect(versions).toContain('Thanh Nưa');
    expect(versions).not.toContain(PHONE);
  });
});

describe('what one exchange may store', () => {
  it('caps the question and the comment at 1,000 code points and the answer at 4,000, whoever writes them', async () => {
    const t = await createWorkspaceApp();
    try {
      await save(t, [exchange('long', 'c-long', NOW, 'ề'.repeat(1_500), 'answered', { answer: 'ữ'.repeat(5_000) })], [['long', 'down', 'ộ'.repeat(1_200)]]);
      const [row] = queryDatabase<{ q: number; a: number; c: number }>(t.dbFile, "SELECT length(e.question) AS q, length(e.answer) AS a, length(f.comment) AS c FROM exchanges e JOIN feedback f USING (message_id) WHERE message_id = 'long'");
      expect(row).toEqual({ q: 1_000, a: 4_000, c: 1_000 });
    } finally {
      await t.close();
    }
  });
});
