/**
 * @module
 * Approximate nearest-neighbour search through LangChain's `HNSWLib` vector store
 * (hnswlib-node). Node only: it loads a native addon and reads and writes files.
 *
 * Build parameters are hnswlib's defaults as LangChain sets them (M = 16,
 * efConstruction = 200); the search breadth `ef` is ours, chosen in `npm run bench` for
 * recall@10 ≥ 0.95 against exact search at 100,000 passages.
 */
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorHit, VectorIndex } from './vectors.ts';

/**
 * Measured by `npm run bench -- --passages 100000` (384-d vectors, M = 16, efConstruction =
 * 200, 1,355 questions): recall@10 against exact search was 0.59 at ef 128, 0.81 at 512, 0.89
 * at 1024 and 0.956 at 2048, where a search takes 7.6 ms p50 (exact search: 46 ms). Those
 * vectors come from the hashed embedder standing in for e5-small; its questions sit barely
 * closer to their nearest passage (cosine 0.37) than two passages to each other (0.18), the
 * hard case for a graph. A model's clearer neighbourhoods may need less: re-run the bench
 * with its vectors before lowering this.
 */
export const DEFAULT_EF_SEARCH = 2048;
const BATCH = 1000;

export class HnswVectorIndex implements VectorIndex {
  readonly kind = 'hnsw';

  private constructor(
    private readonly store: HNSWLib,
    readonly dimension: number,
  ) {}

  get size(): number {
    return this.store.index.getCurrentCount();
  }

  /** Builds the graph from vectors already computed (row-major; passage i gets label i), in batches. */
  static async build(vectors: Float32Array, dimension: number, embeddings: EmbeddingsInterface, efSearch = DEFAULT_EF_SEARCH): Promise<HnswVectorIndex> {
    const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimension });
    const count = vectors.length / dimension;
    for (let start = 0; start < count; start += BATCH) {
      const end = Math.min(count, start + BATCH);
      const rows: number[][] = [];
      const documents: Document[] = [];
      for (let doc = start; doc < end; doc++) {
        rows.push(Array.from(vectors.subarray(doc * dimension, (doc + 1) * dimension)));
        documents.push(new Document({ pageContent: String(doc), metadata: { doc } }));
      }
      await store.addVectors(rows, documents);
    }
    store.index.setEf(efSearch);
    return new HnswVectorIndex(store, dimension);
  }

  static async load(directory: string, embeddings: EmbeddingsInterface, efSearch = DEFAULT_EF_SEARCH): Promise<HnswVectorIndex> {
    const store = await HNSWLib.load(directory, embeddings);
    store.index.setEf(efSearch);
    return new HnswVectorIndex(store, store.index.getNumDimensions());
  }

  /** How broadly a search explores the graph: recall against time (`npm run bench -- --passages N` sweeps it). */
  setEf(ef: number): void {
    this.store.index.setEf(ef);
  }

  /** Writes hnswlib.index, args.json and docstore.json into `directory`. */
  save(directory: string): Promise<void> {
    return this.store.save(directory);
  }

  async search(query: ArrayLike<number>, k: number): Promise<VectorHit[]> {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    const results = await this.store.similaritySearchVectorWithScore(Array.from(query), n);
    // HNSWLib reports cosine distance (1 − cosine).
    return results.map(([document, distance]) => ({ doc: (document.metadata as { doc: number }).doc, similarity: 1 - distance }));
  }
}
