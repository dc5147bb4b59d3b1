import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.ts';

function query(...terms: string[]): Map<string, number> {
  return new Map(terms.map((t) => [t, 1]));
}

function scoreOf(index: Bm25Index, q: Map<string, number>, doc: number): number {
  return index.search(q, index.size).find((h) => h.doc === doc)?.score ?? 0;
}

describe('Bm25Index', () => {
  it('scores a one-term match with the Lucene BM25 formula', () => {
    // N = 2, df = 1: idf = ln(1 + 1.5 / 1.5) = ln 2; tf = 1 in a document of average length gives a factor of 1.
    const index = Bm25Index.build([['x'], ['y']]);
    const [hit] = index.search(query('x'), 10);
    expect(hit?.doc).toBe(0);
    expect(hit?.score).toBeCloseTo(Math.LN2, 5);
  });

  it('gives a rarer term a higher idf and a higher score', () => {
    const index = Bm25Index.build([
      ['chung', 'hiem'],
      ['chung', 'khac'],
      ['chung', 'nua'],
      ['chung', 'them'],
    ]);
    expect(index.idf('hiem')).toBeGreaterThan(index.idf('chung'));
    expect(scoreOf(index, query('hiem'), 0)).toBeGreaterThan(scoreOf(index, query('chung'), 0));
    expect(index.search(query('chung', 'hiem'), 4)[0]?.doc).toBe(0);
  });

  it('gives a term absent from the index the highest idf', () => {
    const index = Bm25Index.build([['a'], ['a', 'b'], ['c']]);
    expect(index.idf('khong-co')).toBeGreaterThan(index.idf('b'));
    expect(index.idf('b')).toBeGreaterThan(index.idf('a'));
  });

  it('ranks a shorter document above a longer one with the same term frequency', () => {
    const index = Bm25Index.build([
      ['x', 'a', 'b', 'c', 'd', 'e'],
      ['x', 'f'],
    ]);
    const hits = index.search(query('x'), 2);
    expect(hits.map((h) => h.doc)).toEqual([1, 0]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
  });

  it('rewards a repeated term, with diminishing returns', () => {
    const index = Bm25Index.build([
      ['x', 'x', 'y', 'y'],
      ['x', 'y', 'z', 'z'],
      ['w', 'w', 'w', 'w'],
    ]);
    const twice = scoreOf(index, query('x'), 0);
    const once = scoreOf(index, query('x'), 1);
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(2 * once);
  });

  it('returns at most k hits, best first', () => {
    const docs = Array.from({ length: 10 }, (_, i) => ['x', ...Array.from({ length: i }, () => 'pad')]);
    const index = Bm25Index.build(docs);
    const hits = index.search(query('x'), 3);
    expect(hits).toHaveLength(3);
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
  });

  it('returns only documents that contain a query term', () => {
    const index = Bm25Index.build([['a'], ['b'], ['c']]);
    expect(index.search(query('b', 'khong-co'), 10).map((h) => h.doc)).toEqual([1]);
    expect(index.search(query('khong-co'), 10)).toEqual([]);
  });

  it('scales a term contribution by its query weight', () => {
    const index = Bm25Index.build([['x', 'y'], ['z']]);
    const full = scoreOf(index, new Map([['x', 1]]), 0);
    const half = scoreOf(index, new Map([['x', 0.5]]), 0);
    expect(half).toBeCloseTo(full / 2, 5);
  });

  it('accumulates the idf of the coverage terms a document contains into matched', () => {
    const index = Bm25Index.build([['a', 'b', 'c'], ['a', 'd'], ['e']]);
    const hits = index.search(query('a', 'b', 'c'), 10, new Set(['a', 'b']));
    const both = hits.find((h) => h.doc === 0);
    const onlyA = hits.find((h) => h.doc === 1);
    expect(both?.matched).toBeCloseTo(index.idf('a') + index.idf('b'), 5);
    expect(onlyA?.matched).toBeCloseTo(index.idf('a'), 5);
  });

  it('leaves matched at zero without coverage terms', () => {
    const index = Bm25Index.build([['a', 'b'], ['c']]);
    expect(index.search(query('a', 'b'), 10).map((h) => h.matched)).toEqual([0]);
  });

  it('skips documents rejected by the filter', () => {
    const index = Bm25Index.build([['x'], ['x'], ['x']]);
    expect(index.search(query('x'), 10, undefined, (doc) => doc !== 1).map((h) => h.doc).sort()).toEqual([0, 2]);
  });

  it('counts documents, not occurrences, in document frequency and postings', () => {
    const index = Bm25Index.build([['x', 'x', 'x'], ['y'], ['x', 'y']]);
    expect(index.size).toBe(3);
    expect(index.documentFrequency('x')).toBe(2);
    expect(index.documentFrequency('khong-co')).toBe(0);
    expect([...index.postings('x')]).toEqual([0, 2]);
    expect([...index.postings('khong-co')]).toEqual([]);
  });

  it('counts evidence terms ("%…") for their document frequency only: every score is as without them', () => {
    const documents = [['x', 'y'], ['x'], ['y', 'y', 'z']];
    const plain = Bm25Index.build(documents);
    const withEvidence = Bm25Index.build(documents.map((terms, i) => [...terms, ...Array<string>(5 * (i + 1)).fill('%có'), '%có thể']));
    expect(withEvidence.documentFrequency('%có')).toBe(3);
    expect(withEvidence.documentFrequency('%có thể')).toBe(3);
    for (const q of [query('x'), query('y', 'z'), query('x', 'y', 'z')]) {
      expect(withEvidence.search(q, 3)).toEqual(plain.search(q, 3));
    }
  });

  it('answers an empty index with no hits', () => {
    const index = Bm25Index.build([]);
    expect(index.size).toBe(0);
    expect(index.search(query('x'), 5)).toEqual([]);
  });

  it('tells how much of the question one document covers, as a search does', () => {
    const docs = Array.from({ length: 40 }, (_, i) => [`t${i % 7}`, `u${i % 5}`, 'chung']);
    const index = Bm25Index.build(docs);
    const coverage = new Set(['t3', 'u2', 'vang']);
    for (const hit of index.search(query('t3', 'u2', 'vang'), 40, coverage)) expect(index.matchedIn(hit.doc, coverage)).toBeCloseTo(hit.matched, 5);
    expect(index.matchedIn(3, coverage)).toBeCloseTo(index.idf('t3'), 5);
    expect(index.matchedIn(0, coverage)).toBe(0);
  });

  it('restores from its parts to the same index', () => {
    const index = Bm25Index.build([['a', 'b', 'b'], ['b', 'c'], ['c', 'd', 'a']]);
    const restored = Bm25Index.fromParts(index.toParts());
    expect(restored.search(query('a', 'c'), 3)).toEqual(index.search(query('a', 'c'), 3));
    expect(restored.idf('d')).toBe(index.idf('d'));
    expect(() => Bm25Index.fromParts({ ...index.toParts(), terms: ['a'] })).toThrow(/do not fit/);
  });

  it('returns the top k as a full sort would, ties in the order documents were first touched', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const vocabulary = ['a', 'b', 'c', 'd', 'e'];
    const docs = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => vocabulary[Math.floor(random() * 5)] as string));
    const index = Bm25Index.build(docs);
    const q = query('a', 'c', 'e');
    const all = index.search(q, Infinity);
    // Identical documents score the same: many ties.
    expect(new Set(all.map((h) => h.score)).size).toBeLessThan(all.length);
    for (const k of [0, 1, 5, 17, 100, all.length]) expect(index.search(q, k)).toEqual(all.slice(0, k));
    const touched: number[] = [];
    for (const term of ['a', 'c', 'e']) for (const doc of index.postings(term)) if (!touched.includes(doc)) touched.push(doc);
    const reference = [...touched].sort((x, y) => (all.find((h) => h.doc === y)?.score ?? 0) - (all.find((h) => h.doc === x)?.score ?? 0));
    expect(all.map((h) => h.doc)).toEqual(reference);
  });
});
