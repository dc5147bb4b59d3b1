/**
 * @module
 * Searches the corpus: BM25 over passages (dual accented + folded term streams) and a
 * cosine match of the question against every curated FAQ phrasing.
 */
import type { DocumentMeta, FaqEntry, Passage } from '../ingest/types.ts';
import { analyze } from '../text/index.ts';
import { Bm25Index } from './bm25.ts';
import type { Query } from './query.ts';

export interface PassageHit {
  passage: Passage;
  score: number;
  /** Share (0–1, idf-weighted) of the question's content words found in the passage; words the corpus never uses count less. */
  coverage: number;
  /** The same share with unknown words at full weight: an unknown word may be the whole topic ("bitcoin"). */
  strictCoverage: number;
}

export interface FaqHit {
  entry: FaqEntry;
  /** Cosine similarity (0–1) between the question and the entry's closest phrasing. */
  similarity: number;
}

export interface SearchableCorpus {
  documents: DocumentMeta[];
  passages: Passage[];
  faq: FaqEntry[];
}

const HEADING_WEIGHT = 2;

function passageTerms(passage: Passage, meta: DocumentMeta | undefined): string[] {
  const title = meta?.shortTitle ?? meta?.title ?? '';
  const headings = passage.path.join('\n');
  // Headings name what a passage is about ("2. Sở Văn hoá, Thể thao và Du lịch"), so they count HEADING_WEIGHT times.
  return analyze([title, ...Array<string>(HEADING_WEIGHT).fill(headings), passage.text].join('\n')).terms;
}

function foldedTerms(text: string): Set<string> {
  return new Set(analyze(text).terms.filter((t) => t.startsWith('~')));
}

export class CorpusSearcher {
  readonly documents: Map<string, DocumentMeta>;
  readonly passagesById: Map<string, Passage>;
  private readonly passageIndex: Bm25Index;
  private readonly faqIndex: Bm25Index;
  /** Phrasing number → FAQ entry number. */
  private readonly phrasingOwner: number[];
  private readonly phrasingNorms: Float64Array;

  constructor(readonly corpus: SearchableCorpus) {
    this.documents = new Map(corpus.documents.map((d) => [d.id, d]));
    this.passagesById = new Map(corpus.passages.map((p) => [p.id, p]));
    this.passageIndex = Bm25Index.build(corpus.passages.map((p) => passageTerms(p, this.documents.get(p.documentId))));
    const phrasings: string[][] = [];
    this.phrasingOwner = [];
    corpus.faq.forEach((entry, i) => {
      for (const text of [entry.question, ...entry.alternatives]) {
        phrasings.push([...foldedTerms(text)]);
        this.phrasingOwner.push(i);
      }
    });
    this.faqIndex = Bm25Index.build(phrasings);
    this.phrasingNorms = new Float64Array(phrasings.map((terms) => Math.sqrt(terms.reduce((s, t) => s + this.faqIndex.idf(t) ** 2, 0))));
  }

  searchPassages(query: Query, k: number, filter?: (p: Passage) => boolean): PassageHit[] {
    // A word the corpus never uses weighs less than a rare corpus word: casual wording
    // ("ủa", "mong") should not sink a question the passages do answer.
    const maxIdf = this.passageIndex.idf('');
    let known = 0;
    let unknown = 0;
    for (const t of query.content) if (this.passageIndex.documentFrequency(t) > 0) known += this.passageIndex.idf(t);
    // Consecutive unknown syllables are one unknown word ("ki lô mét vuông" is not four topics).
    let inUnknownRun = false;
    for (const c of query.ownContent) {
      const isUnknown = this.passageIndex.documentFrequency(`~${c}`) === 0;
      if (isUnknown && !inUnknownRun) unknown += maxIdf;
      inUnknownRun = isUnknown;
    }
    const lenient = known + 0.6 * unknown;
    const strict = known + unknown;
    const passages = this.corpus.passages;
    const hits = this.passageIndex.search(query.terms, k, query.content, filter ? (doc) => filter(passages[doc] as Passage) : undefined);
    return hits.map((h) => ({
      passage: passages[h.doc] as Passage,
      score: h.score,
      coverage: lenient > 0 ? h.matched / lenient : 0,
      strictCoverage: strict > 0 ? h.matched / strict : 0,
    }));
  }

  /** The best-matching FAQ entries, one hit per entry, most similar first. */
  matchFaq(query: Query, k: number): FaqHit[] {
    const own = [...query.terms.keys()].filter((t) => t.startsWith('~') && query.terms.get(t) === 1);
    if (own.length === 0 || this.phrasingOwner.length === 0) return [];
    const queryNorm = Math.sqrt(own.reduce((s, t) => s + this.faqIndex.idf(t) ** 2, 0));
    const dots = new Map<number, number>();
    for (const term of own) {
      const w = this.faqIndex.idf(term) ** 2;
      for (const phrasing of this.faqIndex.postings(term)) dots.set(phrasing, (dots.get(phrasing) ?? 0) + w);
    }
    const best = new Map<number, number>();
    for (const [phrasing, dot] of dots) {
      const similarity = dot / (queryNorm * (this.phrasingNorms[phrasing] ?? 1) || 1);
      const owner = this.phrasingOwner[phrasing] ?? 0;
      if (similarity > (best.get(owner) ?? 0)) best.set(owner, similarity);
    }
    return [...best]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([i, similarity]) => ({ entry: this.corpus.faq[i] as FaqEntry, similarity }));
  }

  documentFrequency(term: string): number {
    return this.passageIndex.documentFrequency(term);
  }

  /** idf of a term in the passage index (for answer scoring). */
  idf(term: string): number {
    return this.passageIndex.idf(term);
  }
}
