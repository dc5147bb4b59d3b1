/**
 * @module
 * `npm run bench -- --worker`: the Worker in workerd (Miniflare, as `wrangler dev` runs it,
 * with its local D1 and Durable Objects) beside the Node server, in one run, under the same
 * load: autocannon, 32 connections, the same 100 rotating questions, answers per second and
 * latency percentiles (p95 from every response's time). Also the bundle wrangler would
 * upload (raw and gzipped), the index asset, and the cold start: a new isolate's first
 * answer, on a database that already holds the FAQ, and the very first start (which imports
 * the FAQ into D1). Local workerd is not Cloudflare's edge: the figures compare the two
 * runtimes on one machine, they do not predict production latency.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { percentile } from '../eval/metrics.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { startWorker, workerArtifacts } from '../test/worker/harness.ts';

const VARS = { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error', SESSION_SECRET: 'b'.repeat(40) };

function questions(): string[] {
  const items = readFileSync('eval/questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question: string });
  return items.flatMap((i) => [i.question, foldDiacritics(i.question)]).slice(0, 100);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${url}`);
}

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, messages: string[], seconds: number): Promise<Load> {
  const times: number[] = [];
  const requests = messages.map((message) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }));
  const instance = autocannon({ url, connections: 32, duration: seconds, requests }) as unknown as Promise<autocannon.Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx: result.non2xx, errors: result.errors };
}

const line = (label: string, r: Load) =>
  `${label.padEnd(14)}: ${r.rps.toFixed(0)} answers/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}`;

/** A new isolate's first answer: Miniflare started, then /api/chat once. */
async function coldStart(state?: string): Promise<{ startMs: number; firstAnswerMs: number; close: () => Promise<void>; state: string | undefined }> {
  const started = performance.now();
  const worker = await startWorker(VARS, { state });
  const startMs = performance.now() - started;
  const t = performance.now();
  const res = await worker.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'ngay chuyen doi so quoc gia la ngay nao' }) });
  if (res.status !== 200) throw new Error(`cold start: HTTP ${res.status} ${await res.text()}`);
  await res.text();
  return { startMs, firstAnswerMs: performance.now() - t, close: () => worker.close(), state };
}

export async function runWorkerBench(seconds: number): Promise<void> {
  const artifacts = await workerArtifacts();
  const bundle = readFileSync(artifacts.scriptPath);
  const index = statSync(join(artifacts.assetsDir, 'index', 'index.bin')).size;
  console.log(`Worker bundle (wrangler deploy --dry-run): ${(bundle.length / 1024).toFixed(0)} KiB, ${(gzipSync(bundle).length / 1024).toFixed(0)} KiB gzipped (Workers limit: 3 MiB gzipped on Free, 10 MiB on Paid); index asset ${(index / 1024).toFixed(0)} KiB (limit 25 MiB a file)`);
  console.log(`D1 migrations applied from empty by wrangler in ${artifacts.migrations.ms} ms`);

  // Cold starts: the very first one imports the FAQ into D1; later isolates find it there.
  const stateDir = mkdtempSync(join(tmpdir(), 'nq57-bench-d1-'));
  const { cpSync } = await import('node:fs');
  cpSync(artifacts.stateDir, stateDir, { recursive: true });
  const first = await coldStart(stateDir);
  await first.close();
  const colds: Array<{ startMs: number; firstAnswerMs: number }> = [];
  for (let i = 0; i < 5; i++) {
    const cold = await coldStart(stateDir);
    colds.push(cold);
    await cold.close();
  }
  console.log(`first start (FAQ imported into D1): workerd up in ${first.startMs.toFixed(0)} ms, first answer ${first.firstAnswerMs.toFixed(0)} ms`);
  console.log(
    `cold start of a new isolate (median of 5): workerd up in ${percentile(colds.map((c) => c.startMs), 50).toFixed(0)} ms, first answer ${percentile(colds.map((c) => c.firstAnswerMs), 50).toFixed(0)} ms (index fetched, decoded and assembled, published FAQ applied)`,
  );
  rmSync(stateDir, { recursive: true, force: true });

  const qs = questions();
  const worker = await startWorker(VARS, { listen: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-bench-'));
  const port = await freePort();
  const node = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...VARS },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/readyz`);
    await waitFor(`${worker.url}/readyz`);
    // Warm both (the Worker's first request loads its index; Node's JIT).
    await load(`http://127.0.0.1:${port}/api/chat`, qs, 2);
    await load(`${worker.url}/api/chat`, qs, 2);
    const onNode = await load(`http://127.0.0.1:${port}/api/chat`, qs, seconds);
    const onWorker = await load(`${worker.url}/api/chat`, qs, seconds);
    console.log(`/api/chat, 32 connections, ${seconds} s each, the same 100 rotating questions (answer cache on, rate limit off):`);
    console.log(line('Node server', onNode));
    console.log(line('Worker (local)', onWorker));
    console.log(`Worker/Node answers per second: ${(onWorker.rps / onNode.rps).toFixed(2)}`);
  } finally {
    node.kill('SIGTERM');
    await new Promise((resolve) => node.once('exit', resolve));
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
