/**
 * @module
 * Wires the answering engine on Node: reads `corpus/`, builds the index (corpus, BM25,
 * embeddings, vector index) or loads the stored one from `DATA_DIR`, and returns the
 * answer function with what it was built from.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { assembleEngine, type Engine } from '../engine/assemble.ts';
import { buildCorpus, INGEST_VERSION, type Corpus, type Progress } from '../ingest/corpus.ts';
import { corpusHashes, extractCorpusFiles, readCorpusSources, type CorpusSource } from '../ingest/read-files.ts';
import type { Bm25Index } from '../retrieval/bm25.ts';
import { embedAll, embedderId, openEmbedder, type Embedder } from '../retrieval/embedder.ts';
import { fusionWeight } from '../retrieval/fusion.ts';
import { HnswVectorIndex } from '../retrieval/hnsw-index.ts';
import { abandonBuild, beginBuild, commitBuild, FORMAT_VERSION, loadIndexContent, newBuildId, readCurrentIndex, removeDebris, sameKey, type IndexKey, type Manifest, type StoredIndex } from '../retrieval/index-store.ts';
import { buildPassageIndex, passageEmbeddingText, type VectorSearch } from '../retrieval/searcher.ts';
import { ExactVectorIndex, type VectorIndex } from '../retrieval/vectors.ts';
import { hashString, TEXT_VERSION } from '../text/index.ts';

export type EngineConfig = Pick<Config, 'corpusDir' | 'dataDir' | 'defaultAgency' | 'defaultDocument' | 'answerCacheSize' | 'province' | 'embedder' | 'fusion' | 'vectorIndex'>;

export { toReadyEngine, type Engine } from '../engine/assemble.ts';

/**
 * Up to this many floats (passages × dimension: 20,000 passages at 384 dimensions, 1,875 at
 * 4096) the vector side is a flat scan: exact, nothing to build, and within the retrieval
 * budget. Measured by `npm run bench -- --passages 100000` (384-d,
 * k = 50, 2 vCPU): exact search p95 is 2.4 ms at 5,000 passages, 9.6 ms at 20,000, 23 ms at
 * 50,000 and 47 ms at 100,000 (≈0.46 µs per passage); HNSW (ef 2048) answers in 4–8 ms from
 * 20,000 up, but takes 9 s to build at 20,000 and 102 s at 100,000, and is approximate.
 * Past 20,000 the scan alone would take most of a 30 ms retrieval p95. Its cost is linear in
 * the dimension, hence a budget in floats. On Workers the bundle binds first: this many floats
 * are 29 MiB, above the 25 MiB an asset may be, so `npm run build:worker` also decides from the
 * bundle's bytes (scripts/build-worker.ts, `vectorPlacement`).
 */
export const EXACT_MAX_FLOATS = 20_000 * 384;

/**
 * The vector index to build: none when no embedder is configured or its fusion weight is
 * 0 (the measured default for the hashed embedder: vectors that carry no weight are not
 * worth their memory, 1.6 GB at 100,000 passages and 4096 dimensions).
 */
function wantsVectors(config: EngineConfig): boolean {
  return config.embedder.kind !== 'none' && fusionWeight(config.embedder.kind, config.fusion.weight) > 0;
}

function vectorIndexKind(config: EngineConfig, passages: number, dimension: number): IndexKey['vectorIndex'] {
  if (!wantsVectors(config)) return null;
  // An empty corpus has no graph to build.
  if (config.vectorIndex !== 'auto' && passages > 0) return config.vectorIndex;
  return passages * dimension <= EXACT_MAX_FLOATS ? 'exact' : 'hnsw';
}

function indexKey(sources: CorpusSource[], config: EngineConfig, passages: number, dimension: number): IndexKey {
  const vectorIndex = vectorIndexKind(config, passages, dimension);
  return {
    formatVersion: FORMAT_VERSION,
    ...corpusHashes(sources),
    ingestVersion: INGEST_VERSION,
    textVersion: TEXT_VERSION,
    embedder: vectorIndex ? embedderId(config.embedder) : null,
    vectorIndex,
  };
}

/** Whether a stored index answers for these files under this configuration. */
export function isCurrent(manifest: Manifest, sources: CorpusSource[], config: EngineConfig): boolean {
  // A model's dimension is known once loaded; the manifest's is the one it was built with.
  const dimension = manifest.dimension ?? config.embedder.dimension;
  return sameKey(manifest, indexKey(sources, config, manifest.passages, dimension));
}

export interface BuiltIndex {
  manifest: Manifest;
  corpus: Corpus;
  passageIndex: Bm25Index;
  vectors: VectorSearch | null;
  /** What embeds queries the same way (hashed: its idf); null without vectors. */
  embedderState: unknown;
}

export interface BuildOptions {
  onProgress?: Progress;
  /** Asked before each step and before the commit: true stops the build (its server is gone). */
  cancelled?: () => boolean;
}

/** Builds every part of the index from the files and commits it as the new current build. */
export async function buildIndex(sources: CorpusSource[], config: EngineConfig, options: BuildOptions = {}): Promise<BuiltIndex> {
  const build = newBuildId();
  const building = beginBuild(config.dataDir, build);
  try {
    return await buildInto(building, build, sources, config, options);
  } catch (error) {
    abandonBuild(building);
    throw error;
  }
}

