import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../scripts/make-tiny-model.ts';
import { loadConfig } from '../config.ts';
import { createEngine } from './engine.ts';

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
    expect(model.manifest).toMatchObject({ embedder: 'transformers:tiny/vi-test-embedder:q8', vectorIndex: 'exact', dimension: 32 });
    expect(existsSync(join(root, 'model', 'data', 'embedding-cache.bin'))).toBe(true);
    const reopened = await createEngine(config(env));
    expect(reopened.rebuilt).toBe(false);
    expect(reopened.searcher.vectors?.index.size).toBe(model.manifest.passages);
    expect((await reopened.answer('Ngày Chuyển đổi số quốc gia là ngày nào?')).answer).toContain('10/10');
  });
});
