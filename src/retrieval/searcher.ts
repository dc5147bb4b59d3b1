/**
 * @module
 * Searches the corpus: BM25 over passages (dual accented + folded term streams) and a
 * cosine match of the question against every curated FAQ phrasing.
 */
import type { DocumentMeta, FaqEntry, Passage } from '../ingest/types.ts';
import { analyze, markEvidence } from '../text/index.ts';
import { Bm25Index, type Scored } from './bm25.ts';
import { fuseRankings, type FusionSettings } from './fusion.ts';
import { searchTerms, type Query, type SearchTerms } from './query.ts';
import type { VectorIndex } from './vectors.ts';
import { FaqMatcher, type FaqHit } from './faq-matcher.ts';

export type { FaqHit } from './faq-matcher.ts';

interface CoverageScale {
  lenient: number;
  strict: number;
  /** The strict mass as the question spells its syllables with marks, or null without marks. */
  spelled: number | null;
}

export interface PassageHit {
  passage: Passage;
  score: number;
  /** Share (0–1, idf-weighted) of the question's content words found in the passage; words the corpus never uses count less. */
  coverage: number;
  /** The same share with unknown words at full weight: an unknown word may be the whole topic ("bitcoin"). */
  strictCoverage: number;
  /**
   * The strict share with each syllable typed with marks found only as spelled ("thủ", not
   * "thứ"); absent when the question has no marks (then it is `strictCoverage`).
   */
  spelledCoverage?: number;
}

export interface SearchableCorpus {
  documents: DocumentMeta[];
  passages: Passage[];
  faq: FaqEntry[];
}

/** The vector side: an index over the passages (same order), the query embedder and how to fuse. */
export interface VectorSearch {
  index: VectorIndex;
  embedQuery: (text: string) => Promise<number[]>;
  fusion: FusionSettings;
}

const HEADING_WEIGHT = 2;
/** How many candidates each side contributes to fusion. */
const FUSION_CANDIDATES = 50;

/** The text a passage is embedded from: its document, headings and text. */
export function passageEmbeddingText(passage: Passage, meta: DocumentMeta | undefined): string {
  return [meta?.shortTitle ?? meta?.title ?? '', passage.path.join('. '), passage.text].filter(Boolean).join('\n');
}

/** The terms a text is indexed with: its own, and how it writes its function words (for reading marks back into questions typed without them). */
export function indexedTerms(text: string): string[] {
  const analysis = analyze(text);
  return [...analysis.terms, ...markEvidence(analysis.segments)];
}

function passageTerms(passage: Passage, meta: DocumentMeta | undefined): string[] {
  const title = meta?.shortTitle ?? meta?.title ?? '';
  const headings = passage.path.join('\n');
  // Headings name what a passage is about ("2. Sở Văn hoá, Thể thao và Du lịch"), so they count HEADING_WEIGHT times.
  return indexedTerms([title, ...Array<string>(HEADING_WEIGHT).fill(headings), passage.text].join('\n'));
}

/** The BM25 index over the passages (headings weighted), as built for a new index. */
export function buildPassageIndex(corpus: Pick<SearchableCorpus, 'documents' | 'passages'>): Bm25Index {
  const documents = new Map(corpus.documents.map((d) => [d.id, d]));
  const { passages } = corpus;
  return Bm25Index.buildFrom(passages.length, (doc) => {
    const passage = passages[doc] as Passage;
    return passageTerms(passage, documents.get(passage.documentId));
  });
}

export class CorpusSearcher {
  readonly documents: Map<string, DocumentMeta>;
  readonly passagesById: Map<string, Passage>;
  private readonly passageIndex: Bm25Index;
  /** The curated FAQ being served: built from the corpus, replaced when staff publish. */
  faq: FaqMatcher;

  readonly vectors: VectorSearch | null;

  /** `passageIndex`: the BM25 index stored with the build, so loading does not rebuild it. */
  constructor(
    readonly corpus: SearchableCorpus,
    options: { vectors?: VectorSearch | null; passageIndex?: Bm25Index } = {},
  ) {
    this.vectors = options.vectors ?? null;
    if (this.vectors && this.vectors.index.size !== corpus.passages.length) {
      throw new Error(`vector index holds ${this.vectors.index.size} passages, the corpus ${corpus.passages.length}`);
    }
    if (options.passageIndex && options.passageIndex.size !== corpus.passages.length) {
      throw new Error(`BM25 index holds ${options.passageIndex.size} passages, the corpus ${corpus.passages.length}`);
    }
    this.documents = new Map(corpus.documents.map((d) => [d.id, d]));
    this.passagesById = new Map(corpus.passages.map((p) => [p.id, p]));
    this.passageIndex = options.passageIndex ?? buildPassageIndex(corpus);
    this.faq = new FaqMatcher(corpus.faq);
  }

