/**
 * @module
 * The optional Cloudflare models, wired as on the Worker (src/entry/worker/service.ts) with
 * injected fake bindings, since neither Workers AI nor Vectorize runs locally:
 * EMBEDDER=workers-ai builds the passages' vectors with bge-m3 over the REST API and embeds
 * questions through the AI binding, the vectors bundled (exact) or in Vectorize;
 * LLM_PROVIDER=workers-ai writes answers through the binding with an explicit max_tokens.
 * The database is the local D1 of workerd.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { encodeIndexBundle, type IndexParts } from '../src/engine/codec.ts';
import { buildIndex } from '../src/entry/engine.ts';
import { readFaqFiles } from '../src/entry/faq-files.ts';
import type { WorkerEnv } from '../src/entry/worker/bindings.ts';
import { Coordinator } from '../src/entry/worker/coordinator.ts';
import { createWorkerService } from '../src/entry/worker/service.ts';
import { readCorpusSources } from '../src/ingest/read-files.ts';
import { WORKERS_AI_EMBEDDER_ID } from '../src/retrieval/embed/workers-ai.ts';
import { vectorizeNamespace } from '../src/retrieval/vectorize-index.ts';
import { ExactVectorIndex } from '../src/retrieval/vectors.ts';
import { fakeAi, fakeVectorize, startFakeWorkersAiRest, type FakeAi } from './fakes/workers-ai.fake.ts';
import { CORPUS_DIR, DATE_QUESTION } from './helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';

const TOKEN = 'cf-token-for-tests';
/** Answered from a passage (not the FAQ), so a composer writes it. */
const EXTRACTIVE_QUESTION = 'Tỉnh Điện Biên sẽ làm gì để phát triển hạ tầng số?';
let worker: LocalWorker;
let parts: IndexParts;
let restCalls = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'hoidap-models-'));