async function buildInto(building: string, build: string, sources: CorpusSource[], config: EngineConfig, options: BuildOptions): Promise<BuiltIndex> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const stopIfCancelled = () => {
    if (options.cancelled?.()) throw new Error('index build cancelled');
  };
  /** Runs one step of the build, records its time, and stops there if the build was cancelled. */
  const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await run();
    timings[name] = Math.round(performance.now() - t);
    stopIfCancelled();
    return result;
  };
  const corpus = await step('corpus', async () => buildCorpus(await extractCorpusFiles(sources), options.onProgress));
  const passageIndex = await step('bm25', () => buildPassageIndex(corpus));
  let embedder: Embedder | null = null;
  let vectors: VectorIndex | null = null;
  let key = indexKey(sources, config, corpus.passages.length, config.embedder.dimension);
  if (wantsVectors(config)) {
    const documents = new Map(corpus.documents.map((d) => [d.id, d]));
    const texts = corpus.passages.map((p) => passageEmbeddingText(p, documents.get(p.documentId)));
    // The fit (hashed) or the model's warm-up counts as embedding time.
    const [opened, embedded] = await step('embedding', async () => {
      const fitted = await openEmbedder(config.embedder, { fitTexts: texts });
      key = indexKey(sources, config, corpus.passages.length, fitted.dimension);
      return [fitted, await embedWithCache(fitted, texts, config.dataDir, key.embedder ?? '')] as const;
    });
    vectors = await step<VectorIndex>('vectors', () => (key.vectorIndex === 'hnsw' ? HnswVectorIndex.build(embedded, opened.dimension, opened.embeddings) : new ExactVectorIndex(opened.dimension, embedded)));
    embedder = opened;
  }
  const manifest: Manifest = {
    ...key,
    build,
    builtAt: new Date().toISOString(),
    dimension: embedder?.dimension ?? null,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    faq: corpus.faq.length,
    buildMs: Math.round(performance.now() - started),
    timings,
  };
  stopIfCancelled();
  const embedderState = embedder?.state() ?? null;
  await commitBuild(config.dataDir, building, manifest, { corpus, passageIndex, embedderState, vectors });
  return { manifest, corpus, passageIndex, vectors: embedder && vectors ? vectorSearch(embedder, vectors, config) : null, embedderState };
}

/**
 * Embeds the passages; a model's vectors are cached by content hash in DATA_DIR (one file
 * per model version), so a rebuild after a one-passage change embeds one passage. The cache
 * is only a cache: an unreadable one is rebuilt.
 */
async function embedWithCache(embedder: Embedder, texts: string[], dataDir: string, id: string): Promise<Float32Array> {
  const { cache } = embedder;
  if (!cache) return embedAll(embedder, texts);
  const name = `embedding-cache-${hashString(id)}.bin`;
  const cacheFile = join(dataDir, name);
  await cache.loadCache(cacheFile).catch(() => rmSync(cacheFile, { force: true }));
  const vectors = await embedAll(embedder, texts);
  await cache.saveCache(cacheFile, { prune: true });
  for (const old of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    // Other models' caches, the one named before caches were per model, and temp files of a crashed save.
    if (/^embedding-cache.*\.bin(?:\.\d+\.tmp)?$/.test(old) && old !== name) rmSync(join(dataDir, old), { force: true });
  }
  return vectors;
}

function vectorSearch(embedder: Embedder, index: VectorIndex, config: EngineConfig): VectorSearch {
  return { index, embedQuery: (text: string) => embedder.embeddings.embedQuery(text), fusion: { method: config.fusion.method, weight: fusionWeight(embedder.kind, config.fusion.weight) } };
}

/** The stored vectors and the embedder for queries, if the configured embedder is the one they were built with. */
async function storedVectors(stored: StoredIndex, content: NonNullable<ReturnType<typeof loadIndexContent>>, config: EngineConfig): Promise<VectorSearch | null> {
  const built = stored.manifest.embedder;
  if (!built) return null;
  const configured = embedderId(config.embedder);
  if (built !== configured) throw new Error(`built with embedder ${built}, configured ${configured ?? 'none'}`);
  const embedder = await openEmbedder(config.embedder, { state: content.embedderState });
  const index = await content.readVectors(embedder.embeddings);
  if (!index) return null;
  if (index.dimension !== embedder.dimension) throw new Error(`the stored vectors have ${index.dimension} dimensions, the embedder ${embedder.dimension}`);
  if (index.size !== content.corpus.passages.length) throw new Error(`the stored vectors hold ${index.size} passages, the corpus ${content.corpus.passages.length}`);
  return vectorSearch(embedder, index, config);
}

/**
 * Opens a stored build as it is, even if stale: it serves while a fresh one is built.
 * Returns null if it cannot be read. Its vectors are used only if the embedder it was
 * built with opens here; otherwise it serves BM25 alone and says why in `warnings`.
 */
export async function openStoredEngine(stored: StoredIndex, config: EngineConfig): Promise<Engine | null> {
  const content = loadIndexContent(stored);
  if (!content) return null;
  const warnings: string[] = [];
  let vectors: VectorSearch | null = null;
  try {
    vectors = await storedVectors(stored, content, config);
  } catch (error) {
    warnings.push(`vectors not used, answering with BM25 alone: ${(error as Error).message}`);
  }
  return assembleEngine(content.corpus, { passageIndex: content.passageIndex ?? undefined, vectors }, stored.manifest, config, { warnings });
}

/** Loads the stored index if it is current, else rebuilds it (in this thread) and saves it. */
export async function createEngine(config: EngineConfig, options: { force?: boolean; onProgress?: Progress } = {}): Promise<Engine> {
  removeDebris(config.dataDir, { ownBuilds: true });
  const sources = readCorpusSources(config.corpusDir);
  const stored = readCurrentIndex(config.dataDir);
  if (!options.force && stored && isCurrent(stored.manifest, sources, config)) {
    const engine = await openStoredEngine(stored, config);
    if (engine && engine.warnings.length === 0) return engine;
  }
  const built = await buildIndex(sources, config, { onProgress: options.onProgress });
  return assembleEngine(built.corpus, built, built.manifest, config, { rebuilt: true });
}
