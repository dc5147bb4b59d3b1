/**
 * @module
 * The vector side in Cloudflare Vectorize, for corpora above what an exact scan in a
 * Worker's memory serves (`EXACT_MAX_FLOATS`). Vectors are upserted by the deployment
 * (`npm run deploy` from the build's vectors.ndjson) into a namespace named after the build,
 * ids `<passage number>`, so a new build never mixes with the old one's vectors. Queried
 * without values or metadata: Vectorize then returns up to 100 matches (20 with them), and
 * fusion wants 50 candidates. Not LangChain's `CloudflareVectorizeStore`, which always asks
 * for values and metadata (so at most 20) and keeps each passage's text in its metadata: the
 * passages are in the bundled corpus already, found by number.
 */
import type { Manifest } from '../engine/manifest.ts';
import type { VectorHit, VectorIndex } from './vectors.ts';

/** Vectorize's topK without values or metadata. */
const MAX_TOP_K = 100;

export interface VectorizeQuery {
  query(vector: number[], options: { topK: number; namespace?: string; returnValues?: boolean; returnMetadata?: 'none' | 'indexed' | 'all' }): Promise<{ matches: Array<{ id: string; score: number }> }>;
}

/** The namespace of a build's vectors (Vectorize allows 64 bytes; build ids are about 30). */
export const vectorizeNamespace = (build: string) => build.slice(0, 64);

export class VectorizeIndex implements VectorIndex {
  readonly kind = 'vectorize';
  readonly size: number;
  readonly dimension: number;
  private readonly namespace: string;

  constructor(
    private readonly binding: VectorizeQuery,
    manifest: Pick<Manifest, 'passages' | 'dimension' | 'build'>,
  ) {
    this.size = manifest.passages;
    this.dimension = manifest.dimension ?? 0;
    this.namespace = vectorizeNamespace(manifest.build);
  }

  async search(query: ArrayLike<number>, k: number): Promise<VectorHit[]> {
    const { matches } = await this.binding.query(Array.from(query), { topK: Math.min(k, MAX_TOP_K), namespace: this.namespace, returnValues: false, returnMetadata: 'none' });
    return matches
      .map((m) => ({ doc: Number(m.id), similarity: m.score }))
      .filter((h) => Number.isInteger(h.doc) && h.doc >= 0 && h.doc < this.size);
  }
}
