/**
 * @module
 * Wires the answering engine on Node: reads `corpus/`, builds the index (corpus, BM25,
 * embeddings, vector index) or loads the stored one from `DATA_DIR`, and returns the
 * answer function with what it was built from.
 */
import { createAnswerer, type AnswerQuestion } from '../answer/answer.ts';
import type { Config } from '../config.ts';
import { buildCorpus, type CorpusFile, type Progress } from '../ingest/corpus.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import type { IngestIssue } from '../ingest/types.ts';
import { join } from 'node:path';
import { TransformersEmbeddings } from '../retrieval/embed/index.ts';
import { embedAll, embedderId, openEmbedder, type Embedder } from '../retrieval/embedder.ts';
import { fusionWeight } from '../retrieval/fusion.ts';
import { HnswVectorIndex } from '../retrieval/hnsw-index.ts';
import { abandonBuild, beginBuild, commitBuild, corpusHashes, FORMAT_VERSION, loadIndexContent, newBuildId, readCurrentIndex, removeDebris, sameKey, type IndexKey, type Manifest, type StoredIndex } from '../retrieval/index-store.ts';
import { CorpusSearcher, passageEmbeddingText } from '../retrieval/searcher.ts';
import { ExactVectorIndex, type VectorIndex } from '../retrieval/vectors.ts';
import { TEXT_VERSION } from '../text/index.ts';

export type EngineConfig = Pick<Config, 'corpusDir' | 'dataDir' | 'defaultAgency' | 'embedder' | 'fusion' | 'vectorIndex'>;

export interface Engine {
  answer: AnswerQuestion;
  searcher: CorpusSearcher;
  manifest: Manifest;
  issues: IngestIssue[];
  rebuilt: boolean;
}

/**
 * Below this many passages a flat scan beats the HNSW graph and is exact
 * (`npm run bench -- --passages N` measures both).
 */
export const EXACT_MAX_PASSAGES = 20_000;

/**
 * The vector index to build: none when no embedder is configured or its fusion weight is
 * 0 (the measured default for the hashed embedder: vectors that carry no weight are not
 * worth their memory, 1.6 GB at 100,000 passages and 4096 dimensions).
 */
function vectorIndexKind(config: EngineConfig, passages: number): IndexKey['vectorIndex'] {
  if (config.embedder.kind === 'none' || fusionWeight(config.embedder.kind, config.fusion.weight) === 0) return null;
  if (config.vectorIndex !== 'auto') return config.vectorIndex;
  return passages <= EXACT_MAX_PASSAGES ? 'exact' : 'hnsw';
}

/** Whether a stored index answers for these files under this configuration. */
export function isCurrent(manifest: Manifest, files: CorpusFile[], config: EngineConfig): boolean {
  const vectorIndex = vectorIndexKind(config, manifest.passages);
  const wanted: IndexKey = {
    formatVersion: FORMAT_VERSION,
    ...corpusHashes(files),
    textVersion: TEXT_VERSION,
    embedder: vectorIndex ? embedderId(config.embedder) : null,
    vectorIndex,
  };
  return sameKey(manifest, wanted);
}

export interface BuiltIndex {
  manifest: Manifest;
  searcher: CorpusSearcher;
  issues: IngestIssue[];
}

/** Builds every part of the index from the files and writes it as the new current build. */
export async function buildIndex(files: CorpusFile[], config: EngineConfig, onProgress?: Progress): Promise<BuiltIndex> {
  const build = newBuildId();
  const building = beginBuild(config.dataDir, build);
  try {
    return await buildInto(building, build, files, config, onProgress);
  } catch (error) {
    abandonBuild(building);
    throw error;
  }
}

