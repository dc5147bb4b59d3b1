/**
 * @module
 * A typed-array inverted index with BM25 scoring.
 *
 * Written here rather than taken from a search library: the JS engines measured for this
 * project either mangle Vietnamese with their default tokenizers (Orama, lunr) or take
 * 0.5–2 s per query at 100,000 passages, where a compressed-sparse-row index of postings
 * answers in milliseconds. Terms come from `analyze()`, so this file knows no language.
 */

const K1 = 1.2;
const B = 0.75;

/**
 * Terms in the "%" namespace are evidence about how a document is written, kept for their
 * document frequency (`documentFrequency`): no query searches them, and they do not count
 * towards a document's length, so every score is what it would be without them.
 */
function isEvidence(term: string): boolean {
  return term.charCodeAt(0) === 37;
}

export interface Scored {
  doc: number;
  score: number;
  /** Sum of the idf of the weighted query terms found in the document (for coverage). */
  matched: number;
}

/** The index as plain data: terms in id order and the typed arrays, for storing with a build. */
export interface Bm25Parts {
  terms: string[];
  offsets: Uint32Array;
  postingDocs: Uint32Array;
  postingTf: Float32Array;
  docLengths: Float32Array;
}

export class Bm25Index {
  /** Each document's length normalisation, K1·(1 − B + B·length/average), computed once. */
  private readonly norms: Float32Array;

  private constructor(
    private readonly termIds: Map<string, number>,
    private readonly offsets: Uint32Array,
    private readonly postingDocs: Uint32Array,
    private readonly postingTf: Float32Array,
    private readonly docLengths: Float32Array,
    private readonly averageLength: number,
  ) {
    this.norms = docLengths.map((length) => K1 * (1 - B + (B * length) / (averageLength || 1)));
  }

  /** Builds the index from each document's terms (repeated terms count). */
  static build(documents: ReadonlyArray<ReadonlyArray<string>>): Bm25Index {
    return Bm25Index.buildFrom(documents.length, (doc) => documents[doc] ?? []);
  }

