/**
 * @module
 * Matches a question against every phrasing of the curated FAQ: cosine similarity of
 * idf-weighted folded terms, one hit per entry. The FAQ is live data that staff publish
 * while the service runs, so a matcher is cheap to build (a few hundred phrasings) and the
 * searcher swaps in a new one without touching the passage index.
 */
import type { FaqEntry } from '../ingest/types.ts';
import { analyze } from '../text/index.ts';
import { Bm25Index } from './bm25.ts';
import type { Query } from './query.ts';

export interface FaqHit {
  entry: FaqEntry;
  /** Cosine similarity (0–1) between the question and the entry's closest phrasing. */
  similarity: number;
}

function foldedTerms(text: string): Set<string> {
  return new Set(analyze(text).terms.filter((t) => t.startsWith('~')));
}

export class FaqMatcher {
  private readonly index: Bm25Index;
  /** Phrasing number → entry number. */
  private readonly owner: number[] = [];
  private readonly norms: Float64Array;
  /**
   * Scratch for `match`, zero between calls: each phrasing's dot product with the question,
   * each entry's best similarity. Arrays over a few hundred phrasings, rather than maps
   * built per question: `match` runs on every question, and the maps were a seventh of what
   * answering one allocated.
   */
  private readonly dots: Float64Array;
  private readonly best: Float64Array;

  constructor(readonly entries: readonly FaqEntry[]) {
    const phrasings: string[][] = [];
    entries.forEach((entry, i) => {
      for (const text of [entry.question, ...entry.alternatives]) {
        phrasings.push([...foldedTerms(text)]);
        this.owner.push(i);
      }
    });
    this.index = Bm25Index.build(phrasings);
    this.norms = new Float64Array(phrasings.map((terms) => Math.sqrt(terms.reduce((s, t) => s + this.index.idf(t) ** 2, 0))));
    this.dots = new Float64Array(phrasings.length);
    this.best = new Float64Array(entries.length);
  }

  /** The best-matching entries, one hit per entry, most similar first. */
  match(query: Query, k: number): FaqHit[] {
    const own = [...query.terms.keys()].filter((t) => t.startsWith('~') && query.terms.get(t) === 1);
    if (own.length === 0 || this.owner.length === 0) return [];
    const { dots, best } = this;
    const queryNorm = Math.sqrt(own.reduce((s, t) => s + this.index.idf(t) ** 2, 0));
    // Phrasings in the order first matched, entries in the order first found similar: ties keep it.
    const touched: number[] = [];
    for (const term of own) {
      const w = this.index.idf(term) ** 2;
      const postings = this.index.postings(term);
      for (let i = 0; i < postings.length; i++) {
        const phrasing = postings[i] as number;
        if (dots[phrasing] === 0) touched.push(phrasing);
        dots[phrasing] = (dots[phrasing] as number) + w;
      }
    }
    const found: number[] = [];
    for (const phrasing of touched) {
      const similarity = (dots[phrasing] as number) / (queryNorm * (this.norms[phrasing] ?? 1) || 1);
      dots[phrasing] = 0;
      const entry = this.owner[phrasing] ?? 0;
      if (similarity > (best[entry] as number)) {
        if (best[entry] === 0) found.push(entry);
        best[entry] = similarity;
      }
    }
    const hits = found
      .sort((a, b) => (best[b] as number) - (best[a] as number))
      .slice(0, k)
      .map((i) => ({ entry: this.entries[i] as FaqEntry, similarity: best[i] as number }));
    for (const entry of found) best[entry] = 0;
    return hits;
  }
}