async function buildInto(building: string, build: string, files: CorpusFile[], config: EngineConfig, onProgress?: Progress): Promise<BuiltIndex> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Math.round(performance.now() - since));
  let t = performance.now();
  const corpus = buildCorpus(files, onProgress);
  lap('corpus', t);
  const kind = vectorIndexKind(config, corpus.passages.length);
  let embedder: Embedder | null = null;
  let vectors: VectorIndex | null = null;
  if (kind) {
    t = performance.now();
    const documents = new Map(corpus.documents.map((d) => [d.id, d]));
    const texts = corpus.passages.map((p) => passageEmbeddingText(p, documents.get(p.documentId)));
    embedder = await openEmbedder(config.embedder, { fitTexts: texts });
    const embedded = await embedWithCache(embedder, texts, config.dataDir);
    lap('embedding', t);
    t = performance.now();
    vectors = kind === 'hnsw' ? await HnswVectorIndex.build(embedded, embedder.dimension, embedder.embeddings) : new ExactVectorIndex(embedder.dimension, embedded);
    lap('vectors', t);
  }
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    ...corpusHashes(files),
    textVersion: TEXT_VERSION,
    embedder: embedder?.id ?? null,
    vectorIndex: vectors ? kind : null,
    build,
    builtAt: new Date().toISOString(),
    dimension: embedder?.dimension ?? null,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    faq: corpus.faq.length,
    buildMs: 0,
    timings,
  };
  manifest.buildMs = Math.round(performance.now() - started);
  await commitBuild(config.dataDir, building, manifest, { corpus, embedderState: embedder?.state() ?? null, vectors });
  const searcher = new CorpusSearcher(corpus, embedder && vectors ? vectorSearch(embedder, vectors, config) : null);
  return { manifest, searcher, issues: corpus.issues };
}

/**
 * Embeds the passages; a model's vectors are cached by content hash in DATA_DIR, so a
 * rebuild after a one-passage change embeds one passage.
 */
async function embedWithCache(embedder: Embedder, texts: string[], dataDir: string): Promise<Float32Array> {
  const { embeddings } = embedder;
  if (!(embeddings instanceof TransformersEmbeddings)) return embedAll(embedder, texts);
  const cacheFile = join(dataDir, 'embedding-cache.bin');
  await embeddings.loadCache(cacheFile);
  const vectors = await embedAll(embedder, texts);
  await embeddings.saveCache(cacheFile, { prune: true });
  return vectors;
}

function vectorSearch(embedder: Embedder, index: VectorIndex, config: EngineConfig) {
  return { index, embedQuery: (text: string) => embedder.embeddings.embedQuery(text), fusion: { method: config.fusion.method, weight: fusionWeight(embedder.kind, config.fusion.weight) } };
}

function engineFrom(searcher: CorpusSearcher, manifest: Manifest, issues: IngestIssue[], rebuilt: boolean, config: EngineConfig): Engine {
  return { answer: createAnswerer(searcher, { defaultAgency: config.defaultAgency }), searcher, manifest, issues, rebuilt };
}

/**
 * Opens a stored build as it is, even if stale: it serves while a fresh one is built.
 * Returns null if it cannot be read. Its vectors are used only if the embedder it was
 * built with can be opened here; otherwise it serves BM25 alone.
 */
export async function openStoredEngine(stored: StoredIndex, config: EngineConfig): Promise<Engine | null> {
  const content = loadIndexContent(stored);
  if (!content) return null;
  let searcher = new CorpusSearcher(content.corpus);
  if (stored.manifest.embedder && stored.manifest.embedder === embedderId(config.embedder)) {
    const embedder = await openEmbedder(config.embedder, { state: content.embedderState });
    const vectors = await content.readVectors(embedder.embeddings);
    if (vectors) searcher = new CorpusSearcher(content.corpus, vectorSearch(embedder, vectors, config));
  }
  return engineFrom(searcher, stored.manifest, content.corpus.issues, false, config);
}

/** Loads the stored index if it is current, else rebuilds it (in this thread) and saves it. */
export async function createEngine(config: EngineConfig, options: { force?: boolean; onProgress?: Progress } = {}): Promise<Engine> {
  removeDebris(config.dataDir);
  const files = await readCorpusFiles(config.corpusDir);
  const stored = readCurrentIndex(config.dataDir);
  if (!options.force && stored && isCurrent(stored.manifest, files, config)) {
    const engine = await openStoredEngine(stored, config);
    if (engine) return engine;
  }
  const built = await buildIndex(files, config, options.onProgress);
  return engineFrom(built.searcher, built.manifest, built.issues, true, config);
}
