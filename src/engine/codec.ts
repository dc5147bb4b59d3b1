/**
 * @module
 * The index's parts as bytes, the same on every runtime: the BM25 arrays packed into one
 * buffer (Node keeps it as `bm25.bin` beside `bm25.json`), and the whole index as one
 * bundle (the Worker's static asset, written by `npm run build:worker`).
 *
 * Bundle layout (all integers little-endian, as the typed arrays of every runtime we target):
 *
 *     "NQ57IDX1"            8 bytes, magic and layout version
 *     header length         u32
 *     header                UTF-8 JSON: manifest, corpus, BM25 terms, embedder state, section sizes
 *     padding               to a multiple of 4 bytes
 *     BM25 arrays           packBm25's bytes
 *     vectors               float32, row-major (exact vectors only)
 */
import type { Corpus } from '../ingest/corpus.ts';
import type { Bm25Parts } from '../retrieval/bm25.ts';
import type { Manifest } from './manifest.ts';

/** Everything an engine is assembled from. */
export interface IndexParts {
  manifest: Manifest;
  corpus: Corpus;
  bm25: Bm25Parts;
  /** The embedder's fitted state (hashed: its idf); null without vectors. */
  embedderState: unknown;
  /** Exact vectors stored with the build; null when there are none or they live elsewhere (HNSW files, Vectorize). */
  vectors: { dimension: number; data: Float32Array } | null;
}

const MAGIC = 'NQ57IDX1';

function bytesOf(array: Uint32Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The BM25 arrays in one buffer: offsets, posting documents, posting term frequencies, document lengths. */
export function packBm25(parts: Bm25Parts): Uint8Array {
  const arrays = [parts.offsets, parts.postingDocs, parts.postingTf, parts.docLengths];
  const bytes = new Uint8Array(arrays.reduce((n, a) => n + a.byteLength, 0));
  let at = 0;
  for (const a of arrays) {
    bytes.set(bytesOf(a), at);
    at += a.byteLength;
  }
  return bytes;
}

/** Reads what `packBm25` wrote (copied, so the arrays are aligned and own their memory). */
export function unpackBm25(terms: string[], packed: Uint8Array, passages: number): Bm25Parts {
  if (packed.byteLength % 4 !== 0) throw new Error(`BM25 arrays of ${packed.byteLength} bytes are not whole 32-bit words`);
  const words = new Uint32Array(packed.slice().buffer);
  const offsets = words.slice(0, terms.length + 1);
  const total = offsets[terms.length] ?? 0;
  const expected = terms.length + 1 + 2 * total + passages;
  if (words.length !== expected) throw new Error(`the BM25 arrays hold ${words.length} words, expected ${expected}`);
  const floats = new Float32Array(words.buffer);
  return {
    terms,
    offsets,
    postingDocs: words.slice(terms.length + 1, terms.length + 1 + total),
    postingTf: floats.slice(terms.length + 1 + total, terms.length + 1 + 2 * total),
    docLengths: floats.slice(terms.length + 1 + 2 * total),
  };
}

interface BundleHeader {
  manifest: Manifest;
  corpus: Corpus;
  terms: string[];
  embedderState: unknown;
  bm25Bytes: number;
  vectors: { dimension: number; bytes: number } | null;
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeIndexBundle(parts: IndexParts): Uint8Array {
  const bm25 = packBm25(parts.bm25);
  const vectors = parts.vectors ? bytesOf(parts.vectors.data) : null;
  const header: BundleHeader = {
    manifest: parts.manifest,
    corpus: parts.corpus,
    terms: parts.bm25.terms,
    embedderState: parts.embedderState ?? null,
    bm25Bytes: bm25.byteLength,
    vectors: parts.vectors && vectors ? { dimension: parts.vectors.dimension, bytes: vectors.byteLength } : null,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(MAGIC.length + 4 + json.byteLength);
  const out = new Uint8Array(start + bm25.byteLength + (vectors?.byteLength ?? 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.byteLength, true);
  out.set(json, MAGIC.length + 4);
  out.set(bm25, start);
  if (vectors) out.set(vectors, start + bm25.byteLength);
  return out;
}

export function decodeIndexBundle(input: ArrayBuffer | Uint8Array): IndexParts {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not an index bundle (npm run build:worker writes one)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as BundleHeader;
  const start = align4(MAGIC.length + 4 + length);
  const vectorBytes = header.vectors?.bytes ?? 0;
  if (bytes.byteLength !== start + header.bm25Bytes + vectorBytes) throw new Error(`the index bundle has ${bytes.byteLength} bytes, its header says ${start + header.bm25Bytes + vectorBytes}`);
  const passages = header.corpus.passages.length;
  if (passages !== header.manifest.passages) throw new Error(`the bundle's corpus holds ${passages} passages, its manifest ${header.manifest.passages}`);
  const bm25 = unpackBm25(header.terms, bytes.subarray(start, start + header.bm25Bytes), passages);
  const vectors = header.vectors
    ? { dimension: header.vectors.dimension, data: new Float32Array(bytes.slice(start + header.bm25Bytes, start + header.bm25Bytes + vectorBytes).buffer) }
    : null;
  return { manifest: header.manifest, corpus: header.corpus, bm25, embedderState: header.embedderState, vectors };
}