  /** Serves these FAQ entries from now on (published by staff): no passage is re-indexed. */
  replaceFaq(entries: readonly FaqEntry[]): void {
    this.faq = new FaqMatcher(entries);
  }

  /** Lexical (BM25) search only. */
  searchPassages(query: Query, k: number, filter?: (p: Passage) => boolean): PassageHit[] {
    const search = searchTerms(query, this.passageIndex);
    const scale = this.coverageScale(query, search);
    return this.lexical(search, k, filter).map((h) => this.toHit(h.doc, h.score, h.matched, scale, search));
  }

  /**
   * The passages for a question: BM25 fused with the vector side when one is configured
   * with a weight above 0, else BM25 alone. Coverage always comes from the lexical match,
   * so a passage found only by the vector side never passes as covering the question.
   */
  async retrieve(query: Query, k: number, filter?: (p: Passage) => boolean): Promise<PassageHit[]> {
    const vectors = this.vectors;
    if (!vectors || vectors.fusion.weight <= 0) return this.searchPassages(query, k, filter);
    const queryVector = await vectors.embedQuery(query.embedText);
    // A question of stop words only ("là gì vậy ạ") embeds to nothing: no direction to search.
    if (!queryVector.some((x) => x !== 0) || !queryVector.every(Number.isFinite)) return this.searchPassages(query, k, filter);
    const search = searchTerms(query, this.passageIndex);
    const scale = this.coverageScale(query, search);
    const lexical = this.lexical(search, Math.max(k, FUSION_CANDIDATES), filter);
    const found = await vectors.index.search(queryVector, Math.max(k, FUSION_CANDIDATES));
    const passages = this.corpus.passages;
    const vector = found.filter((h) => Number.isFinite(h.similarity) && (!filter || filter(passages[h.doc] as Passage)));
    const matched = new Map(lexical.map((h) => [h.doc, h.matched]));
    // A passage the vector side brings in is as covered as its words make it, no more.
    const matchedIn = (doc: number) => matched.get(doc) ?? this.passageIndex.matchedIn(doc, search.content);
    return fuseRankings(lexical, vector, vectors.fusion)
      .slice(0, k)
      .map((h) => this.toHit(h.doc, h.score, matchedIn(h.doc), scale, search));
  }

  private lexical(search: SearchTerms, k: number, filter?: (p: Passage) => boolean): Scored[] {
    const passages = this.corpus.passages;
    return this.passageIndex.search(search.terms, k, search.content, filter ? (doc) => filter(passages[doc] as Passage) : undefined);
  }

  /** The idf mass a passage must match to cover the whole question, leniently and strictly, and strictly as spelled. */
  private coverageScale(query: Query, search: SearchTerms): CoverageScale {
    // A word the corpus never uses weighs less than a rare corpus word: casual wording
    // ("ủa", "mong") should not sink a question the passages do answer.
    const maxIdf = this.passageIndex.idf('');
    const known = (content: ReadonlySet<string>) => {
      let sum = 0;
      for (const t of content) if (this.passageIndex.documentFrequency(t) > 0) sum += this.passageIndex.idf(t);
      return sum;
    };
    let unknown = 0;
    // Consecutive unknown syllables are one unknown word ("ki lô mét vuông" is not four topics).
    let inUnknownRun = false;
    for (const c of query.ownContent) {
      const isUnknown = this.passageIndex.documentFrequency(`~${c}`) === 0;
      if (isUnknown && !inUnknownRun) unknown += maxIdf;
      inUnknownRun = isUnknown;
    }
    const folded = known(search.content);
    return { lenient: folded + 0.6 * unknown, strict: folded + unknown, spelled: search.spelled ? known(search.spelled) + unknown : null };
  }

  private toHit(doc: number, score: number, matched: number, scale: CoverageScale, search: SearchTerms): PassageHit {
    const hit: PassageHit = {
      passage: this.corpus.passages[doc] as Passage,
      score,
      coverage: scale.lenient > 0 ? matched / scale.lenient : 0,
      strictCoverage: scale.strict > 0 ? matched / scale.strict : 0,
    };
    if (!search.spelled || scale.spelled === null) return hit;
    return { ...hit, spelledCoverage: scale.spelled > 0 ? this.passageIndex.matchedIn(doc, search.spelled) / scale.spelled : 0 };
  }

  /** The best-matching FAQ entries, one hit per entry, most similar first. */
  matchFaq(query: Query, k: number): FaqHit[] {
    return this.faq.match(query, k);
  }

  documentFrequency(term: string): number {
    return this.passageIndex.documentFrequency(term);
  }

  get passageCount(): number {
    return this.passageIndex.size;
  }

  /** idf of a term in the passage index (for answer scoring). */
  idf(term: string): number {
    return this.passageIndex.idf(term);
  }
}
