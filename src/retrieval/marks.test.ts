import { describe, expect, it } from 'vitest';
import { analyze } from '../text/index.ts';
import { Bm25Index } from './bm25.ts';
import { LEAST_LIKELY, restoreMarks, type Restoration } from './marks.ts';
import { buildQuery, groundedTerms, searchTerms } from './query.ts';
import { indexedTerms } from './searcher.ts';

/** Passages indexed as the searcher indexes them: terms and the evidence of how they write their words. */
const indexOf = (passages: string[]) => Bm25Index.build(passages.map(indexedTerms));

const PASSAGES = [
  'Số đo chiều cao.',
  'Người dân được cấp sổ đỏ khi có quyền sử dụng đất hợp pháp.',
  'Sổ đỏ là tên gọi quen thuộc của giấy chứng nhận quyền sử dụng đất.',
  'Sinh viên có thể đăng ký học lại trong học kỳ phụ.',
  'Sinh viên có trách nhiệm đóng học phí đúng hạn.',
  'Cơ quan quản lý có thể gia hạn khi sinh viên có lý do chính đáng.',
];
const index = indexOf(PASSAGES);
const df = (term: string) => index.documentFrequency(term);
const segments = (question: string) => analyze(question).segments;
/** An index that writes "thu" both bare (to collect) and with marks (thư viện, thứ hai). */
const LIBRARY = indexOf([
  'Thư viện có trách nhiệm cung cấp tài liệu cho kỳ thi.',
  'Thư viện mở cửa từ thứ hai đến thứ bảy.',
  'Phòng Tài chính có trách nhiệm thu học phí của sinh viên.',
  'Nhà trường thu hồi văn bằng cấp sai quy định.',
]);
const probabilities = (restoration: Restoration) => new Map([...restoration.terms].map(([word, { probability }]) => [word, probability]));

describe('restoreMarks', () => {
  it('weighs each spelling by how the corpus writes it beside its neighbours', () => {
    // "so do" is "sổ đỏ" or "số đo": after "cap" (cấp sổ đỏ) the first, before "chieu cao" (số đo chiều cao) the second.
    const deed = probabilities(restoreMarks(segments('cap so do'), index));
    expect(deed.get('sổ') ?? 0).toBeGreaterThan(0.99);
    expect(deed.get('đỏ') ?? 0).toBeGreaterThan(0.99);
    expect(deed.get('số') ?? 0).toBeLessThan(0.01);
    const height = probabilities(restoreMarks(segments('so do chieu cao'), index));
    expect(height.get('số') ?? 0).toBeGreaterThan(0.99);
    expect(height.get('đo') ?? 0).toBeGreaterThan(0.99);
    expect(height.get('chiều')).toBeCloseTo(1, 5);
    // With nothing beside it, each spelling weighs its share of the corpus: two passages write "sổ đỏ", one "số đo".
    const alone = probabilities(restoreMarks(segments('so do'), index));
    expect(alone.get('sổ')).toBeCloseTo(2 / 3, 1);
    expect(alone.get('số')).toBeCloseTo(1 / 3, 1);
  });

  it('reads a look-alike as a function word where the corpus writes it so, and as a content word where it does not', () => {
    expect(restoreMarks(segments('sinh vien co the dang ky'), index).functionWords).toEqual(new Set(['co']));
    // "co quan": "cơ quan", a content word; nothing to leave out.
    const office = restoreMarks(segments('co quan quan ly gia han'), index);
    expect(office.functionWords.has('co')).toBe(false);
    expect(probabilities(office).get('cơ') ?? 0).toBeGreaterThan(0.5);
    // One question reading it both ways keeps it: only a look-alike that is a function word everywhere is left out.
    expect(restoreMarks(segments('co quan nao co the gia han'), index).functionWords.has('co')).toBe(false);
  });

  it('leaves what the corpus never writes as it was typed: names, numbers, words it does not know', () => {
    const { terms, functionWords } = restoreMarks(segments('carbomint 2023 xyz'), index);
    expect(terms.size).toBe(0);
    expect(functionWords.size).toBe(0);
  });

  it('reads only spellings the index writes, and only into what can be one syllable', () => {
    // "so" may be số, sổ, sở, sơ, sọ…: this index writes only "số" and "sổ".
    const read = probabilities(restoreMarks(segments('so'), index));
    expect([...read.keys()].sort()).toEqual(['sổ', 'số'].sort());
    for (const word of read.keys()) expect(index.documentFrequency(word)).toBeGreaterThan(0);
    // An abbreviation the corpus writes with marks ("CTĐT") is no syllable: "ctdt" stays as typed.
    const abbreviations = indexOf(['Chương trình đào tạo (CTĐT) được cập nhật hằng năm.']);
    expect(abbreviations.documentFrequency('ctđt')).toBeGreaterThan(0);
    expect(probabilities(restoreMarks(segments('ctdt cap nhat'), abbreviations)).has('ctđt')).toBe(false);
    expect(probabilities(restoreMarks(segments('ctdt cap nhat'), abbreviations)).get('cập')).toBeCloseTo(1, 5);
    // A typo with two tones ("thủỷ") or another language's word ("ça") is no spelling of a syllable.
    const odd = indexOf(['Thủỷ lợi và hoà bình.', 'Thủy lợi được đầu tư.', 'Ça ne marche pas.', 'Cá nhân đăng ký.']);
    expect(probabilities(restoreMarks(segments('thuy loi'), odd)).get('thủy')).toBeCloseTo(1, 5);
    expect(probabilities(restoreMarks(segments('ca nhan dang ky'), odd)).has('ça')).toBe(false);
  });

  it('gives the syllable as typed its probability too, where the index also writes it so', () => {
    // "thu" is the bare word (to collect) as well as thư, thứ…: before "vien" it is hardly the bare one.
    const library = restoreMarks(segments('thu vien co trach nhiem gi'), LIBRARY);
    expect(library.typed.get('thu') ?? 1).toBeLessThan(LEAST_LIKELY);
    expect(probabilities(library).get('thư') ?? 0).toBeGreaterThan(0.9);
    // Before "hoc phi" it is.
    expect(restoreMarks(segments('thu hoc phi'), LIBRARY).typed.get('thu') ?? 0).toBeGreaterThan(0.9);
    // A syllable the index writes only with marks ("vien") has no bare reading to weigh.
    expect(library.typed.has('vien')).toBe(false);
  });

  it('says nothing about function words for an index without evidence terms (built before them)', () => {
    const old = Bm25Index.build(PASSAGES.map((p) => analyze(p).terms));
    expect(restoreMarks(segments('sinh vien co the dang ky'), old).functionWords.size).toBe(0);
  });
});

