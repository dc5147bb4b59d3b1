/**
 * @module
 * `npm run build:worker [-- --env NAME]`: what the Worker needs beside its code, built ahead
 * of time on Node for one environment of wrangler.toml (its `vars` give CORPUS_DIR and the
 * settings; `assets.directory` where to write):
 *
 *     <assets>/index/index.bin        the index (src/engine/codec.ts): manifest, corpus, BM25, vectors
 *     <assets>/index/faq-files.json   corpus/faq/*.yaml, imported into D1 on a first start
 *     <assets>/index/widget.json      the widget, built as the Node server builds it
 *     <migrations_dir>/NNNN_*.sql     the store's migrations for `wrangler d1 migrations apply`
 *     dist/worker/<env>/vectors.ndjson   only with Vectorize: the passages' vectors to upsert
 *
 * The vectors are bundled when the index with them stays within the 25 MiB an asset may be
 * (less a margin), else they go to Vectorize (`vectorPlacement`); a corpus whose text and BM25
 * alone exceed 25 MiB does not fit one Worker (`checkCorpusFits`).
 *
 * Exits 1 with the problem when the corpus cannot be used, as `npm run ingest` does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unstable_readConfig } from 'wrangler';
import { buildWidget } from '../widget/build.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { encodeIndexBundle, type IndexParts } from '../src/engine/codec.ts';
import { buildIndex, EXACT_MAX_FLOATS } from '../src/entry/engine.ts';
import { readFaqFiles } from '../src/entry/faq-files.ts';
import { readCorpusSources } from '../src/ingest/read-files.ts';
import { vectorizeNamespace } from '../src/retrieval/vectorize-index.ts';
import { ExactVectorIndex } from '../src/retrieval/vectors.ts';
import { d1MigrationFiles } from '../src/store/migrations/d1-files.ts';
import { argument } from './wrangler.ts';

/** Workers Static Assets serve files up to 25 MiB each. */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

/**
 * Vectors are bundled only if the whole index stays this far below MAX_ASSET_BYTES: the
 * final bundle's header differs from the one measured without vectors by a few bytes, and an
 * index at the very edge of the limit would be refused by the next small corpus edit.
 */
export const PLACEMENT_MARGIN_BYTES = 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** How many passages one bundle holds at this many bytes a passage (rounded down to a hundred). */
export function passageCeiling(bytesPerPassage: number, budget = MAX_ASSET_BYTES): number {
  return Math.floor(budget / bytesPerPassage / 100) * 100;
}

/**
 * Throws when the corpus alone (its text, BM25 and embedder state: the bundle without vectors)
 * exceeds what one static asset may be. Moving vectors to Vectorize would not help then.
 */
export function checkCorpusFits(textBytes: number, passages: number): void {
  if (textBytes <= MAX_ASSET_BYTES) return;
  const perPassage = Math.ceil(textBytes / Math.max(1, passages));
  throw new Error(
    `the corpus is too large for one Worker bundle: its text and BM25 index take ${mib(textBytes)} for ${passages} passages (${perPassage} bytes a passage), above the 25 MiB a static asset may be, with or without vectors. ` +
      `One bundle holds about ${passageCeiling(perPassage)} such passages: split the corpus across environments (one [env.<name>] each in wrangler.toml) or remove documents`,
  );
}

export interface PlacementInput {
  /** VECTOR_INDEX. */
  vectorIndex: Config['vectorIndex'];
  /** EMBEDDER: only Workers AI embeds questions for Vectorize. */
  embedder: Config['embedder']['kind'];
  passages: number;
  dimension: number;
  /** The bundle without vectors (manifest, corpus, BM25, embedder state), in bytes. */
  textBytes: number;
}

/**
 * The build's vector side, decided from the bytes the bundle would have: bundled (an exact
 * scan in the Worker's memory) when the index with its float32 vectors stays within the asset
 * limit less PLACEMENT_MARGIN_BYTES and the scan within the retrieval budget
 * (EXACT_MAX_FLOATS), else Vectorize. Throws with what helps when neither works.
 */
