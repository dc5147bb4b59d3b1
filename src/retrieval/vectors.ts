/**
 * @module
 * The vector side of retrieval, as an interface the searcher is handed: an exact index
 * here (portable, no native code) and an HNSW one on Node (`hnsw-index.ts`). Vectors are
 * L2-normalised by the embedders, so a dot product is the cosine similarity.
 */

export interface VectorHit {
  /** Passage number (position in the corpus's passage list). */
  doc: number;
  /** Cosine similarity, -1…1. */
  similarity: number;
}

export interface VectorIndex {
  readonly kind: 'exact' | 'hnsw' | 'vectorize';
  readonly size: number;
  readonly dimension: number;
  search(query: ArrayLike<number>, k: number): Promise<VectorHit[]>;
}

/** Brute-force search over one flat array: exact, and faster than a graph on small corpora. */
export class ExactVectorIndex implements VectorIndex {
  readonly kind = 'exact';
  readonly size: number;

  constructor(
    readonly dimension: number,
    /** Row-major: vector i is data[i·dimension … (i+1)·dimension). */
    readonly data: Float32Array,
  ) {
    if (dimension <= 0 || data.length % dimension !== 0) throw new Error(`vector data of length ${data.length} is not a multiple of dimension ${dimension}`);
    this.size = data.length / dimension;
  }

  search(query: ArrayLike<number>, k: number): Promise<VectorHit[]> {
    // A throw in the executor rejects: callers see one way to fail.
    return new Promise((resolve) => resolve(this.searchSync(query, k)));
  }

  searchSync(query: ArrayLike<number>, k: number): VectorHit[] {
    const { dimension, data } = this;
    if (query.length !== dimension) throw new Error(`query has ${query.length} dimensions, expected ${dimension}`);
    const q = Float32Array.from(query);
    const sims = new Float32Array(this.size);
    for (let doc = 0, at = 0; doc < this.size; doc++, at += dimension) {
      let dot = 0;
      for (let j = 0; j < dimension; j++) dot += (data[at + j] as number) * (q[j] as number);
      sims[doc] = dot;
    }
    return topK(sims, k);
  }
}

/** The k highest entries, best first (a bounded selection, not a full sort). */
function topK(scores: Float32Array, k: number): VectorHit[] {
  const n = Math.min(k, scores.length);
  if (n <= 0) return [];
  const hits: VectorHit[] = [];
  let floor = -Infinity;
  for (let doc = 0; doc < scores.length; doc++) {
    const similarity = scores[doc] as number;
    if (hits.length === n && similarity <= floor) continue;
    let i = hits.length === n ? n - 1 : hits.length;
    if (hits.length < n) hits.push({ doc, similarity });
    while (i > 0 && (hits[i - 1] as VectorHit).similarity < similarity) {
      hits[i] = hits[i - 1] as VectorHit;
      i--;
    }
    hits[i] = { doc, similarity };
    floor = (hits[hits.length - 1] as VectorHit).similarity;
  }
  return hits;
}
