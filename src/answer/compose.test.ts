import { describe, expect, it } from 'vitest';
import type { Passage } from '../ingest/types.ts';
import { buildQuery } from '../retrieval/query.ts';
import { compose, MAX_ANSWER_WORDS, type Unit } from './compose.ts';

const filler = (i: number) => `tổ chức tuyên truyền nội dung thứ ${i} tới cán bộ, đảng viên trong cơ quan đơn vị mình`;

/** One bullet far over the answer's budget: twenty clauses, the asked particulars in two neighbouring ones near its end. */
function longBullet(): string {
  const clauses = Array.from({ length: 20 }, (_, i) => filler(i + 1));
  clauses[16] = 'lắp đặt trạm phát sóng ở xã Mường Nhé';
  clauses[17] = 'hoàn thành hạ tầng số cho bản vùng cao';
  return `${clauses.join(', ')}.`;
}

function unitOf(text: string): Unit {
  const passage: Passage = { id: 'p1', documentId: 'ke-hoach', path: ['3. Nhiệm vụ'], text, order: 0 };
  return { text, passage, score: 1, holds: new Set(), typed: false, coverage: 1 };
}

describe('compose: one sentence over the budget', () => {
  it('gives the run of clauses holding most of the question\'s words, marked where it was cut', () => {
    const text = longBullet();
    expect(text.split(/\s+/).length).toBeGreaterThan(MAX_ANSWER_WORDS * 1.5);
    const query = buildQuery('Xã Mường Nhé có trạm phát sóng và hạ tầng số cho bản vùng cao không?');
    const composed = compose([unitOf(text)], new Map(), [], query);
    const answer = composed?.answer ?? '';
    // Both asked clauses, though each holds only part of the question, whole: the "…" marks are in the budget.
    expect(answer).toContain('lắp đặt trạm phát sóng ở xã Mường Nhé, hoàn thành hạ tầng số cho bản vùng cao');
    expect(answer).toMatch(/: … /);
    expect(answer).not.toContain(filler(1));
    expect(answer.split(/\s+/).length).toBeLessThanOrEqual(MAX_ANSWER_WORDS);
  });

  it('reads a run as one text: "AI," in a list is artificial intelligence there, though alone it is "ai" (who)', () => {
    const clauses = Array.from({ length: 20 }, (_, i) => filler(i + 1));
    clauses[2] = 'đưa sách về thư viện xã';
    clauses[16] = 'AI';
    clauses[17] = 'vào quản lý hồ sơ hành chính công trên toàn tỉnh';
    const query = buildQuery('Trí tuệ nhân tạo được đưa vào đâu?');
    const answer = compose([unitOf(`${clauses.join(', ')}.`)], new Map(), [], query)?.answer ?? '';
    expect(answer).toContain(`${filler(16)}, AI`);
    expect(answer).not.toContain('đưa sách');
  });

  it('without a question to weigh by, gives the sentence from its start', () => {
    const composed = compose([unitOf(longBullet())], new Map(), []);
    expect(composed?.answer).toContain(filler(1));
    expect(composed?.answer).not.toMatch(/: … /);
  });
});

describe('compose: a caveat the documents repeat', () => {
  it('says the lead\'s bracketed caveat once: the sentences after it leave it out, so the words go to what was asked', () => {
    const caveat = ' (nội dung này chưa được đối chiếu với toàn văn)';
    const passage: Passage = { id: 'p4', documentId: 'nq57', path: ['4. Quan điểm thứ tư'], text: '', order: 0 };
    const unit = (text: string, score: number): Unit => ({ text, passage, score, holds: new Set(), typed: false, coverage: 1 });
    const units = [
      unit(`Quan điểm thứ tư yêu cầu bảo đảm chủ quyền quốc gia trên không gian mạng${caveat}.`, 1),
      unit(`Theo quan điểm thứ tư, an ninh mạng không thể tách rời quá trình phát triển khoa học, công nghệ${caveat}.`, 0.9),
      unit(`Theo quan điểm thứ tư, an ninh mạng, an ninh dữ liệu là yêu cầu xuyên suốt${caveat}.`, 0.8),
    ];
    const answer = compose(units, new Map(), [])?.answer ?? '';
    expect(answer.split(caveat.trim()).length - 1).toBe(1);
    expect(answer).toContain('không thể tách rời quá trình phát triển khoa học, công nghệ.');
    expect(answer).toContain('là yêu cầu xuyên suốt.');
  });
});
