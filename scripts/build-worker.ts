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

/** Workers Static Assets serve files up to 25 MiB each. */
const MAX_ASSET_BYTES = 25 * 1024 * 1024;

export interface WorkerBuild {
  environment: string;
  assetsDir: string;
  migrationsDir: string;
  indexBytes: number;
  indexGzipBytes: number;
  vectorIndex: string | null;
  passages: number;
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

/** The build's vector side: bundled when an exact scan in a Worker's memory serves it, else Vectorize. */
function vectorPlacement(config: Config, passages: number, dimension: number): 'exact' | 'vectorize' {
  if (config.vectorIndex === 'hnsw') throw new Error('VECTOR_INDEX=hnsw is Node only: on Workers use exact or vectorize (or auto)');
  if (config.vectorIndex === 'exact' || config.vectorIndex === 'vectorize') return config.vectorIndex;
  return passages * dimension <= EXACT_MAX_FLOATS ? 'exact' : 'vectorize';
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
    const placement = index ? vectorPlacement(config, built.manifest.passages, index.dimension) : null;
    const manifest = { ...built.manifest, vectorIndex: placement };
    const parts: IndexParts = {
      manifest,
      corpus: built.corpus,
      bm25: built.passageIndex.toParts(),
      embedderState: built.embedderState,
      vectors: index && placement === 'exact' ? { dimension: index.dimension, data: index.data } : null,
    };
    const bytes = encodeIndexBundle(parts);
    if (bytes.byteLength > MAX_ASSET_BYTES) throw new Error(`the index is ${(bytes.byteLength / 1048576).toFixed(1)} MiB, above the 25 MiB a static asset may be: use Vectorize (EMBEDDER=workers-ai, VECTOR_INDEX=vectorize)`);
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
      vectorsFile,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWorkerAssets({ env: argument('env'), log: (line) => console.error(line) }).then(
    (b) => {
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(`Worker assets for ${b.environment}: ${b.passages} passages, index ${kib(b.indexBytes)} (${kib(b.indexGzipBytes)} gzipped), vectors ${b.vectorIndex ?? 'none (BM25 alone)'}`);
      console.log(`  ${b.assetsDir}/index/  ·  migrations in ${b.migrationsDir}${b.vectorsFile ? `  ·  ${b.vectorsFile} for wrangler vectorize upsert` : ''}`);
    },
    (error: unknown) => {
      console.error(`build:worker failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
