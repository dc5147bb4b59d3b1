import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../scripts/make-tiny-model.ts';
import { loadConfig } from '../config.ts';
import { buildQuery } from '../retrieval/query.ts';
import { readCurrentIndex } from '../retrieval/index-store.ts';
import { createEngine, openStoredEngine } from './engine.ts';

const root = mkdtempSync(join(tmpdir(), 'hoidap-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function setup(name: string) {
  const corpusDir = join(root, name, 'corpus');
  cpSync('corpus', corpusDir, { recursive: true });
  const config = (env: Record<string, string> = {}) => loadConfig({ CORPUS_DIR: corpusDir, DATA_DIR: join(root, name, 'data'), ...env });
  return { corpusDir, config };
}

describe('createEngine', () => {
  it('builds the index once and reuses it while nothing changed', async () => {
    const { config } = setup('reuse');
    const first = await createEngine(config());
    const second = await createEngine(config());
    expect(first.rebuilt).toBe(true);
    expect(second.rebuilt).toBe(false);
    expect(second.manifest.build).toBe(first.manifest.build);
  });

  it('rebuilds when the FAQ changes, and records its hash apart from the documents', async () => {
    const { config, corpusDir } = setup('faq');
    const before = await createEngine(config());
    appendFileSync(join(corpusDir, 'faq', 'faq.yaml'), '\n# a comment changes the file\n');
    const after = await createEngine(config());
    expect(after.rebuilt).toBe(true);
    expect(after.manifest.faqHash).not.toBe(before.manifest.faqHash);
    expect(after.manifest.corpusHash).toBe(before.manifest.corpusHash);
  });

  it('builds no vectors for an embedder without fusion weight, and rebuilds with vectors when one is given', async () => {
    const { config } = setup('switch');
    const lexical = await createEngine(config({ EMBEDDER: 'hashed' }));
    expect(lexical.manifest.vectorIndex).toBeNull();
    expect(lexical.searcher.vectors).toBeNull();
    const hybrid = await createEngine(config({ EMBEDDER: 'hashed', EMBEDDING_DIM: '1024', FUSION_WEIGHT: '0.3' }));
    expect(hybrid.rebuilt).toBe(true);
    expect(hybrid.manifest).toMatchObject({ vectorIndex: 'exact', dimension: 1024 });
    expect(hybrid.manifest.embedder).toContain('d1024');
    expect(hybrid.searcher.vectors?.index.size).toBe(hybrid.manifest.passages);
  });

  it('rebuilds when the embedder changes, and the HNSW index it builds answers like the exact one', async () => {
    const { config } = setup('hnsw');
    const env = { EMBEDDER: 'hashed', EMBEDDING_DIM: '1024', FUSION_WEIGHT: '0.3' };
    const exact = await createEngine(config(env));
    const hnsw = await createEngine(config({ ...env, EMBEDDING_DIM: '2048', VECTOR_INDEX: 'hnsw' }));
    expect(hnsw.rebuilt).toBe(true);
    expect(hnsw.manifest).toMatchObject({ vectorIndex: 'hnsw', dimension: 2048 });
    const reopened = await createEngine(config({ ...env, EMBEDDING_DIM: '2048', VECTOR_INDEX: 'hnsw' }));
    expect(reopened.rebuilt).toBe(false);
    expect(reopened.searcher.vectors?.index.kind).toBe('hnsw');
    for (const engine of [exact, reopened]) {
      const result = await engine.answer('Ngày Chuyển đổi số quốc gia là ngày nào?');
      expect(result.outcome).toBe('answered');
      expect(result.answer).toContain('10/10');
    }
  });

  it('rebuilds with a transformers.js model from MODELS_DIR when the embedder is switched to it, and caches its vectors', async () => {
    const { config } = setup('model');
    const modelsDir = join(root, 'model', 'models');
    makeTinyModel(modelsDir, 'tiny/vi-test-embedder');
    const hashed = await createEngine(config({ EMBEDDER: 'hashed', EMBEDDING_DIM: '1024', FUSION_WEIGHT: '0.3' }));
    const env = { EMBEDDER: 'transformers', MODELS_DIR: modelsDir, EMBEDDING_MODEL: 'tiny/vi-test-embedder', FUSION_WEIGHT: '0.3' };
    const model = await createEngine(config(env));
    expect(model.rebuilt).toBe(true);
    expect(model.manifest.build).not.toBe(hashed.manifest.build);
    expect(model.manifest).toMatchObject({ vectorIndex: 'exact', dimension: 32 });
    expect(model.manifest.embedder).toMatch(/^transformers:tiny\/vi-test-embedder:q8@\w+$/);
    expect(readdirSync(join(root, 'model', 'data')).filter((f) => /^embedding-cache-\w+\.bin$/.test(f))).toHaveLength(1);
    const reopened = await createEngine(config(env));
    expect(reopened.rebuilt).toBe(false);
    expect(reopened.searcher.vectors?.index.size).toBe(model.manifest.passages);
    expect((await reopened.answer('Ngày Chuyển đổi số quốc gia là ngày nào?')).answer).toContain('10/10');
  });

  it('serves BM25 alone, and says why, when the model its vectors were built with is gone', async () => {
    const { config } = setup('gone');
    const modelsDir = join(root, 'gone', 'models');
    makeTinyModel(modelsDir, 'tiny/vi-test-embedder');
    const env = { EMBEDDER: 'transformers', MODELS_DIR: modelsDir, EMBEDDING_MODEL: 'tiny/vi-test-embedder', FUSION_WEIGHT: '0.3' };
    const built = await createEngine(config(env));
    expect(built.searcher.vectors).not.toBeNull();
    rmSync(join(modelsDir, 'tiny', 'vi-test-embedder', 'onnx', 'model_quantized.onnx'));
    const stored = readCurrentIndex(join(root, 'gone', 'data'));
    expect(stored?.manifest.build).toBe(built.manifest.build);
    // Named as configured, the stored model is not the one on disk any more.
    const opened = await openStoredEngine(stored as NonNullable<typeof stored>, config(env));
    expect(opened?.searcher.vectors).toBeNull();
    expect(opened?.warnings.join()).toMatch(/BM25 alone: built with embedder transformers:tiny\/vi-test-embedder:q8@\w+, configured transformers:tiny\/vi-test-embedder:q8@\w+/);
    expect((await opened?.answer('Ngày Chuyển đổi số quốc gia là ngày nào?'))?.answer).toContain('10/10');
    await expect(createEngine(config(env))).rejects.toThrow(/not found.*models:fetch/s);
  });

  it('ranks by the vector side alone at weight 1: the hashed embedder finds the passage a question is about', async () => {
    const { config } = setup('vector-only');
    const engine = await createEngine(config({ EMBEDDER: 'hashed', EMBEDDING_DIM: '4096', FUSION_WEIGHT: '1' }));
    const hits = await engine.searcher.retrieve(buildQuery('Ngày nào là Ngày Chuyển đổi số quốc gia?'), 3);
    expect(hits.some((h) => h.passage.documentId === 'cac-ngay-ky-niem' && h.passage.text.includes('10/10'))).toBe(true);
  });
});