beforeAll(async () => {
  const rest = await startFakeWorkersAiRest(TOKEN);
  try {
    const config = loadConfig({ CORPUS_DIR, DATA_DIR: dataDir, EMBEDDER: 'workers-ai', CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE: rest.url, VECTOR_INDEX: 'exact' });
    const built = await buildIndex(readCorpusSources(CORPUS_DIR), config);
    restCalls = rest.ai.calls.length;
    const index = built.vectors?.index as ExactVectorIndex;
    parts = { manifest: built.manifest, corpus: built.corpus, bm25: built.passageIndex.toParts(), embedderState: built.embedderState, vectors: { dimension: index.dimension, data: index.data } };
  } finally {
    await rest.close();
  }
  worker = await startWorker();
}, 180_000);
afterAll(async () => {
  await worker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The Worker's bindings with fakes where the platform has no local simulation; a fresh set of tables per test. */
async function environment(bundle: IndexParts, extra: Partial<WorkerEnv> & Record<string, unknown>): Promise<WorkerEnv> {
  const bytes = encodeIndexBundle(bundle);
  const assets: Record<string, () => Response> = {
    '/index/index.bin': () => new Response(bytes.slice().buffer),
    '/index/faq-files.json': () => Response.json(readFaqFiles(CORPUS_DIR)),
    '/index/widget.json': () => Response.json({ code: '/* widget */', etag: '"w"', version: 'w' }),
  };
  const objects = new Map<string, Coordinator>();
  const db = await worker.database();
  // Each test starts without exchanges; the FAQ is imported into D1 by the first service and kept.
  for (const table of ['feedback', 'exchanges', 'conversations']) await db.prepare(`DELETE FROM ${table}`).run();
  return {
    DB: db as never,
    ASSETS: { fetch: async (input) => (assets[new URL(input).pathname] ?? (() => new Response('not found', { status: 404 })))() },
    COORDINATOR: {
      idFromName: (name) => name,
      get: (id) => ({
        fetch: async (input, init) => {
          if (!objects.has(id as string)) objects.set(id as string, new Coordinator());
          return (objects.get(id as string) as Coordinator).fetch(new Request(input, init));
        },
      }),
    },
    RATE_LIMIT_PER_MINUTE: '0',
    SESSION_SECRET: 'm'.repeat(40),
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

async function ask(env: WorkerEnv, message: string) {
  const service = createWorkerService(env);
  const waiting: Array<Promise<unknown>> = [];
  const res = await service.fetch(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }), { waitUntil: (p) => waiting.push(p) });
  await Promise.all(waiting);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { outcome: string; method: string; answer: string; sources: Array<{ documentId: string }> };
}

const embeddingsOf = (ai: FakeAi) => ai.calls.filter((c) => c.model === '@cf/baai/bge-m3');

describe('EMBEDDER=workers-ai', () => {
  it('builds the passage vectors with bge-m3 (never the English default), at most 100 texts a call, 1024 dimensions', () => {
    expect(parts.manifest.embedder).toBe(WORKERS_AI_EMBEDDER_ID);
    expect(parts.manifest.dimension).toBe(1024);
    expect(parts.vectors?.data.length).toBe(parts.manifest.passages * 1024);
    expect(restCalls).toBeGreaterThanOrEqual(Math.ceil(parts.manifest.passages / 100));
  });

  it('answers with the bundled vectors, embedding the question through the AI binding', async () => {
    const ai = fakeAi();
    const body = await ask(await environment(parts, { EMBEDDER: 'workers-ai', FUSION_WEIGHT: '0.3', AI: ai }), 'Mục tiêu đến năm 2030 về kinh tế số là gì?');
    expect(body.outcome).toBe('answered');
    const [query] = embeddingsOf(ai);
    expect((query?.input.text as string[]).length).toBe(1);
  });

  it('answers with the vectors in Vectorize above the in-memory size: queried by namespace of the build, 50 candidates, no values or metadata', async () => {
    const ai = fakeAi();
    const vectorize = fakeVectorize();
    const namespace = vectorizeNamespace(parts.manifest.build);
    const data = parts.vectors?.data as Float32Array;
    vectorize.upsert(Array.from({ length: parts.manifest.passages }, (_, doc) => ({ id: String(doc), namespace, values: Array.from(data.subarray(doc * 1024, (doc + 1) * 1024)) })));
    const inVectorize: IndexParts = { ...parts, manifest: { ...parts.manifest, vectorIndex: 'vectorize' }, vectors: null };
    const body = await ask(await environment(inVectorize, { EMBEDDER: 'workers-ai', FUSION_WEIGHT: '0.3', AI: ai, VECTORIZE: vectorize }), DATE_QUESTION);
    expect(body.outcome).toBe('answered');
    expect(body.answer).toContain('10/10');
    expect(vectorize.queries).toHaveLength(1);
    expect(vectorize.queries[0]?.options).toEqual({ topK: 50, namespace, returnValues: false, returnMetadata: 'none' });
    expect(embeddingsOf(ai)).toHaveLength(1);
  });
});

describe('LLM_PROVIDER=workers-ai', () => {
  it('writes the answer through the AI binding, streaming, with the configured model, max_tokens and temperature', async () => {
    const ai = fakeAi((messages) => {
      const sources = messages.find((m) => m.role === 'user')?.content ?? '';
      // Quote the first source's first sentence and cite it, as a grounded model does.
      const quoted = /\[1\][^\n]*\n([^\n]+)/.exec(sources)?.[1]?.split(/(?<=\.)\s/)[0] ?? '';
      return `${quoted.replace(/\.$/, '')} [1].`;
    });
    const body = await ask(await environment(parts, { LLM_PROVIDER: 'workers-ai', LLM_MAX_TOKENS: '700', LLM_TEMPERATURE: '0.1', AI: ai }), EXTRACTIVE_QUESTION);
    const chat = ai.calls.filter((c) => c.model !== '@cf/baai/bge-m3');
    expect(chat.length).toBeGreaterThanOrEqual(1);
    expect(chat.at(-1)?.model).toBe('@cf/google/gemma-3-12b-it');
    expect(chat.at(-1)?.input).toMatchObject({ max_tokens: 700, temperature: 0.1, stream: true });
    expect(['llm', 'extractive']).toContain(body.method);
    expect(body.outcome).toBe('answered');
  });

  it('without the AI binding is a configuration error, as a missing embedder binding is: /healthz answers, /readyz and questions 503, the reason logged', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const [extra, reason] of [
        [{ LLM_PROVIDER: 'workers-ai' }, 'LLM_PROVIDER=workers-ai needs the AI binding'],
        [{ EMBEDDER: 'workers-ai', FUSION_WEIGHT: '0.3' }, 'the index was built with Workers AI embeddings: bind AI'],
      ] as const) {
        errors.mockClear();
        const env = await environment(parts, { ...extra, LOG_LEVEL: 'error' });
        expect(env.AI).toBeUndefined();
        const service = createWorkerService(env);
        const get = (path: string) => service.fetch(new Request(`http://localhost${path}`), { waitUntil: () => {} });
        expect((await get('/healthz')).status, reason).toBe(200);
        const readyz = await get('/readyz');
        expect(readyz.status, reason).toBe(503);
        const chat = await service.fetch(new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: DATE_QUESTION }) }), { waitUntil: () => {} });
        expect(chat.status, reason).toBe(503);
        const logged = errors.mock.calls.map((call) => JSON.parse(String(call[0])) as { message: string; error?: { message: string } });
        expect(logged.map((l) => l.error?.message ?? '').join('\n'), reason).toContain(reason);
      }
    } finally {
      errors.mockRestore();
    }
  });

  it('gives the extractive answer when Workers AI fails, never an error', async () => {
    const ai = { calls: [], run: async () => Promise.reject(Object.assign(new Error('3040: Capacity temporarily exceeded'), { status: 429 })) };
    const body = await ask(await environment(parts, { LLM_PROVIDER: 'workers-ai', AI: ai }), EXTRACTIVE_QUESTION);
    expect(body.method).toBe('extractive');
  });
});
