/**
 * @module
 * What a built index records about itself: everything it is derived from (its key: if any
 * of it changes, the index is stale) and its figures. Portable: the Node index store keeps
 * it in `manifest.json`, the Worker reads it from the bundled index.
 */

export const FORMAT_VERSION = 2;

/** Everything an index is derived from: if any of it changes, the index is stale. */
export interface IndexKey {
  formatVersion: number;
  corpusHash: string;
  faqHash: string;
  /** Version of extraction, cleaning and chunking (INGEST_VERSION). */
  ingestVersion: number;
  textVersion: string;
  /** The embedder's id (it names its dimension), or null for a BM25-only index. */
  embedder: string | null;
  /** `vectorize`: the vectors live in a Cloudflare Vectorize index, not with the build. */
  vectorIndex: 'hnsw' | 'exact' | 'vectorize' | null;
}

export interface Manifest extends IndexKey {
  build: string;
  builtAt: string;
  dimension: number | null;
  documents: number;
  passages: number;
  faq: number;
  buildMs: number;
  /** Milliseconds per build step (corpus, embedding, vector index). */
  timings: Record<string, number>;
}

export function sameKey(a: IndexKey, b: IndexKey): boolean {
  return (
    a.formatVersion === b.formatVersion &&
    a.corpusHash === b.corpusHash &&
    a.faqHash === b.faqHash &&
    a.ingestVersion === b.ingestVersion &&
    a.textVersion === b.textVersion &&
    a.embedder === b.embedder &&
    a.vectorIndex === b.vectorIndex
  );
}
