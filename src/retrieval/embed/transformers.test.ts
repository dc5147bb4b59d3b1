import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTinyModel } from '../../../scripts/make-tiny-model.ts';
import { TransformersEmbeddings } from './transformers.ts';

const MODEL = 'tiny/vi-test-embedder';
// A name containing "e5" turns the query/passage prefixes on, as for multilingual-e5.
const E5_MODEL = 'tiny/multilingual-e5-test';
const PASSAGES = ['Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.', 'Nghị quyết 57 do Bộ Chính trị ban hành.', 'Bình dân học vụ số.'];

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('TransformersEmbeddings', () => {
  let dir: string;
  let embedder: TransformersEmbeddings;
  const fetchSpy = vi.spyOn(globalThis, 'fetch');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nq57-models-'));
    makeTinyModel(dir, MODEL);
    makeTinyModel(dir, E5_MODEL);
    // Were anything fetched, it would go here and fail: nothing listens on port 9.
    env.remoteHost = 'http://127.0.0.1:9/';
    embedder = await TransformersEmbeddings.create({ modelsDir: dir, model: MODEL, batchSize: 2 });
  });

  afterAll(() => {
    fetchSpy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the model from the local directory with remote loading off and no request made', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath.startsWith(dir)).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(embedder.id).toBe(`transformers:${MODEL}:q8`);
  });

  it('returns unit vectors of the model hidden size, the same for the same text only', async () => {
    expect(embedder.dimension).toBe(32);
    const [a, b, c] = await embedder.embedDocuments([PASSAGES[0] as string, PASSAGES[0] as string, PASSAGES[1] as string]);
    expect(a).toHaveLength(32);
    expect(norm(a as number[])).toBeCloseTo(1, 5);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(await embedder.embedQuery('chuyển đổi số')).toEqual(await embedder.embedQuery('chuyển đổi số'));
    expect(await embedder.embedQuery('chuyển đổi số')).not.toEqual(await embedder.embedQuery('khoa học'));
  });

  it('puts "query: " and "passage: " before texts for an e5 model, and nothing for others', async () => {
    const e5 = await TransformersEmbeddings.create({ modelsDir: dir, model: E5_MODEL, dtype: 'fp32' });
    const raw = await pipeline('feature-extraction', E5_MODEL, { dtype: 'fp32' });
    const rawOf = async (text: string) => (await raw(text, { pooling: 'mean', normalize: true })).tolist()[0] as number[];
    expect(await e5.embedQuery('x')).toEqual(await rawOf('query: x'));
    expect((await e5.embedDocuments(['x']))[0]).toEqual(await rawOf('passage: x'));
    expect(await e5.embedQuery('x')).not.toEqual(await rawOf('x'));
    const plain = await TransformersEmbeddings.create({ modelsDir: dir, model: E5_MODEL, dtype: 'fp32', prefixes: false });
    expect(await plain.embedQuery('x')).toEqual(await rawOf('x'));
  });

  it('does not run the model again for passages it has embedded', async () => {
    const fresh = await TransformersEmbeddings.create({ modelsDir: dir, model: MODEL, batchSize: 2 });
    const first = await fresh.embedDocuments(PASSAGES);
    expect(fresh.stats).toEqual({ batches: 2, embedded: 3, cached: 0 });
    expect(await fresh.embedDocuments(PASSAGES)).toEqual(first);
    expect(fresh.stats).toEqual({ batches: 2, embedded: 3, cached: 3 });
  });

  it('reuses saved vectors after a restart, embedding only the changed passage', async () => {
    const cacheFile = join(dir, 'cache', 'vectors.bin');
    const before = await TransformersEmbeddings.create({ modelsDir: dir, model: MODEL });
    const vectors = await before.embedDocuments(PASSAGES);
    expect(await before.saveCache(cacheFile)).toBe(3);

    const after = await TransformersEmbeddings.create({ modelsDir: dir, model: MODEL });
    expect(await after.loadCache(cacheFile)).toBe(3);
    const changed = [...PASSAGES.slice(0, 2), 'Bình dân học vụ số cho mọi người dân.'];
    const again = await after.embedDocuments(changed);
    expect(again.slice(0, 2)).toEqual(vectors.slice(0, 2));
    expect(after.stats).toMatchObject({ embedded: 1, cached: 2 });
    // Pruned, the cache keeps only what this process used: the old third passage goes.
    expect(await after.saveCache(cacheFile, { prune: true })).toBe(3);
    const other = await TransformersEmbeddings.create({ modelsDir: dir, model: E5_MODEL });
    expect(await other.loadCache(cacheFile)).toBe(0);
  });

  it('fails with the directory it looked in and how to get the model when the model is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nq57-no-models-'));
    try {
      await expect(TransformersEmbeddings.create({ modelsDir: empty, model: 'Xenova/multilingual-e5-small' })).rejects.toThrow(
        new RegExp(`${join(empty, 'Xenova', 'multilingual-e5-small')}.*config\\.json.*models:fetch`),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
