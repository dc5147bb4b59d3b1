/**
 * @module
 * Chooses and opens the embedder the index is built with (Node side): the weight-free
 * hashed embedder, fitted on the passages, or a transformers.js model from MODELS_DIR.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../config.ts';
import { HashedEmbeddings, type HashedEmbeddingsJSON } from './embed/hashed.ts';

export type EmbedderSpec = Config['embedder'];

export interface Embedder {
  kind: 'hashed' | 'transformers';
  id: string;
  dimension: number;
  embeddings: EmbeddingsInterface;
  /** What must be stored with the index to embed queries the same way (hashed: its idf). */
  state(): unknown;
}

/** The id an index built with this spec records, known before any model is loaded. */
export function embedderId(spec: EmbedderSpec): string | null {
  if (spec.kind === 'none') return null;
  if (spec.kind === 'hashed') return HashedEmbeddings.idFor(spec.dimension);
  return `transformers:${spec.model}`;
}

/** Opens the embedder: fitted on `fitTexts` when building, restored from `state` when loading. */
export async function openEmbedder(spec: EmbedderSpec, from: { fitTexts: string[] } | { state: unknown }): Promise<Embedder> {
  if (spec.kind === 'none') throw new Error('no embedder is configured (EMBEDDER=none)');
  if (spec.kind === 'hashed') {
    const embeddings = 'fitTexts' in from ? HashedEmbeddings.fit(from.fitTexts, { dimension: spec.dimension }) : HashedEmbeddings.fromJSON(from.state as HashedEmbeddingsJSON);
    return { kind: 'hashed', id: embeddings.id, dimension: embeddings.dimension, embeddings, state: () => embeddings.toJSON() };
  }
  throw new Error('transformers embedder: not wired yet');
}