  /**
   * Builds the index asking for one document's terms at a time, so the terms of 100,000
   * passages (tens of millions of strings) never sit in memory together: each document's
   * (term, tf) pairs go into flat growable arrays, then a counting sort by term makes the
   * postings, in document order.
   */
  static buildFrom(count: number, termsOf: (doc: number) => Iterable<string>): Bm25Index {
    const termIds = new Map<string, number>();
    let df = new Uint32Array(1024);
    let pairTerm = new Uint32Array(1024);
    let pairTf = new Float32Array(1024);
    let pairs = 0;
    const docStart = new Uint32Array(count + 1);
    const docLengths = new Float32Array(count);
    const counts = new Map<number, number>();
    for (let doc = 0; doc < count; doc++) {
      counts.clear();
      let length = 0;
      for (const term of termsOf(doc)) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          if (id >= df.length) df = grown(df, id + 1);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
        if (!isEvidence(term)) length++;
      }
      if (pairs + counts.size > pairTerm.length) {
        pairTerm = grown(pairTerm, pairs + counts.size);
        pairTf = grown(pairTf, pairs + counts.size);
      }
      for (const [id, tf] of counts) {
        pairTerm[pairs] = id;
        pairTf[pairs] = tf;
        pairs++;
        df[id] = (df[id] ?? 0) + 1;
      }
      docStart[doc + 1] = pairs;
      docLengths[doc] = length;
    }
    const terms = termIds.size;
    const offsets = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t] ?? 0) + (df[t] ?? 0);
    const postingDocs = new Uint32Array(pairs);
    const postingTf = new Float32Array(pairs);
    const cursor = offsets.slice(0, terms);
    for (let doc = 0; doc < count; doc++) {
      for (let p = docStart[doc] ?? 0; p < (docStart[doc + 1] ?? 0); p++) {
        const id = pairTerm[p] ?? 0;
        const at = cursor[id] ?? 0;
        postingDocs[at] = doc;
        postingTf[at] = pairTf[p] ?? 0;
        cursor[id] = at + 1;
      }
    }
    const sum = docLengths.reduce((a, b) => a + b, 0);
    return new Bm25Index(termIds, offsets, postingDocs, postingTf, docLengths, count ? sum / count : 0);
  }

  /** Rebuilding from terms takes tens of seconds at 100,000 passages; restoring the parts takes about one. */
  static fromParts(parts: Bm25Parts): Bm25Index {
    const termIds = new Map<string, number>();
    parts.terms.forEach((term, id) => termIds.set(term, id));
    if (parts.offsets.length !== parts.terms.length + 1 || parts.postingDocs.length !== parts.postingTf.length || (parts.offsets[parts.terms.length] ?? 0) !== parts.postingDocs.length) {
      throw new Error('BM25 index parts do not fit together');
    }
    const sum = parts.docLengths.reduce((a, b) => a + b, 0);
    return new Bm25Index(termIds, parts.offsets, parts.postingDocs, parts.postingTf, parts.docLengths, parts.docLengths.length ? sum / parts.docLengths.length : 0);
  }

  toParts(): Bm25Parts {
    return { terms: [...this.termIds.keys()], offsets: this.offsets, postingDocs: this.postingDocs, postingTf: this.postingTf, docLengths: this.docLengths };
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Every term the index holds, once each. */
  vocabulary(): IterableIterator<string> {
    return this.termIds.keys();
  }

  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.offsets[id + 1] ?? 0) - (this.offsets[id] ?? 0);
  }

  /** Lucene-style idf; a term absent from the index gets the highest idf. */
  idf(term: string): number {
    const n = this.size;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents containing `term`. */
  postings(term: string): Uint32Array {
    const id = this.termIds.get(term);
    if (id === undefined) return new Uint32Array(0);
    return this.postingDocs.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  /** The idf mass of `terms` found in one document (postings are in document order: a binary search each). */
  matchedIn(doc: number, terms: Iterable<string>): number {
    let matched = 0;
    for (const term of terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      let lo = this.offsets[id] ?? 0;
      let hi = (this.offsets[id + 1] ?? 0) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = this.postingDocs[mid] ?? 0;
        if (at === doc) {
          matched += this.idf(term);
          break;
        }
        if (at < doc) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return matched;
  }

  /**
   * Top `k` documents for weighted query terms. `coverageTerms` (a subset of the query's
   * terms) accumulate their idf into `matched`, so callers can tell how much of the
   * question a document covers, not just how high it scores.
   */
  search(query: ReadonlyMap<string, number>, k: number, coverageTerms?: ReadonlySet<string>, filter?: (doc: number) => boolean): Scored[] {
    const scores = new Float32Array(this.size);
    const matched = new Float32Array(this.size);
    const touched: number[] = [];
    for (const [term, weight] of query) {
      if (isEvidence(term)) continue;
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const start = this.offsets[id] ?? 0;
      const end = this.offsets[id + 1] ?? 0;
      const idf = this.idf(term);
      const counts = coverageTerms?.has(term) ?? false;
      for (let p = start; p < end; p++) {
        const doc = this.postingDocs[p] ?? 0;
        const tf = this.postingTf[p] ?? 0;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + weight * idf * ((tf * (K1 + 1)) / (tf + (this.norms[doc] ?? 0)));
        if (counts) matched[doc] = (matched[doc] ?? 0) + idf;
      }
    }
    return topHits(touched, scores, matched, k, filter);
  }
}

/** A copy of `array` with room for at least `needed` entries (doubling). */
function grown<T extends Uint32Array | Float32Array>(array: T, needed: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/**
 * The `k` best of the touched documents, best first; ties keep the order documents were
 * first touched. A bounded heap, not a sort of every touched document: at 100,000 passages
 * a common word touches tens of thousands.
 */
function topHits(touched: number[], scores: Float32Array, matched: Float32Array, k: number, filter?: (doc: number) => boolean): Scored[] {
  // Heap of positions in `touched`, worst at the root.
  const heap: number[] = [];
  const worse = (a: number, b: number) => {
    const sa = scores[touched[a] as number] as number;
    const sb = scores[touched[b] as number] as number;
    return sa < sb || (sa === sb && a > b);
  };
  const swap = (i: number, j: number) => {
    const t = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = t;
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let position = 0; position < touched.length && k > 0; position++) {
    if (filter && !filter(touched[position] as number)) continue;
    if (heap.length < k) {
      heap.push(position);
      for (let i = heap.length - 1; i > 0 && worse(heap[i] as number, heap[(i - 1) >> 1] as number); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (worse(heap[0] as number, position)) {
      heap[0] = position;
      siftDown(0);
    }
  }
  return heap
    .sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
    .map((position) => {
      const doc = touched[position] as number;
      return { doc, score: scores[doc] ?? 0, matched: matched[doc] ?? 0 };
    });
}
