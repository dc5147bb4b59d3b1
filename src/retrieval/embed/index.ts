/**
 * @module
 * The embedders behind LangChain's `Embeddings`, and one factory to pick one from config:
 * `hashed` (weight-free, fitted on the passages; the default) or `transformers` (a local
 * ONNX model from MODELS_DIR; see `npm run models:fetch`).
 */
import type { Embeddings } from '@langchain/core/embeddings';
import { HashedEmbeddings, type HashedEmbeddingsJSON } from './hashed.ts';
import type { ModelDtype } from './model-files.ts';

export { DEFAULT_HASHED_DIMENSION, HashedEmbeddings, type HashedEmbeddingsJSON, type SparseVector } from './hashed.ts';
export { DEFAULT_EMBEDDING_MODEL, MODEL_DTYPES, modelFiles, transformersId, type ModelDtype } from './model-files.ts';
export type { TransformersEmbeddings, TransformersEmbeddingsOptions } from './transformers.ts';

export type EmbedderOptions =
  /** `state` (saved with the index) restores the idf for queries; otherwise it is fitted on `fitTexts`. */
  | { kind: 'hashed'; dimension?: number; fitTexts?: readonly string[]; state?: HashedEmbeddingsJSON }
  | { kind: 'transformers'; modelsDir: string; model?: string; dtype?: ModelDtype; batchSize?: number };

export interface EmbedderChoice {
  kind: EmbedderOptions['kind'];
  /** Changes whenever vectors would: record it with the index and rebuild on a mismatch. */
  id: string;
  dimension: number;
  embeddings: Embeddings;
}

export async function createEmbedder(options: EmbedderOptions): Promise<EmbedderChoice> {
  if (options.kind === 'hashed') {
    const embeddings = options.state ? HashedEmbeddings.fromJSON(options.state) : HashedEmbeddings.fit(options.fitTexts ?? [], { dimension: options.dimension });
    return { kind: 'hashed', id: embeddings.id, dimension: embeddings.dimension, embeddings };
  }
  // Loaded only when asked for: transformers.js and onnxruntime add about 70 MB to a process.
  const { TransformersEmbeddings } = await import('./transformers.ts');
  const embeddings = await TransformersEmbeddings.create(options);
  return { kind: 'transformers', id: embeddings.id, dimension: embeddings.dimension, embeddings };
}
