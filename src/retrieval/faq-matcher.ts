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
  }

  /** The best-matching entries, one hit per entry, most similar first. */
  match(query: Query, k: number): FaqHit[] {
    const own = [...query.terms.keys()].filter((t) => t.startsWith('~') && query.terms.get(t) === 1);
    if (own.length === 0 || this.owner.length === 0) return [];
    const queryNorm = Math.sqrt(own.reduce((s, t) => s + this.index.idf(t) ** 2, 0));
    const dots = new Map<number, number>();
    for (const term of own) {
      const w = this.index.idf(term) ** 2;
      for (const phrasing of this.index.postings(term)) dots.set(phrasing, (dots.get(phrasing) ?? 0) + w);
    }
    const best = new Map<number, number>();
    for (const [phrasing, dot] of dots) {
      const similarity = dot / (queryNorm * (this.norms[phrasing] ?? 1) || 1);
      const entry = this.owner[phrasing] ?? 0;
      if (similarity > (best.get(entry) ?? 0)) best.set(entry, similarity);
    }
    return [...best]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([i, similarity]) => ({ entry: this.entries[i] as FaqEntry, similarity }));
  }
}
