import { describe, expect, it } from 'vitest';
import { fuseRankings } from './fusion.ts';

const lexical = [
  { doc: 1, score: 10 },
  { doc: 2, score: 9 },
  { doc: 3, score: 2 },
];

describe('fuseRankings', () => {
  it('returns the BM25 ranking unchanged at weight 0 or without vector hits', () => {
    const vector = [{ doc: 3, similarity: 0.9 }];
    expect(fuseRankings(lexical, vector, { method: 'score', weight: 0 })).toEqual(lexical);
    expect(fuseRankings(lexical, [], { method: 'rrf', weight: 0.5 })).toEqual(lexical);
  });

  it('lets the vector side lift a passage by score, and keeps scores on the BM25 scale', () => {
    const vector = [
      { doc: 3, similarity: 0.9 },
      { doc: 1, similarity: 0.1 },
      { doc: 7, similarity: 0.5 },
    ];
    const fused = fuseRankings(lexical, vector, { method: 'score', weight: 0.5 });
    expect(fused.map((h) => h.doc)).toEqual([3, 1, 2, 7]);
    expect(fused[0]?.score).toBeCloseTo(10);
    expect(fused.find((h) => h.doc === 7)?.score).toBeGreaterThan(0);
  });

  it('gives vector hits that are all equally similar no say: they rank nothing', () => {
    const flat = [3, 2, 1, 9].map((doc) => ({ doc, similarity: 0 }));
    const fused = fuseRankings(lexical, flat, { method: 'score', weight: 0.5 });
    expect(fused.slice(0, 3).map((h) => h.doc)).toEqual([1, 2, 3]);
    expect(fused.find((h) => h.doc === 9)?.score).toBe(0);
    expect(fused.every((h) => Number.isFinite(h.score))).toBe(true);
  });

  it('keeps the second BM25 match above a passage only the vector side found weakly', () => {
    const vector = [
      { doc: 5, similarity: 0.31 },
      { doc: 6, similarity: 0.3 },
    ];
    const fused = fuseRankings(lexical, vector, { method: 'score', weight: 0.3 });
    expect(fused.map((h) => h.doc).indexOf(2)).toBeLessThan(fused.map((h) => h.doc).indexOf(6));
  });

  it('fuses by reciprocal rank, so a document both sides rank first comes first', () => {
    const vector = [
      { doc: 2, similarity: 0.8 },
      { doc: 1, similarity: 0.7 },
    ];
    const fused = fuseRankings(lexical, vector, { method: 'rrf', weight: 0.5 });
    expect(fused.map((h) => h.doc).slice(0, 2).sort()).toEqual([1, 2]);
    expect(fused[2]?.doc).toBe(3);
  });
});
