/**
 * @module
 * `npm run bench`: answer time in process (p50/p95 over every eval question, with and
 * without tone marks), corpus index build time, resident memory, and /api/chat over HTTP
 * with autocannon at 32 connections next to a no-op Hono endpoint measured in the same run.
 * Prints figures; asserts nothing (timings belong in reports, not in tests).
 *
 * `npm run bench -- --passages N` runs the scale benchmark instead (`scale.ts`): an
 * N-passage corpus written from the real one; `--dim` (384), `--questions` (1000),
 * `--seed`, `--ef 32,64,…,2048` (sweep), `--sizes 1000,5000,20000,50000` (exact vs HNSW
 * crossover), `--json FILE`.
 *
 * `npm run bench -- --webhooks` measures the Zalo and Messenger webhooks' acknowledgement
 * time at 50 signed events/s with the answerer slowed to 2 s instead (`webhooks.ts`;
 * `--duration` seconds, at least 30).
 *
 * `npm run bench -- --worker` measures the Worker in local workerd beside the Node server in
 * one run (`worker.ts`): answers/s and p95 under the same load (first questions with the rate
 * limit off, then conversations with follow-ups under the rate limit, which the Worker keeps in
 * its Durable Object), bundle size, cold start.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from '../eval/metrics.ts';
import { loadConfig, loadDotEnv } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import { buildCorpus } from '../src/ingest/corpus.ts';
import { readCorpusFiles } from '../src/ingest/read-files.ts';
import { CorpusSearcher } from '../src/retrieval/searcher.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { freePort, waitFor } from './net.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    http: { type: 'boolean', default: true },
    passages: { type: 'string' },
    dim: { type: 'string', default: '384' },
    questions: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '57' },
    ef: { type: 'string', default: '32,64,128,256,512,1024,2048' },
    sizes: { type: 'string', default: '1000,5000,20000,50000' },
    json: { type: 'string' },
    webhooks: { type: 'boolean', default: false },
    worker: { type: 'boolean', default: false },
  },
  allowNegative: true,
});

function positiveInteger(name: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

function integerList(name: string, value: string): number[] {
  return value.split(',').filter(Boolean).map((v) => positiveInteger(name, v.trim()));
}

async function scale(passages: string) {
  // Loaded only here: the scale benchmark turns on --expose-gc, which the default run does not need.
  const { runScaleBench } = await import('./scale.ts');
  await runScaleBench({
    passages: positiveInteger('passages', passages),
    dimension: positiveInteger('dim', args.dim),
    questions: positiveInteger('questions', args.questions),
    seed: positiveInteger('seed', args.seed),
    efs: integerList('ef', args.ef),
    sizes: integerList('sizes', args.sizes),
    corpusDir: loadConfig().corpusDir,
    json: args.json ?? null,
  });
}

function questions(): string[] {
  const items = readFileSync('eval/questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question: string });
  return items.flatMap((i) => [i.question, foldDiacritics(i.question)]);
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function load(url: string, body: string[] | null, seconds: number) {
  const requests = body
    ? body.map((message) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }))
    : [{ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: '{}' }];
  const result = await autocannon({ url, connections: 32, duration: seconds, requests });
  return { rps: result.requests.average, p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  const config = loadConfig();
  const files = await readCorpusFiles(config.corpusDir);
  const builds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    new CorpusSearcher(buildCorpus(files));
    builds.push(performance.now() - t);
  }
  console.log(`index build (parse, clean, chunk, BM25 + FAQ index) over ${files.length} files: median ${percentile(builds, 50).toFixed(0)} ms, max ${Math.max(...builds).toFixed(0)} ms`);

  const engine = await createEngine(config);
  const qs = questions();
  for (const q of qs.slice(0, 50)) await engine.answer(q);
  const times: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    await engine.answer(q);
    times.push(performance.now() - t);
  }
  console.log(`answer in process over ${qs.length} questions: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
  console.log(`bench process RSS after loading the engine: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  if (!args.http) return;

  const seconds = Number(args.duration);
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-bench-'));
  const noopPort = await freePort();
  const noop = start(['bench/noop-server.ts', String(noopPort)], {});
  try {
    await waitFor(`http://127.0.0.1:${noopPort}/noop`, 60_000, 'POST');
    const ceiling = await load(`http://127.0.0.1:${noopPort}/noop`, null, seconds);
    console.log(`no-op Hono endpoint: ${ceiling.rps.toFixed(0)} req/s, p50 ${ceiling.p50} ms, p97.5 ${ceiling.p97_5} ms, p99 ${ceiling.p99} ms`);
    // Answers to first questions are remembered (ANSWER_CACHE_SIZE); the rotating set is all first
    // questions, so the uncached run is the cost of answering each one afresh.
    for (const [label, cache] of [['/api/chat', '1000'], ['/api/chat uncached', '0']] as const) {
      const chatPort = await freePort();
      const server = start(['src/entry/node.ts'], { PORT: String(chatPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', ANSWER_CACHE_SIZE: cache });
      try {
        await waitFor(`http://127.0.0.1:${chatPort}/readyz`);
        console.log(`server RSS when ready: ${rssMb(server.pid ?? 0).toFixed(0)} MB`);
        const chat = await load(`http://127.0.0.1:${chatPort}/api/chat`, qs.slice(0, 100), seconds);
        console.log(`${label.padEnd(19)}: ${chat.rps.toFixed(0)} answers/s, p50 ${chat.p50} ms, p97.5 ${chat.p97_5} ms, p99 ${chat.p99} ms, non-2xx ${chat.non2xx}, errors ${chat.errors}`);
        console.log(`ratio answers/no-op: ${(chat.rps / ceiling.rps).toFixed(3)}`);
        console.log(`server RSS after load: ${rssMb(server.pid ?? 0).toFixed(0)} MB`);
      } finally {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
    }
  } finally {
    noop.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function webhooks() {
  const { runWebhookBench } = await import('./webhooks.ts');
  // This run's own default is 10 s; the webhook figure wants at least 30.
  await runWebhookBench({ rate: 50, seconds: Math.max(30, Number(args.duration)), delayMs: 2_000 });
}

async function worker() {
  const { runWorkerBench } = await import('./worker.ts');
  await runWorkerBench(Number(args.duration));
}

loadDotEnv();
(args.worker ? worker() : args.webhooks ? webhooks() : args.passages ? scale(args.passages) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