export function vectorPlacement(input: PlacementInput): 'exact' | 'vectorize' {
  const { vectorIndex, embedder, passages, dimension, textBytes } = input;
  if (vectorIndex === 'hnsw') throw new Error('VECTOR_INDEX=hnsw is Node only: on Workers use exact or vectorize (or auto)');
  checkCorpusFits(textBytes, passages);
  const vectorBytes = passages * dimension * 4;
  const totalBytes = textBytes + vectorBytes;
  const workersAi = embedder === 'workers-ai';
  if (vectorIndex === 'vectorize') {
    if (!workersAi) throw new Error(`VECTOR_INDEX=vectorize needs EMBEDDER=workers-ai (Workers AI embeds the questions Vectorize is asked), not ${embedder}`);
    return 'vectorize';
  }
  const tooLarge = () => {
    const sizes = `the index with its vectors would be ${mib(totalBytes)} (text and BM25 ${mib(textBytes)}, ${passages} vectors of ${dimension} floats ${mib(vectorBytes)}), above the 25 MiB a static asset may be`;
    if (workersAi) return new Error(`${sizes}: put the vectors in Vectorize (VECTOR_INDEX=vectorize, or auto, and a VECTORIZE binding)`);
    return new Error(`${sizes}, and ${embedder} vectors can only be bundled (Vectorize needs EMBEDDER=workers-ai): answer with BM25 alone (FUSION_WEIGHT=0 or EMBEDDER=none), lower EMBEDDING_DIM, or use EMBEDDER=workers-ai with Vectorize`);
  };
  if (vectorIndex === 'exact') {
    if (totalBytes > MAX_ASSET_BYTES) throw tooLarge();
    return 'exact';
  }
  const fits = totalBytes <= MAX_ASSET_BYTES - PLACEMENT_MARGIN_BYTES && passages * dimension <= EXACT_MAX_FLOATS;
  if (fits) return 'exact';
  if (!workersAi) throw tooLarge();
  return 'vectorize';
}

export interface WorkerBuild {
  environment: string;
  assetsDir: string;
  migrationsDir: string;
  indexBytes: number;
  indexGzipBytes: number;
  vectorIndex: string | null;
  passages: number;
  /** The bundle without vectors (text, BM25, embedder state): what bounds the corpus. */
  textBytes: number;
  vectorsFile: string | null;
}

function environmentSettings(env: string | undefined) {
  const wrangler = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true });
  const assetsDir = wrangler.assets?.directory;
  const migrationsDir = wrangler.d1_databases[0]?.migrations_dir;
  if (!assetsDir || !migrationsDir) throw new Error(`wrangler.toml${env ? ` [env.${env}]` : ''} needs assets.directory and a D1 database with migrations_dir`);
  const vars = Object.fromEntries(Object.entries(wrangler.vars ?? {}).map(([k, v]) => [k, String(v)]));
  return { assetsDir: resolve(assetsDir), migrationsDir: resolve(migrationsDir), vars };
}

