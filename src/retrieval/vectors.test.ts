import { describe, expect, it } from 'vitest';
import { ExactVectorIndex } from './vectors.ts';

const index = new ExactVectorIndex(2, new Float32Array([1, 0, 0.6, 0.8, 0, 1, -1, 0]));

describe('ExactVectorIndex', () => {
  it('returns the k most similar vectors, best first, with their cosine', async () => {
    const hits = await index.search([0.8, 0.6], 3);
    expect(hits.map((h) => h.doc)).toEqual([1, 0, 2]);
    expect(hits[0]?.similarity).toBeCloseTo(0.96, 5);
    expect(hits[1]?.similarity).toBeCloseTo(0.8, 5);
  });

  it('returns every vector when k exceeds the index, and nothing for k = 0', async () => {
    expect((await index.search([0, 1], 10)).map((h) => h.doc)).toEqual([2, 1, 0, 3]);
    expect(await index.search([0, 1], 0)).toEqual([]);
  });

  it('refuses a query or data of the wrong dimension', async () => {
    await expect(index.search([1, 0, 0], 1)).rejects.toThrow(/3 dimensions, expected 2/);
    expect(() => new ExactVectorIndex(3, new Float32Array(4))).toThrow(/not a multiple/);
  });
});