describe('searchTerms', () => {
  it('ranks the passage the unmarked question means above one that only shares its folded words', () => {
    const question = 'cap so do';
    // Folded alone, the short "Số đo chiều cao" ranks above the second passage about "sổ đỏ".
    expect(index.search(groundedTerms(buildQuery(question), df), 3).map((h) => h.doc)).toEqual([1, 0, 2]);
    const terms = searchTerms(buildQuery(question), index).terms;
    expect(terms.get('~so')).toBe(1);
    expect(terms.get('sổ') ?? 0).toBeGreaterThan(0.99);
    expect(index.search(terms, 3).map((h) => h.doc)).toEqual([1, 2, 0]);
  });

  it('leaves out a look-alike read as a function word, with its pairs, and pairs its neighbours across it', () => {
    const terms = searchTerms(buildQuery('sinh vien co trach nhiem gi'), index).terms;
    expect(buildQuery('sinh vien co trach nhiem gi').terms.has('~co')).toBe(true);
    expect(terms.has('~co')).toBe(false);
    expect(terms.has('~vien co')).toBe(false);
    expect(terms.has('~co trach')).toBe(false);
    expect(terms.get('^vien trach')).toBe(1);
    expect(terms.get('trách nhiệm')).toBeUndefined();
    expect(terms.get('trách') ?? 0).toBeGreaterThan(0.9);
  });

  it('gives a marked spelling no more weight than its folded word: a word weighted down stays down', () => {
    const query = buildQuery('cap so do');
    const weighted = { ...query, terms: new Map([...query.terms].map(([t, w]) => [t, t === '~cap' ? w * 0.25 : w])) };
    expect(searchTerms(query, index).terms.get('cấp') ?? 0).toBeGreaterThan(0.99);
    expect(searchTerms(weighted, index).terms.get('cấp') ?? 0).toBeLessThanOrEqual(0.25);
  });

  it('leaves a look-alike read as a function word out of coverage too: a passage need not match what is not searched', () => {
    // A question of look-alikes only: the analyzer counts them all, having nothing else to count.
    const query = buildQuery('co the');
    expect(query.content.has('~co')).toBe(true);
    const search = searchTerms(query, index);
    expect(search.terms.has('~co')).toBe(false);
    expect(search.content.has('~co')).toBe(false);
    expect(search.content.has('~the')).toBe(true);
    expect([...search.content].every((term) => search.terms.has(term))).toBe(true);
  });

  it('pairs across a function word an abbreviation wrote with its marks, as the question with marks does', () => {
    // "bttt" is "Bộ Thông tin và Truyền thông": "và" is a stop word, "tin truyền" the pair across it.
    const terms = searchTerms(buildQuery('sinh vien co the hoi bttt'), index).terms;
    expect(terms.get('^tin truyen')).toBe(1);
    expect([...terms.keys()].some((t) => t.startsWith('^va ') || t.endsWith(' va'))).toBe(false);
  });

  it('weighs the syllable as typed by its probability, like every other spelling, not as certain', () => {
    const question = 'thu vien co trach nhiem gi';
    const terms = searchTerms(buildQuery(question), LIBRARY).terms;
    // The analyzer searches bare "thu" as certain, and it is rare, so weighty: a passage that
    // collects fees gained as much from it as the library's passage from "thư".
    expect(buildQuery(question).terms.get('thu')).toBe(1);
    expect(terms.has('thu')).toBe(false);
    expect(terms.get('~thu')).toBe(1);
    expect(terms.get('thư') ?? 0).toBeGreaterThan(0.9);
    // A pair as typed is as likely as its less likely syllable.
    expect(buildQuery(question).terms.get('thu vien')).toBe(1);
    expect(terms.has('thu vien')).toBe(false);
    // Where the bare word is meant, it is searched at its probability.
    const fee = searchTerms(buildQuery('thu hoc phi'), LIBRARY).terms;
    expect(fee.get('thu') ?? 0).toBeGreaterThan(0.9);
    expect(fee.get('thu') ?? 0).toBeLessThanOrEqual(1);
    expect(fee.get('thu hoc')).toBeCloseTo(fee.get('thu') ?? 0, 5);
  });

  it('leaves a question typed with marks as the analyzer read it', () => {
    const query = buildQuery('Sổ đỏ có còn dùng không?');
    expect(searchTerms(query, index).terms).toBe(query.terms);
    expect(searchTerms(query, index).content).toBe(query.content);
  });
});