/** `outDir` (tests): write assets and migrations under it instead of where wrangler.toml says. */
export async function buildWorkerAssets(options: { env?: string; outDir?: string; log?: (line: string) => void } = {}): Promise<WorkerBuild> {
  const log = options.log ?? (() => {});
  const settings = environmentSettings(options.env);
  const { vars } = settings;
  const assetsDir = options.outDir ? join(options.outDir, 'assets') : settings.assetsDir;
  const migrationsDir = options.outDir ? join(options.outDir, 'migrations') : settings.migrationsDir;
  // wrangler.toml's vars first; the shell's variables (Cloudflare credentials, overrides) win.
  const config = loadConfig({ ...vars, ...process.env });
  const scratch = mkdtempSync(join(tmpdir(), 'hoidap-worker-build-'));
  try {
    const sources = readCorpusSources(config.corpusDir);
    // Vectors are always computed into a flat array here; where they live is decided after.
    const built = await buildIndex(sources, { ...config, dataDir: scratch, vectorIndex: 'exact' });
    for (const issue of built.corpus.issues) log(`corpus problem: ${issue.file}${issue.line ? `:${issue.line}` : ''} ${issue.message}`);
    const index = built.vectors?.index;
    if (index && !(index instanceof ExactVectorIndex)) throw new Error('the vectors were built as an HNSW graph, which a Worker cannot load: set VECTOR_INDEX=exact or vectorize');
    const passages = built.manifest.passages;
    // The bundle without vectors first: its real size decides where the vectors can go.
    const withoutVectors: IndexParts = {
      manifest: { ...built.manifest, vectorIndex: index ? 'vectorize' : null },
      corpus: built.corpus,
      bm25: built.passageIndex.toParts(),
      embedderState: built.embedderState,
      vectors: null,
    };
    const textOnly = encodeIndexBundle(withoutVectors);
    checkCorpusFits(textOnly.byteLength, passages);
    const placement = index ? vectorPlacement({ vectorIndex: config.vectorIndex, embedder: config.embedder.kind, passages, dimension: index.dimension, textBytes: textOnly.byteLength }) : null;
    const manifest = { ...built.manifest, vectorIndex: placement };
    const bytes = placement === 'exact' && index ? encodeIndexBundle({ ...withoutVectors, manifest, vectors: { dimension: index.dimension, data: index.data } }) : textOnly;
    // vectorPlacement kept a margin; this holds unless the header grew by more than it.
    if (bytes.byteLength > MAX_ASSET_BYTES) throw new Error(`the index is ${mib(bytes.byteLength)}, above the 25 MiB a static asset may be: put the vectors in Vectorize (VECTOR_INDEX=vectorize, EMBEDDER=workers-ai)`);
    rmSync(join(assetsDir, 'index'), { recursive: true, force: true });
    mkdirSync(join(assetsDir, 'index'), { recursive: true });
    writeFileSync(join(assetsDir, 'index', 'index.bin'), bytes);
    writeFileSync(join(assetsDir, 'index', 'faq-files.json'), JSON.stringify(readFaqFiles(config.corpusDir)));
    const widget = await buildWidget();
    writeFileSync(join(assetsDir, 'index', 'widget.json'), JSON.stringify({ code: widget.code, etag: widget.etag, version: widget.version }));
    rmSync(migrationsDir, { recursive: true, force: true });
    mkdirSync(migrationsDir, { recursive: true });
    for (const file of d1MigrationFiles()) writeFileSync(join(migrationsDir, file.name), file.sql);
    let vectorsFile: string | null = null;
    if (index && placement === 'vectorize') {
      // `wrangler vectorize upsert --file`: one JSON object a line; ids are passage numbers, in the build's namespace.
      vectorsFile = join(dirname(assetsDir), 'vectors.ndjson');
      const namespace = vectorizeNamespace(manifest.build);
      const lines: string[] = [];
      for (let doc = 0; doc < index.size; doc++) lines.push(JSON.stringify({ id: String(doc), namespace, values: Array.from(index.data.subarray(doc * index.dimension, (doc + 1) * index.dimension)) }));
      writeFileSync(vectorsFile, `${lines.join('\n')}\n`);
    }
    return {
      environment: options.env ?? '(top level)',
      assetsDir,
      migrationsDir,
      indexBytes: bytes.byteLength,
      indexGzipBytes: gzipSync(bytes).byteLength,
      vectorIndex: placement,
      passages: manifest.passages,
      textBytes: textOnly.byteLength,
      vectorsFile,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWorkerAssets({ env: argument('env'), log: (line) => console.error(line) }).then(
    (b) => {
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      const perPassage = Math.ceil(b.textBytes / Math.max(1, b.passages));
      console.log(`Worker assets for ${b.environment}: ${b.passages} passages, index ${kib(b.indexBytes)} (${kib(b.indexGzipBytes)} gzipped), vectors ${b.vectorIndex ?? 'none (BM25 alone)'}`);
      console.log(`  text and BM25: ${perPassage} bytes a passage; one bundle holds about ${passageCeiling(perPassage)} such passages without vectors (25 MiB an asset)`);
      console.log(`  ${b.assetsDir}/index/  ·  migrations in ${b.migrationsDir}${b.vectorsFile ? `  ·  ${b.vectorsFile} for wrangler vectorize upsert` : ''}`);
    },
    (error: unknown) => {
      console.error(`build:worker failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
