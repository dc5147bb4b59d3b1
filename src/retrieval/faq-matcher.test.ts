import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../ingest/types.ts';
import { FaqMatcher } from './faq-matcher.ts';
import { buildQuery } from './query.ts';

const entry = (id: string, question: string, alternatives: string[] = []): FaqEntry => ({
  id,
  question,
  alternatives,
  answer: 'Một câu trả lời đủ dài để hợp lệ.',
  document: 'nghi-quyet-57-nq-tw',
  section: null,
  agency: 'Sở Khoa học và Công nghệ',
  reviewed: '2025-10-01',
  passageId: null,
});

const ENTRIES = [
  entry('ngay-ban-hanh', 'Nghị quyết 57 ban hành ngày nào?', ['NQ57 ra đời khi nào?']),
  entry('muc-tieu-2030', 'Mục tiêu đến năm 2030 của Nghị quyết 57 là gì?'),
  entry('binh-dan-hoc-vu-so', 'Phong trào Bình dân học vụ số là gì?', ['Bình dân học vụ số dạy những gì?']),
];

const ids = (matcher: FaqMatcher, question: string) => matcher.match(buildQuery(question), 3).map((h) => [h.entry.id, h.similarity]);

describe('FaqMatcher', () => {
  it('ranks the entry whose phrasing shares the most weight with the question first, one hit per entry', () => {
    const hits = new FaqMatcher(ENTRIES).match(buildQuery('Nghị quyết 57 được ban hành vào ngày nào?'), 3);
    expect(hits[0]?.entry.id).toBe('ngay-ban-hanh');
    expect(new Set(hits.map((h) => h.entry.id)).size).toBe(hits.length);
    expect(hits[0]?.similarity ?? 0).toBeGreaterThan(hits[1]?.similarity ?? 0);
    expect(hits[0]?.similarity ?? 2).toBeLessThanOrEqual(1);
  });

  it('answers each question alone: what one question matched leaves nothing behind for the next', () => {
    const used = new FaqMatcher(ENTRIES);
    const questions = ['Nghị quyết 57 ban hành ngày nào?', 'mục tiêu năm 2030 của nghị quyết 57', 'binh dan hoc vu so la gi', 'Nghị quyết 57 ban hành ngày nào?'];
    for (const question of questions) expect(ids(used, question)).toEqual(ids(new FaqMatcher(ENTRIES), question));
    expect(ids(used, 'thời tiết hôm nay')).toEqual([]);
  });
});
