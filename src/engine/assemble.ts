/**
 * @module
 * The answering engine assembled from its parts: the corpus, the BM25 index over its
 * passages, the vector side when there is one, and the FAQ. Pure and portable: the Node
 * entry reads the parts from DATA_DIR (or builds them), the Worker from its bundled index.
 */
import { createAnswerer, type AnswerQuestion } from '../answer/answer.ts';
import type { ReadyEngine } from '../app.ts';
import type { Config } from '../config.ts';
import { linkFaqEntry, type Corpus } from '../ingest/corpus.ts';
import type { IngestIssue } from '../ingest/types.ts';
import { Bm25Index } from '../retrieval/bm25.ts';
import { CorpusSearcher, type VectorSearch } from '../retrieval/searcher.ts';
import type { IndexParts } from './codec.ts';
import type { Manifest } from './manifest.ts';

/** The province-specific words answers use. */
export type EngineSettings = Pick<Config, 'defaultAgency' | 'defaultDocument' | 'answerCacheSize' | 'province'>;

export interface Engine {
  answer: AnswerQuestion;
  searcher: CorpusSearcher;
  manifest: Manifest;
  issues: IngestIssue[];
  rebuilt: boolean;
  /** Why the vectors stored with the index are not used (the model is missing…): it serves BM25 alone. */
  warnings: string[];
}

/** The answering engine over a corpus and its indexes (a BM25 index left out is built from the corpus). */
export function assembleEngine(
  corpus: Corpus,
  indexes: { passageIndex?: Bm25Index; vectors: VectorSearch | null },
  manifest: Manifest,
  settings: EngineSettings,
  how: { rebuilt?: boolean; warnings?: string[] } = {},
): Engine {
  const searcher = new CorpusSearcher(corpus, indexes);
  const answer = createAnswerer(searcher, { defaultAgency: settings.defaultAgency, defaultDocument: settings.defaultDocument, cacheSize: settings.answerCacheSize, province: settings.province });
  return { answer, searcher, manifest, issues: corpus.issues, rebuilt: how.rebuilt ?? false, warnings: how.warnings ?? [] };
}

/** The engine over stored parts; the vector side (an embedder for queries and an index) comes from the runtime. */
export function engineFromParts(parts: IndexParts, settings: EngineSettings, vectors: VectorSearch | null = null, warnings: string[] = []): Engine {
  return assembleEngine(parts.corpus, { passageIndex: Bm25Index.fromParts(parts.bm25), vectors }, parts.manifest, settings, { warnings });
}

/** What the app serves from an engine: answering, the documents, and what the home page shows of them. */
export function toReadyEngine(engine: Engine, info: Record<string, unknown> = {}): ReadyEngine {
  const { searcher } = engine;
  const { corpus } = searcher;
  const outlines = new Map<string, string[]>();
  for (const passage of corpus.passages) {
    const top = passage.path[0];
    if (!top) continue;
    const headings = outlines.get(passage.documentId) ?? [];
    if (!headings.includes(top)) headings.push(top);
    outlines.set(passage.documentId, headings);
  }
  const starters = new Map<string, string[]>();
  for (const entry of corpus.faq) starters.set(entry.document, [...(starters.get(entry.document) ?? []), entry.question]);
  return {
    answer: engine.answer,
    documents: searcher.documents,
    outlines,
    starters,
    info,
    replaceFaq: (entries) => searcher.replaceFaq(entries),
    linkFaq: (entry) => linkFaqEntry(entry, corpus.passages, searcher.documents),
  };
}
