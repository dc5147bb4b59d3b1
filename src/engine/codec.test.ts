import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { buildIndex } from '../entry/engine.ts';
import { readCorpusSources } from '../ingest/read-files.ts';
import { decodeIndexBundle, encodeIndexBundle, type IndexParts } from './codec.ts';
import { assembleEngine, engineFromParts } from './assemble.ts';

const root = mkdtempSync(join(tmpdir(), 'hoidap-codec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the index bundle', () => {
  it('gives back every part, and an engine over them answers as the engine over the built index', async () => {
    const config = loadConfig({ CORPUS_DIR: 'corpus', DATA_DIR: root, EMBEDDER: 'hashed', FUSION_WEIGHT: '0.2', EMBEDDING_DIM: '256' });
    const built = await buildIndex(readCorpusSources(config.corpusDir), config);
    const exact = built.vectors?.index as unknown as { dimension: number; data: Float32Array };
    const parts: IndexParts = { manifest: built.manifest, corpus: built.corpus, bm25: built.passageIndex.toParts(), embedderState: built.embedderState, vectors: { dimension: exact.dimension, data: exact.data } };
    const bytes = encodeIndexBundle(parts);
    const back = decodeIndexBundle(bytes.slice().buffer);
    expect(back.manifest).toEqual(parts.manifest);
    expect(back.corpus).toEqual(JSON.parse(JSON.stringify(parts.corpus)));
    expect(back.bm25).toEqual(parts.bm25);
    expect(back.embedderState).toEqual(JSON.parse(JSON.stringify(parts.embedderState)));
    expect(back.vectors).toEqual(parts.vectors);

    const original = assembleEngine(built.corpus, { passageIndex: built.passageIndex, vectors: null }, built.manifest, config);
    const restored = engineFromParts(back, config);
    for (const question of ['ngay chuyen doi so quoc gia la ngay nao', 'Mục tiêu đến năm 2030 về kinh tế số?', 'thời tiết hôm nay']) {
      const [a, b] = await Promise.all([original.answer(question), restored.answer(question)]);
      expect({ outcome: b.outcome, method: b.method, answer: b.answer, sources: b.sources.map((s) => s.id) }).toEqual({ outcome: a.outcome, method: a.method, answer: a.answer, sources: a.sources.map((s) => s.id) });
    }
  });

  it('refuses bytes that are not a bundle, or whose parts do not add up', () => {
    expect(() => decodeIndexBundle(new TextEncoder().encode('{"manifest":{}}'))).toThrow(/not an index bundle/);
    const parts: IndexParts = {
      manifest: { formatVersion: 2, corpusHash: 'c', faqHash: 'f', ingestVersion: 1, textVersion: 't', embedder: null, vectorIndex: null, build: 'b-1', builtAt: '', dimension: null, documents: 0, passages: 0, faq: 0, buildMs: 0, timings: {} },
      corpus: { documents: [], passages: [], faq: [], issues: [] },
      bm25: { terms: [], offsets: new Uint32Array(1), postingDocs: new Uint32Array(0), postingTf: new Float32Array(0), docLengths: new Float32Array(0) },
      embedderState: null,
      vectors: null,
    };
    const bytes = encodeIndexBundle(parts);
    expect(decodeIndexBundle(bytes).corpus.passages).toEqual([]);
    expect(() => decodeIndexBundle(bytes.subarray(0, bytes.byteLength - 4))).toThrow(/header says/);
  });
});
