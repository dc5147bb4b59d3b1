import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Corpus } from '../ingest/corpus.ts';
import { HnswVectorIndex } from './hnsw-index.ts';
import { abandonBuild, beginBuild, commitBuild, FORMAT_VERSION, loadIndexContent, newBuildId, readCurrentIndex, removeDebris, type Manifest } from './index-store.ts';
import { buildPassageIndex } from './searcher.ts';
import { ExactVectorIndex } from './vectors.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoidap-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function corpusOf(texts: string[]): Corpus {
  return {
    documents: [{ id: 'd', title: 'Văn bản', type: 'Kế hoạch', number: null, issuer: null, signer: null, signerTitle: null, date: null, url: null, implements: null, sources: [], compiledBy: null, errata: [], aliases: [] }],
    passages: texts.map((text, i) => ({ id: `d:${i}`, documentId: 'd', path: ['I. Mục tiêu'], text, order: i })),
    faq: [],
    issues: [],
  };
}

function manifestFor(corpus: Corpus, vectorIndex: Manifest['vectorIndex'], dimension: number | null): Manifest {
  return {
    formatVersion: FORMAT_VERSION,
    corpusHash: 'c',
    faqHash: 'f',
    ingestVersion: 1,
    textVersion: 't',
    embedder: vectorIndex ? 'test' : null,
    vectorIndex,
    build: newBuildId(),
    builtAt: new Date().toISOString(),
    dimension,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    faq: 0,
    buildMs: 1,
    timings: {},
  };
}

const unit = (i: number, d: number) => Array.from({ length: d }, (_, j) => (j === i % d ? 1 : 0));

async function commit(dir: string, texts: string[], vectors: 'exact' | 'hnsw' | null = null): Promise<Manifest> {
  const corpus = corpusOf(texts);
  const d = 8;
  const embedded = new Float32Array(texts.flatMap((_, i) => unit(i, d)));
  const index = vectors === 'hnsw' ? await HnswVectorIndex.build(embedded, d, new FakeEmbeddings()) : vectors === 'exact' ? new ExactVectorIndex(d, embedded) : null;
  const manifest = manifestFor(corpus, vectors, vectors ? d : null);
  await commitBuild(dir, beginBuild(dir, manifest.build), manifest, { corpus, passageIndex: buildPassageIndex(corpus), embedderState: { fitted: true }, vectors: index });
  return manifest;
}

describe('the index store', () => {
  it('commits a build into its own directory and points current.json at it', async () => {
    const dir = dataDir();
    const manifest = await commit(dir, ['một', 'hai']);
    const stored = readCurrentIndex(dir);
    expect(stored?.manifest.build).toBe(manifest.build);
    expect(stored?.dir).toBe(join(dir, 'index', manifest.build));
    const content = stored ? loadIndexContent(stored) : null;
    expect(content?.corpus.passages.map((p) => p.text)).toEqual(['một', 'hai']);
    expect(content?.embedderState).toEqual({ fitted: true });
  });

  it('reads back exact and HNSW vectors that find the same neighbours', async () => {
    for (const kind of ['exact', 'hnsw'] as const) {
      const dir = dataDir();
      await commit(dir, ['a', 'b', 'c', 'd', 'e'], kind);
      const stored = readCurrentIndex(dir);
      const vectors = await loadIndexContent(stored as NonNullable<typeof stored>)?.readVectors(new FakeEmbeddings());
      expect(vectors?.kind).toBe(kind);
      expect(vectors?.size).toBe(5);
      const [best] = (await vectors?.search(unit(3, 8), 2)) ?? [];
      expect(best?.doc).toBe(3);
      expect(best?.similarity).toBeCloseTo(1, 5);
    }
  });

  it('keeps the old build current when a new one fails before its commit, and leaves nothing behind', async () => {
    const dir = dataDir();
    const old = await commit(dir, ['cũ']);
    const building = beginBuild(dir, newBuildId());
    writeFileSync(join(building, 'corpus.json'), '{"half":');
    abandonBuild(building);
    expect(readCurrentIndex(dir)?.manifest.build).toBe(old.build);
    expect(readdirSync(join(dir, 'index')).sort()).toEqual([old.build, 'current.json'].sort());
  });

  it('replaces the previous build on commit, keeping it one generation for processes still opening it', async () => {
    const dir = dataDir();
    const first = await commit(dir, ['một']);
    const second = await commit(dir, ['hai']);
    expect(readCurrentIndex(dir)?.manifest.build).toBe(second.build);
    expect(existsSync(join(dir, 'index', first.build))).toBe(true);
    const third = await commit(dir, ['ba']);
    expect(readdirSync(join(dir, 'index')).sort()).toEqual([second.build, third.build, 'current.json'].sort());
  });

  it('removes its own unfinished build at start, when a restarted server has the same pid', () => {
    const dir = dataDir();
    const own = `.building-${process.pid}-${newBuildId()}`;
    mkdirSync(join(dir, 'index', own), { recursive: true });
    expect(removeDebris(dir)).toEqual([]);
    expect(removeDebris(dir, { ownBuilds: true })).toEqual([own]);
  });

  it('removes the debris of a crashed build, older builds and format-1 files, but not the current build, a live build or a newer one', async () => {
    const dir = dataDir();
    const current = await commit(dir, ['hiện tại']);
    const root = join(dir, 'index');
    // A build by a process that no longer exists (pid beyond the kernel's limit), one by a live process, an older orphaned build, a newer one (another process's, about to become current) and the old layout.
    mkdirSync(join(root, `.building-4194305-${newBuildId()}`));
    const live = `.building-${process.ppid}-${newBuildId()}`;
    mkdirSync(join(root, live));
    mkdirSync(join(root, 'b-20000101t000000000z-orphan'));
    const newer = newBuildId(new Date(Date.now() + 60_000));
    mkdirSync(join(root, newer));
    writeFileSync(join(root, 'manifest.json'), '{"formatVersion":1}');
    writeFileSync(join(root, '.current-4194305.tmp'), '{}');
    const removed = removeDebris(dir);
    expect(removed).toHaveLength(4);
    expect(readdirSync(root).sort()).toEqual([current.build, 'current.json', live, newer].sort());
    expect(readCurrentIndex(dir)?.manifest.build).toBe(current.build);
  });

  it('removes nothing while current.json cannot be read: any build may be the current one', async () => {
    const dir = dataDir();
    const current = await commit(dir, ['một']);
    writeFileSync(join(dir, 'index', 'current.json'), '{"build":');
    expect(removeDebris(dir, { ownBuilds: true })).toEqual([]);
    expect(existsSync(join(dir, 'index', current.build))).toBe(true);
  });

  it('treats a pointer to a missing or foreign build as no index', async () => {
    const dir = dataDir();
    await commit(dir, ['x']);
    writeFileSync(join(dir, 'index', 'current.json'), JSON.stringify({ build: '../../etc' }));
    expect(readCurrentIndex(dir)).toBeNull();
    writeFileSync(join(dir, 'index', 'current.json'), JSON.stringify({ build: 'b-missing' }));
    expect(readCurrentIndex(dir)).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, 'index', 'current.json'), 'utf8'))).toEqual({ build: 'b-missing' });
  });
});
