/**
 * @module
 * Where `npm run build:worker` puts the vectors (scripts/build-worker.ts): bundled with the
 * index when the bytes of the whole asset stay within 25 MiB less a margin, in Vectorize
 * otherwise; and the errors say what helps when neither works. The sizes are those of real
 * bundles: 3,400 bytes a passage for the text and BM25 (measured on the real corpus grown to
 * 20,000 passages with synthetic documents like it), 4 bytes a float for the vectors.
 */
import { describe, expect, it } from 'vitest';
import { checkCorpusFits, MAX_ASSET_BYTES, passageCeiling, PLACEMENT_MARGIN_BYTES, vectorPlacement, type PlacementInput } from '../scripts/build-worker.ts';
import { encodeIndexBundle, type IndexParts } from '../src/engine/codec.ts';
import type { Manifest } from '../src/engine/manifest.ts';
import { EXACT_MAX_FLOATS } from '../src/entry/engine.ts';
import { buildCorpus } from '../src/ingest/corpus.ts';
import { readCorpusFiles } from '../src/ingest/read-files.ts';
import { buildPassageIndex } from '../src/retrieval/searcher.ts';
import { CORPUS_DIR } from './helpers.ts';

const TEXT_BYTES_A_PASSAGE = 3_400;
const BGE_M3 = 1024;

const input = (passages: number, dimension: number, over: Partial<PlacementInput> = {}): PlacementInput => ({
  vectorIndex: 'auto',
  embedder: 'workers-ai',
  passages,
  dimension,
  textBytes: passages * TEXT_BYTES_A_PASSAGE,
  ...over,
});

describe('vector placement on Workers', () => {
  it('bundles the vectors of a small corpus', () => {
    expect(vectorPlacement(input(188, BGE_M3))).toBe('exact');
    expect(vectorPlacement(input(188, 4096, { embedder: 'hashed' }))).toBe('exact');
  });

  it('sends to Vectorize what the float budget alone would have bundled into a 25 MiB-plus asset', () => {
    // 20,000 × 384 floats are 29.3 MiB of vectors alone: the old rule (floats ≤ EXACT_MAX_FLOATS) said exact.
    expect(20_000 * 384 * 4).toBeGreaterThan(MAX_ASSET_BYTES);
    const review = { vectorIndex: 'auto', embedder: 'workers-ai', passages: 5_000, dimension: BGE_M3, textBytes: 5_000 * TEXT_BYTES_A_PASSAGE } as const;
    expect(review.passages * review.dimension).toBeLessThanOrEqual(EXACT_MAX_FLOATS);
    expect(vectorPlacement(review)).toBe('vectorize');
    expect(vectorPlacement(input(2_000, 384))).toBe('exact');
    expect(vectorPlacement(input(6_000, 384))).toBe('vectorize');
  });

  it('bundles up to the asset limit less the margin, not a byte more', () => {
    const passages = 3_000;
    const vectorBytes = passages * BGE_M3 * 4;
    const edge = MAX_ASSET_BYTES - PLACEMENT_MARGIN_BYTES - vectorBytes;
    expect(vectorPlacement(input(passages, BGE_M3, { textBytes: edge }))).toBe('exact');
    expect(vectorPlacement(input(passages, BGE_M3, { textBytes: edge + 1 }))).toBe('vectorize');
  });

  it('keeps VECTOR_INDEX=exact within the margin, and says to use Vectorize above the limit', () => {
    const passages = 3_000;
    const vectorBytes = passages * BGE_M3 * 4;
    expect(vectorPlacement(input(passages, BGE_M3, { vectorIndex: 'exact', textBytes: MAX_ASSET_BYTES - vectorBytes }))).toBe('exact');
    expect(() => vectorPlacement(input(passages, BGE_M3, { vectorIndex: 'exact', textBytes: MAX_ASSET_BYTES - vectorBytes + 1 }))).toThrow(/above the 25 MiB.*put the vectors in Vectorize/);
  });

  it('tells a hashed embedder whose vectors do not fit to answer with BM25 alone, not to use Vectorize', () => {
    const error = (() => {
      try {
        vectorPlacement(input(2_000, 4096, { embedder: 'hashed' }));
      } catch (e) {
        return (e as Error).message;
      }
      return 'placed';
    })();
    expect(error).toMatch(/hashed vectors can only be bundled/);
    expect(error).toMatch(/BM25 alone \(FUSION_WEIGHT=0 or EMBEDDER=none\)/);
    expect(() => vectorPlacement(input(188, 4096, { embedder: 'hashed', vectorIndex: 'vectorize' }))).toThrow(/VECTOR_INDEX=vectorize needs EMBEDDER=workers-ai/);
    expect(() => vectorPlacement(input(188, 384, { vectorIndex: 'hnsw' }))).toThrow(/Node only/);
  });

  it('says a corpus whose text and BM25 alone exceed the limit is too large for one bundle, with the ceiling', () => {
    const passages = 8_000;
    const textBytes = passages * TEXT_BYTES_A_PASSAGE;
    expect(textBytes).toBeGreaterThan(MAX_ASSET_BYTES);
    const ceiling = passageCeiling(TEXT_BYTES_A_PASSAGE);
    expect(ceiling).toBe(7_700);
    for (const attempt of [() => checkCorpusFits(textBytes, passages), () => vectorPlacement(input(passages, BGE_M3))]) {
      expect(attempt).toThrow(/corpus is too large for one Worker bundle/);
      expect(attempt).toThrow(`(${TEXT_BYTES_A_PASSAGE} bytes a passage)`);
      expect(attempt).toThrow(`about ${ceiling} such passages`);
      expect(attempt).not.toThrow(/Vectorize/);
    }
    expect(() => checkCorpusFits(MAX_ASSET_BYTES, passages)).not.toThrow();
  });

  it('measures what the encoded bundle really is: text bytes plus 4 bytes a float, within a few bytes of the margin', async () => {
    const corpus = buildCorpus(await readCorpusFiles(CORPUS_DIR));
    const passages = corpus.passages.length;
    const manifest = { passages, documents: corpus.documents.length, faq: corpus.faq.length, vectorIndex: 'vectorize', dimension: BGE_M3 } as unknown as Manifest;
    const parts: IndexParts = { manifest, corpus, bm25: buildPassageIndex(corpus).toParts(), embedderState: null, vectors: null };
    const textBytes = encodeIndexBundle(parts).byteLength;
    const data = new Float32Array(passages * BGE_M3).map((_, i) => Math.sin(i));
    const withVectors = encodeIndexBundle({ ...parts, manifest: { ...manifest, vectorIndex: 'exact' }, vectors: { dimension: BGE_M3, data } }).byteLength;
    const overhead = withVectors - textBytes - data.byteLength;
    expect(Math.abs(overhead)).toBeLessThan(100);
    expect(Math.abs(overhead)).toBeLessThan(PLACEMENT_MARGIN_BYTES);
  });
});
