/**
 * @module
 * The embedder the index is built with, chosen by config (Node side): its id is known
 * before any model loads (to tell a stale index), and passages are embedded in batches
 * into one flat array, so 100,000 passages never sit in memory as arrays of JS numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { createEmbedder, HashedEmbeddings, modelFiles, transformersId, type EmbedderChoice, type HashedEmbeddingsJSON, type TransformersEmbeddings } from './embed/index.ts';
import { modelDirectory } from './embed/model-files.ts';
import { createWorkersAiEmbeddings, restAiBinding, WORKERS_AI_DIMENSION, WORKERS_AI_EMBEDDER_ID } from './embed/workers-ai.ts';

export type EmbedderSpec = Config['embedder'];

export interface Embedder extends Omit<EmbedderChoice, 'kind'> {
  kind: EmbedderChoice['kind'] | 'workers-ai';
  /** What must be stored with the index to embed queries the same way (hashed: its idf). */
  state(): unknown;
  /** A model's passage vectors, kept between builds (null for the hashed embedder, which is cheap). */
  cache: Pick<TransformersEmbeddings, 'loadCache' | 'saveCache'> | null;
}

/**
 * Which copy of the model's files this is: their sizes and modification times. A model
 * fetched again (a new revision) or replaced under the same name changes it, so the index
 * and the vector cache built with the old one are not mixed with the new one's queries.
 * Stat, not content: the id is asked at every start and SIGHUP, and a tokenizer is ~17 MB.
 */
function modelFingerprint(spec: EmbedderSpec): string {
  const dir = modelDirectory(spec.modelsDir, spec.model);
  const hash = createHash('sha256');
  for (const file of modelFiles(spec.dtype)) {
    const path = join(dir, file);
    const stat = existsSync(path) ? statSync(path) : null;
    hash.update(`${file}:${stat ? `${stat.size}:${stat.mtimeMs}` : 'missing'}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

/** The id an index built with this spec records (known before any model loads). */
export function embedderId(spec: EmbedderSpec): string | null {
  if (spec.kind === 'none') return null;
  if (spec.kind === 'hashed') return HashedEmbeddings.idFor(spec.dimension);
  if (spec.kind === 'workers-ai') return WORKERS_AI_EMBEDDER_ID;
  return `${transformersId(spec.model, spec.dtype)}@${modelFingerprint(spec)}`;
}

/** Opens the embedder: fitted on `fitTexts` when building, restored from `state` when loading. */
export async function openEmbedder(spec: EmbedderSpec, from: { fitTexts: string[] } | { state: unknown }): Promise<Embedder> {
  if (spec.kind === 'none') throw new Error('no embedder is configured (EMBEDDER=none)');
  if (spec.kind === 'workers-ai') {
    // On Node only to build the Worker's index (its passages' vectors), over the REST API.
    if (!spec.cloudflare) throw new Error('EMBEDDER=workers-ai on Node needs CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN (the Worker uses its AI binding)');
    const { accountId, apiToken, apiBase } = spec.cloudflare;
    const embeddings = createWorkersAiEmbeddings(restAiBinding({ accountId, apiToken, baseUrl: apiBase }));
    return { kind: 'workers-ai', id: WORKERS_AI_EMBEDDER_ID, dimension: WORKERS_AI_DIMENSION, embeddings: embeddings as EmbedderChoice['embeddings'], cache: null, state: () => null };
  }
  const choice = await createEmbedder(
    spec.kind === 'hashed'
      ? { kind: 'hashed', dimension: spec.dimension, ...('fitTexts' in from ? { fitTexts: from.fitTexts } : { state: from.state as HashedEmbeddingsJSON }) }
      : { kind: 'transformers', modelsDir: spec.modelsDir, model: spec.model, dtype: spec.dtype },
  );
  const { embeddings } = choice;
  const cache = choice.kind === 'transformers' ? (embeddings as unknown as TransformersEmbeddings) : null;
  return { ...choice, cache, state: () => (embeddings instanceof HashedEmbeddings ? embeddings.toJSON() : null) };
}

const BATCH = 1000;

/** Every text's vector, row-major in one Float32Array. */
export async function embedAll(embedder: Embedder, texts: readonly string[]): Promise<Float32Array> {
  const out = new Float32Array(texts.length * embedder.dimension);
  for (let start = 0; start < texts.length; start += BATCH) {
    const vectors = await embedder.embeddings.embedDocuments(texts.slice(start, start + BATCH));
    vectors.forEach((v, i) => out.set(v, (start + i) * embedder.dimension));
  }
  return out;
}
