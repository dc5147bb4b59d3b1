/**
 * @module
 * A transformers.js sentence embedder (mean pooling, unit length), e.g.
 * Xenova/multilingual-e5-small, loaded only from MODELS_DIR: remote downloads are switched
 * off, so a missing model fails at start with the directory and the command that fills it.
 * The model is warmed at creation (the first session run costs seconds; research §4), texts
 * are embedded in batches, and passage vectors are cached by hash of model and text.
 *
 * transformers.js keeps its settings in one global `env`; creating an embedder sets them.
 */
import { resolve } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { env, pipeline } from '@huggingface/transformers';
import { hashString } from '../../text/index.ts';
import { assertModelPresent, DEFAULT_EMBEDDING_MODEL, modelDirectory, transformersId, type ModelDtype } from './model-files.ts';
import { VectorCache } from './vector-cache.ts';

export interface TransformersEmbeddingsOptions {
  /** Directory holding `<model>/config.json`, tokenizer files and `onnx/`. */
  modelsDir: string;
  model?: string;
  /** ONNX weights to load: `q8` is `onnx/model_quantized.onnx` (default), `fp32` `onnx/model.onnx`. */
  dtype?: ModelDtype;
  batchSize?: number;
  /** Text put before queries and passages; default `query: `/`passage: ` for e5 models, none otherwise. */
  prefixes?: { query: string; passage: string } | false;
}

/** Embeds texts exactly as given, one unit vector each. */
type Extract = (texts: string[]) => Promise<Float32Array[]>;

const E5_PREFIXES = { query: 'query: ', passage: 'passage: ' };
const NO_PREFIXES = { query: '', passage: '' };

/** Points transformers.js at the local directory only (no hub, no download cache). */
function useLocalModels(modelsDir: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${resolve(modelsDir)}/`;
  env.useFSCache = false;
}

async function loadExtractor(modelsDir: string, model: string, dtype: ModelDtype): Promise<Extract> {
  assertModelPresent(modelsDir, model, dtype);
  useLocalModels(modelsDir);
  let extractor;
  try {
    extractor = await pipeline('feature-extraction', model, { dtype });
  } catch (cause) {
    throw new Error(`Embedding model "${model}" in ${modelDirectory(modelsDir, model)} could not be loaded: ${String(cause)}`, { cause });
  }
  return async (texts) => {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows = 0, dimension = 0] = output.dims;
    const data = output.data as Float32Array;
    const vectors = Array.from({ length: rows }, (_, i) => data.slice(i * dimension, (i + 1) * dimension));
    output.dispose();
    return vectors;
  };
}

export class TransformersEmbeddings extends Embeddings {
  readonly id: string;
  readonly model: string;
  readonly dimension: number;
  /** `batches`: model runs for passages; `embedded`: passages run through the model; `cached`: passages served from the cache. */
  readonly stats = { batches: 0, embedded: 0, cached: 0 };
  private readonly prefixes: { query: string; passage: string };
  private readonly batchSize: number;
  private readonly cache: VectorCache;

  private constructor(
    private readonly extract: Extract,
    info: { id: string; model: string; dimension: number; prefixes: { query: string; passage: string }; batchSize: number },
  ) {
    super({});
    this.id = info.id;
    this.model = info.model;
    this.dimension = info.dimension;
    this.prefixes = info.prefixes;
    this.batchSize = info.batchSize;
    this.cache = new VectorCache(info.id, info.dimension);
  }

  static idFor(model: string, dtype: ModelDtype = 'q8'): string {
    return transformersId(model, dtype);
  }

  /** Loads the model from `modelsDir` and runs it once, which also reads its dimension. */
  static async create(options: TransformersEmbeddingsOptions): Promise<TransformersEmbeddings> {
    const model = options.model ?? DEFAULT_EMBEDDING_MODEL;
    const dtype = options.dtype ?? 'q8';
    const batchSize = options.batchSize ?? 16;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`transformers embedder: batchSize must be a positive integer, got ${batchSize}`);
    const extract = await loadExtractor(options.modelsDir, model, dtype);
    const [probe] = await extract(['khởi động']);
    const prefixes = options.prefixes === false ? NO_PREFIXES : (options.prefixes ?? (/e5/i.test(model) ? E5_PREFIXES : NO_PREFIXES));
    return new TransformersEmbeddings(extract, { id: TransformersEmbeddings.idFor(model, dtype), model, dimension: probe?.length ?? 0, prefixes, batchSize });
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    const prefixed = texts.map((t) => this.prefixes.passage + t.normalize('NFC'));
    const keys = prefixed.map((t) => hashString(`${this.id}\n${t}`));
    const missing = new Map<string, string>();
    keys.forEach((key, i) => {
      if (!this.cache.get(key)) missing.set(key, prefixed[i] as string);
    });
    this.stats.cached += texts.length - missing.size;
    const pending = [...missing];
    for (let i = 0; i < pending.length; i += this.batchSize) {
      const batch = pending.slice(i, i + this.batchSize);
      const vectors = await this.extract(batch.map(([, text]) => text));
      batch.forEach(([key], k) => this.cache.set(key, vectors[k] as Float32Array));
      this.stats.batches++;
      this.stats.embedded += batch.length;
    }
    return keys.map((key) => Array.from(this.cache.get(key) as Float32Array));
  }

  /** Queries are not cached: they are many, short, and seldom repeated word for word. */
  override async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.extract([this.prefixes.query + text.normalize('NFC')]);
    return Array.from(vector as Float32Array);
  }

  /** Adds passage vectors saved earlier for this model; returns how many the file held. */
  loadCache(path: string): Promise<number> {
    return this.cache.load(path);
  }

  /** Saves passage vectors; `prune` drops those not used since the process started. */
  saveCache(path: string, options: { prune?: boolean } = {}): Promise<number> {
    return this.cache.save(path, options);
  }
}
