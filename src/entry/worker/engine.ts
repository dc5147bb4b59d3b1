/**
 * @module
 * The engine on Workers, assembled from the index `npm run build:worker` bundled as a static
 * asset (src/engine/codec.ts), with the vector side the build chose: none (BM25 alone, the
 * default), vectors bundled with it (exact scan, embedded queries by the same embedder), or
 * Vectorize (Workers AI embeds the question, Vectorize finds the passages).
 */
import type { Config } from '../../config.ts';
import { engineFromParts, toReadyEngine } from '../../engine/assemble.ts';
import { decodeIndexBundle, type IndexParts } from '../../engine/codec.ts';
import type { ReadyEngine } from '../../app.ts';
import type { FaqFile } from '../../admin/faq/yaml.ts';
import type { WidgetScript } from '../../channels/web/widget-route.ts';
import { HashedEmbeddings, type HashedEmbeddingsJSON } from '../../retrieval/embed/hashed.ts';
import { fusionWeight } from '../../retrieval/fusion.ts';
import type { VectorSearch } from '../../retrieval/searcher.ts';
import { ExactVectorIndex } from '../../retrieval/vectors.ts';
import { createWorkersAiEmbeddings } from '../../retrieval/embed/workers-ai.ts';
import { VectorizeIndex } from '../../retrieval/vectorize-index.ts';
import type { Fetcher, WorkerBindings } from './bindings.ts';

/** Where build:worker puts each asset (under the `assets.directory` of wrangler.toml). */
const ASSET_PATHS = { index: '/index/index.bin', faq: '/index/faq-files.json', widget: '/index/widget.json' } as const;

async function asset(assets: Fetcher, path: string): Promise<Response> {
  const response = await assets.fetch(`https://assets.internal${path}`);
  if (!response.ok) throw new Error(`the asset ${path} is missing (${response.status}): run npm run build:worker before wrangler`);
  return response;
}

function vectorSide(parts: IndexParts, config: Config, bindings: Pick<WorkerBindings, 'AI' | 'VECTORIZE'>): VectorSearch | null {
  const { manifest } = parts;
  if (!manifest.embedder || !manifest.vectorIndex) return null;
  const fusion = { method: config.fusion.method, weight: fusionWeight(config.embedder.kind, config.fusion.weight) };
  const bundled = () => {
    if (!parts.vectors) throw new Error(`the index's ${manifest.vectorIndex} vectors are not in the bundle`);
    return new ExactVectorIndex(parts.vectors.dimension, parts.vectors.data);
  };
  if (manifest.embedder.startsWith('workers-ai:')) {
    if (!bindings.AI) throw new Error('the index was built with Workers AI embeddings: bind AI in wrangler.toml');
    const embeddings = createWorkersAiEmbeddings(bindings.AI);
    const index = manifest.vectorIndex === 'vectorize' ? new VectorizeIndex(requireVectorize(bindings), manifest) : bundled();
    return { index, embedQuery: (text) => embeddings.embedQuery(text), fusion };
  }
  const index = bundled();
  const embeddings = HashedEmbeddings.fromJSON(parts.embedderState as HashedEmbeddingsJSON);
  return { index, embedQuery: (text) => embeddings.embedQuery(text), fusion };
}

function requireVectorize(bindings: Pick<WorkerBindings, 'VECTORIZE'>) {
  if (!bindings.VECTORIZE) throw new Error('the index keeps its vectors in Vectorize: bind VECTORIZE in wrangler.toml');
  return bindings.VECTORIZE;
}

export async function loadWorkerEngine(bindings: Pick<WorkerBindings, 'ASSETS' | 'AI' | 'VECTORIZE'>, config: Config): Promise<ReadyEngine> {
  const parts = decodeIndexBundle(await (await asset(bindings.ASSETS, ASSET_PATHS.index)).arrayBuffer());
  const engine = engineFromParts(parts, config, vectorSide(parts, config, bindings));
  const { manifest } = engine;
  return toReadyEngine(engine, { passages: manifest.passages, faq: manifest.faq, documents: manifest.documents, indexBuiltAt: manifest.builtAt, build: manifest.build, runtime: 'workers' });
}

export async function loadFaqFiles(assets: Fetcher): Promise<FaqFile[]> {
  return (await (await asset(assets, ASSET_PATHS.faq)).json()) as FaqFile[];
}

export async function loadWidget(assets: Fetcher): Promise<WidgetScript> {
  return (await (await asset(assets, ASSET_PATHS.widget)).json()) as WidgetScript;
}
