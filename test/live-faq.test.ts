/**
 * @module
 * The FAQ as live data: published entries replace the served FAQ at once, without a
 * passage rebuild, and remembered answers given with the old FAQ are forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import type { FaqEntry } from '../src/ingest/types.ts';
import { createTestApp, postJson, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ask = async (message: string) => chatResponseSchema.parse(await (await postJson(t.app, '/api/chat', { message })).json());

describe('replaceFaq', () => {
  it('answers from a newly published entry at once, and stops using a withdrawn one', async () => {
    const question = 'Tỉnh có tổ chức cuộc thi ý tưởng khởi nghiệp sáng tạo cho học sinh trung học không?';
    const before = await ask(question);
    expect(before.method).not.toBe('faq');
    const linked = t.ready.linkFaq({
      id: 'thi-y-tuong-hoc-sinh',
      question,
      alternatives: ['cuộc thi ý tưởng khởi nghiệp cho học sinh'],
      answer: 'Kế hoạch giao Sở Giáo dục và Đào tạo lồng ghép nội dung khoa học, công nghệ vào hoạt động của học sinh; cuộc thi cụ thể do Sở công bố hằng năm.',
      document: 'ke-hoach-dien-bien-1169',
      section: 'V. Tổ chức thực hiện',
      agency: 'Sở Giáo dục và Đào tạo tỉnh Điện Biên',
      reviewed: '2026-11-30',
    });
    expect('problem' in linked).toBe(false);
    t.ready.replaceFaq([linked as FaqEntry]);
    const after = await ask(question);
    expect(after.method).toBe('faq');
    expect(after.answer).toContain('Sở Giáo dục và Đào tạo');
    t.ready.replaceFaq([]);
    expect((await ask(question)).method).not.toBe('faq');
  });

  it('says why an entry cannot be linked to its source', () => {
    const result = t.ready.linkFaq({ id: 'x', question: 'câu hỏi thử', alternatives: [], answer: 'Trả lời thử đủ dài.', document: 'khong-co', section: null, agency: 'Sở', reviewed: '2026-01-01' });
    expect(result).toEqual({ problem: 'FAQ entry "x": unknown document "khong-co"' });
  });
});
