import { describe, expect, it } from 'vitest';
import { analyze } from '../text/index.ts';
import { Bm25Index } from './bm25.ts';
import { buildQuery, groundedTerms } from './query.ts';

const PASSAGES = [
  'Lá dứa giúp ổn định đường huyết.',
  'Trọng tâm là khoa học.',
  'Kế hoạch chuyển đổi số của tỉnh được ban hành năm 2025.',
  'Nghị quyết thay thế Nghị quyết 03.',
  'Nền tảng học trực tuyến vận hành từ ngày 01/4/2025.',
];
const index = Bm25Index.build(PASSAGES.map((p) => analyze(p).terms));
const grounded = (question: string) => groundedTerms(buildQuery(question), (term) => index.documentFrequency(term));

describe('groundedTerms: a syllable typed without marks and spelled like a stop word', () => {
  it('is searched as a content word, with its pair, where the index holds it beside its neighbour', () => {
    // "la" is a stop word ("là") wherever nothing says otherwise; "lá dứa" says otherwise.
    expect(buildQuery('cach dung la dua').terms.has('~la')).toBe(false);
    const terms = grounded('cach dung la dua');
    expect(terms.get('~la')).toBe(1);
    expect(terms.get('~la dua')).toBe(1);
  });

  it('is left out where a content neighbour could have paired with it and the index never does', () => {
    // "trong kế hoạch": "trong" is "in", not "trọng" (Trọng tâm): the passage about "trọng tâm" gains nothing.
    const query = buildQuery('trong ke hoach chuyen doi so');
    expect(query.terms.has('~trong')).toBe(true);
    const terms = grounded('trong ke hoach chuyen doi so');
    expect(terms.has('~trong')).toBe(false);
    expect(terms.has('trong')).toBe(false);
    expect(terms.get('~ke hoach')).toBe(1);
    expect(index.search(query.terms, 4).map((h) => h.doc)).toContain(1);
    expect(index.search(terms, 4).map((h) => h.doc)).toEqual([2]);
  });

  it('stays a search term when only other stop-word look-alikes stand beside it (no evidence either way)', () => {
    // "thay the cai gi": "thay" may be "thấy", but every neighbour is as ambiguous; it is what the question asks.
    const terms = grounded('nghi quyet nay thay the cai gi');
    expect(terms.has('~thay')).toBe(true);
    expect([...index.search(terms, 1)][0]?.doc).toBe(3);
  });

  it('leaves a question typed with marks as it is', () => {
    const query = buildQuery('Trong kế hoạch chuyển đổi số có gì?');
    expect(query.ambiguous).toEqual([]);
    expect(groundedTerms(query, (term) => index.documentFrequency(term))).toBe(query.terms);
  });

  it('counts a look-alike the index reads as a content word towards coverage, when the query is built with the index', () => {
    const df = (term: string) => index.documentFrequency(term);
    // "nen" may be "nên" (should); beside "tang" the index reads it as "nền" (nền tảng).
    expect(buildQuery('nen tang hoc chay tu ngay nao').content.has('~nen')).toBe(false);
    const read = buildQuery('nen tang hoc chay tu ngay nao', [], false, df);
    expect(read.content.has('~nen')).toBe(true);
    expect(read.terms.get('~nen tang')).toBe(1);
    // Read once: the searcher has nothing left to read.
    expect(read.ambiguous).toEqual([]);
    expect(groundedTerms(read, df)).toBe(read.terms);
    expect(buildQuery('trong ke hoach chuyen doi so', [], false, df).terms.has('~trong')).toBe(false);
  });

  it('reads whether a question follows up the same with or without the index, and keeps an earlier question\'s words', () => {
    const df = (term: string) => index.documentFrequency(term);
    const previous = ['Trọng tâm của kế hoạch là gì?'];
    for (const question of ['nen tang la gi', 'trong ke hoach co gi', 'con nam 2030 thi sao']) {
      expect(buildQuery(question, previous, false, df).followUp).toBe(buildQuery(question, previous).followUp);
    }
    // "trong" is the function word in this question, but "trọng" was the earlier question's word: it stays, borrowed.
    expect(buildQuery('con trong ke hoach thi sao', previous, false, df).terms.get('~trong')).toBe(0.8);
  });

  it('records each look-alike with its neighbours in the same segment', () => {
    expect(buildQuery('xuong khi. trong ke hoach').ambiguous).toEqual([
      { word: 'khi', before: 'xuong' },
      { word: 'trong', after: 'ke' },
    ]);
  });
});

describe('buildQuery: words that only place a question in a conversation', () => {
  it('leaves out "trước đó" ("vậy trước đó, hồi đầu 2025 …"): the year says when', () => {
    const terms = [...buildQuery('vậy trước đó, hồi đầu 2025 bí thư tỉnh ủy là ông nào?').terms.keys()];
    expect(terms.some((t) => t.includes('trước') || t.includes('truoc'))).toBe(false);
    expect(terms.some((t) => t.includes('2025'))).toBe(true);
  });
});
