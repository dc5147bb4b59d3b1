/**
 * @module
 * The weight-free default embedder: signed feature hashing (the feature's hash picks the
 * dimension, its top bit the sign, so collisions cancel on average instead of piling up)
 * of folded syllables, bigrams and character 3-grams, weighted by sublinear tf × idf and
 * L2-normalised. It is lexical: research (performance.md §1.4) found it a weak second to
 * BM25 and 6–14 MRR points worse at 384 dimensions than at 4096, hence the large default.
 *
 * The idf comes from the corpus the embedder is fitted on, so it is saved with the index
 * (`toJSON`) and restored for queries (`fromJSON`); a feature the corpus never had gets the
 * largest idf.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { TEXT_VERSION } from '../../text/index.ts';
import { FeatureTable } from './feature-table.ts';
import { FEATURE_VERSION, textFeatures } from './hashed-features.ts';

export const DEFAULT_HASHED_DIMENSION = 4096;

export interface HashedEmbeddingsJSON {
  kind: 'hashed';
  featureVersion: number;
  textVersion: string;
  dimension: number;
  /** How many texts the document frequencies were counted over. */
  documents: number;
  features: string;
  frequencies: string;
}

/** Non-zero dimensions in ascending order, for exact sparse cosine without a dense array. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export class HashedEmbeddings extends Embeddings {
  readonly id: string;
  readonly dimension: number;
  private readonly table: FeatureTable;
  private readonly documents: number;
  private readonly maxIdf: number;
  private readonly sums: Float64Array;
  private readonly touched: Uint8Array;

  /** Unfitted (no table) every feature weighs the same; use `fit` or `fromJSON` in practice. */
  constructor(options: { dimension?: number; table?: FeatureTable; documents?: number } = {}) {
    super({});
    const dimension = options.dimension ?? DEFAULT_HASHED_DIMENSION;
    if (!Number.isInteger(dimension) || dimension < 2 || dimension > 1 << 24) {
      throw new Error(`hashed embedder: dimension must be an integer from 2 to ${1 << 24}, got ${dimension}`);
    }
    this.dimension = dimension;
    this.id = HashedEmbeddings.idFor(dimension);
    this.table = options.table ?? new FeatureTable(new Uint32Array(0), new Uint32Array(0));
    this.documents = options.documents ?? 0;
    this.maxIdf = Math.log(this.documents + 1) + 1;
    this.sums = new Float64Array(dimension);
    this.touched = new Uint8Array(dimension);
  }

  /** The id a fitted embedder of this dimension has with the current text analysis. */
  static idFor(dimension: number): string {
    return `hashed-v${FEATURE_VERSION}-d${dimension}-${TEXT_VERSION}`;
  }

  /** Counts document frequencies over the corpus texts (the passages to be indexed). */
  static fit(texts: readonly string[], options: { dimension?: number } = {}): HashedEmbeddings {
    const counts = new Map<number, number>();
    for (const text of texts) {
      const features = textFeatures(text);
      for (let i = 0; i < features.length; i++) {
        const f = features[i] as number;
        if (i === 0 || f !== features[i - 1]) counts.set(f, (counts.get(f) ?? 0) + 1);
      }
    }
    return new HashedEmbeddings({ dimension: options.dimension, table: FeatureTable.fromCounts(counts), documents: texts.length });
  }

  // Smoothed idf (as scikit-learn's): never zero, so a feature in every passage still counts a little.
  private idf(feature: number): number {
    const df = this.table.get(feature);
    return df === 0 ? this.maxIdf : Math.log((this.documents + 1) / (df + 1)) + 1;
  }

  embedSparse(text: string): SparseVector {
    const features = textFeatures(text);
    const buckets: number[] = [];
    for (let i = 0; i < features.length; ) {
      const f = features[i] as number;
      let j = i + 1;
      while (features[j] === f) j++;
      const bucket = (f & 0x7fffffff) % this.dimension;
      const weight = (1 + Math.log(j - i)) * this.idf(f);
      this.sums[bucket] = (this.sums[bucket] as number) + (f >>> 31 ? -weight : weight);
      if (this.touched[bucket] === 0) {
        this.touched[bucket] = 1;
        buckets.push(bucket);
      }
      i = j;
    }
    return this.collect(buckets.sort((a, b) => a - b));
  }

  /** Reads and clears the accumulated sums of the given buckets, L2-normalised. */
  private collect(buckets: number[]): SparseVector {
    let norm = 0;
    for (const b of buckets) norm += (this.sums[b] as number) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = new Uint32Array(buckets.length);
    const values = new Float32Array(buckets.length);
    buckets.forEach((b, k) => {
      indices[k] = b;
      values[k] = (this.sums[b] as number) * scale;
      this.sums[b] = 0;
      this.touched[b] = 0;
    });
    return { indices, values };
  }

  /** Dense vector; all zeros for a text without any feature (empty, or only stop words). */
  embedVector(text: string): number[] {
    const { indices, values } = this.embedSparse(text);
    const vector = new Array<number>(this.dimension).fill(0);
    for (let k = 0; k < indices.length; k++) vector[indices[k] as number] = values[k] as number;
    return vector;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedVector(text));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embedVector(text);
  }

  toJSON(): HashedEmbeddingsJSON {
    const kind = 'hashed';
    return { kind, featureVersion: FEATURE_VERSION, textVersion: TEXT_VERSION, dimension: this.dimension, documents: this.documents, ...this.table.toJSON() };
  }

  /** Restores a fitted embedder; throws when it was fitted by other analysis code (refit then). */
  static fromJSON(json: HashedEmbeddingsJSON): HashedEmbeddings {
    if (json.kind !== 'hashed') throw new Error(`hashed embedder: cannot restore a "${String(json.kind)}" embedder`);
    if (json.featureVersion !== FEATURE_VERSION || json.textVersion !== TEXT_VERSION) {
      throw new Error(
        `hashed embedder: saved with features v${json.featureVersion} / text ${json.textVersion}, ` +
          `this code has v${FEATURE_VERSION} / ${TEXT_VERSION}; refit it on the corpus (rebuild the index)`,
      );
    }
    return new HashedEmbeddings({ dimension: json.dimension, table: FeatureTable.fromJSON(json), documents: json.documents });
  }
}
