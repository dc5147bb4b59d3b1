/**
 * @module
 * `npm run bench -- --worker`: the Worker in workerd (Miniflare, as `wrangler dev` runs it,
 * with its local D1 and Durable Objects) beside the Node server, in one run, under the same
 * load: autocannon, 32 connections, the same 100 rotating questions, answers per second and
 * latency percentiles (p95 from every response's time). Twice: first questions with the
 * rate limit off (no Durable Object on the way: a new conversation takes no lock), then
 * conversations under the default rate limit, each from its own address (`CF-Connecting-IP`
 * on the Worker, `X-Forwarded-For` from a trusted loopback proxy on Node): a first question
 * and its follow-up in the same conversation (eval's follow-up pairs), so every request asks
 * the Coordinator for its client's limit and every follow-up also takes and releases its
 * conversation's lock there. Also the bundle wrangler would
 * upload (raw and gzipped), the index asset, and the cold start: a new isolate's first
 * answer, on a database that already holds the FAQ, and the very first start (which imports
 * the FAQ into D1). Local workerd is not Cloudflare's edge: the figures compare the two
 * runtimes on one machine, they do not predict production latency.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { percentile } from '../eval/metrics.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { startWorker, workerArtifacts } from '../test/worker/harness.ts';
import { freePort, waitFor } from './net.ts';
import { evalQuestions } from './scale-queries.ts';

const VARS = { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error', SESSION_SECRET: 'b'.repeat(40) };
/** The second run: the default limit (20 a minute, bursts of 8) per client; Node believes loopback's X-Forwarded-For. */
const LIMITED_VARS = { ...VARS, RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_BURST: '8', TRUST_PROXY: 'loopback' };

function questions(): string[] {
  return evalQuestions()
    .flatMap((q) => [q.text, foldDiacritics(q.text)])
    .slice(0, 100);
}

/** Eval's follow-ups with the question before them: [first question, follow-up]. */
function followUpPairs(): Array<[string, string]> {
  const items = readFileSync('eval/questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { category: string; question: string; history?: string[] });
  const pairs = items.filter((i) => i.category === 'followup' && i.history?.length === 1).map((i): [string, string] => [i.history?.[0] as string, i.question]);
  if (pairs.length === 0) throw new Error('eval/questions.jsonl has no follow-up questions');
  return pairs;
}

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  /** Of them, refused by the rate limit. */
  limited: number;
  errors: number;
  /** Conversations run: follow-ups asked in the conversation their first question opened. */
  followUps: number;
}

const firstQuestions = (messages: string[]): autocannon.Request[] => messages.map((message) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }));

interface Conversation {
  address: string;
  pair: [string, string];
  conversationId?: string;
}

/**
 * Each connection runs conversations one after another: a new client address each (a
 * citizen), its first question, then the follow-up in the conversation the answer opened.
 * `followUps` counts those sent with their conversation (a refused first question has none).
 */
/** Conversations started in this run, across loads: each has an address no other has used. */
let conversationsStarted = 0;

function conversations(pairs: Array<[string, string]>, followUps: { sent: number }): autocannon.Request[] {
  const headers = (address: string) => ({ 'content-type': 'application/json', 'cf-connecting-ip': address, 'x-forwarded-for': address });
  return [
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const n = conversationsStarted++;
        const c = context as Conversation;
        c.address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        c.pair = pairs[n % pairs.length] as [string, string];
        c.conversationId = undefined;
        return { ...request, headers: headers(c.address), body: JSON.stringify({ message: c.pair[0] }) };
      },
      onResponse: (status, body, context) => {
        if (status === 200) (context as Conversation).conversationId = (JSON.parse(body) as { conversationId: string }).conversationId;
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const c = context as Conversation;
        if (c.conversationId) followUps.sent++;
        return { ...request, headers: headers(c.address), body: JSON.stringify({ message: c.pair[1], ...(c.conversationId ? { conversationId: c.conversationId } : {}) }) };
      },
    },
  ];
}

async function load(url: string, requests: autocannon.Request[], seconds: number, followUps = { sent: 0 }): Promise<Load> {
  const times: number[] = [];
  let limited = 0;
  const instance = autocannon({ url, method: 'POST', connections: 32, duration: seconds, requests }) as unknown as Promise<autocannon.Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    if (status === 429) limited++;
  });
  const result = await instance;
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx: result.non2xx, limited, errors: result.errors, followUps: followUps.sent };
}

const line = (label: string, r: Load) =>
  `${label.padEnd(14)}: ${r.rps.toFixed(0)} answers/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx} (rate-limited ${r.limited}), errors ${r.errors}${r.followUps ? `, follow-ups in their conversation ${r.followUps}` : ''}`;

/** The Node server on a free port, with these variables, until `stop`. */
async function startNode(vars: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-bench-'));
  const port = await freePort();
  const node = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...vars },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (node.exitCode === null) {
      node.kill('SIGTERM');
      await new Promise((resolve) => node.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/readyz`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Node and the Worker under the same load, one after the other, each warmed first. */
async function compare(vars: Record<string, string>, requests: (followUps: { sent: number }) => autocannon.Request[], seconds: number): Promise<{ node: Load; worker: Load }> {
  const worker = await startWorker(vars, { listen: true });
  const node = await startNode(vars).catch(async (error: unknown) => {
    await worker.close();
    throw error;
  });
  try {
    await waitFor(`${worker.url}/readyz`);
    // Warm both (the Worker's first request loads its index; Node's JIT).
    await load(`${node.url}/api/chat`, requests({ sent: 0 }), 2);
    await load(`${worker.url}/api/chat`, requests({ sent: 0 }), 2);
    const onNode = { sent: 0 };
    const onWorker = { sent: 0 };
    return { node: await load(`${node.url}/api/chat`, requests(onNode), seconds, onNode), worker: await load(`${worker.url}/api/chat`, requests(onWorker), seconds, onWorker) };
  } finally {
    await node.stop();
    await worker.close();
  }
}

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
  const unlimited = await compare(VARS, () => firstQuestions(qs), seconds);
  console.log(`/api/chat, 32 connections, ${seconds} s each, the same 100 rotating first questions (answer cache on, rate limit off):`);
  console.log(line('Node server', unlimited.node));
  console.log(line('Worker (local)', unlimited.worker));
  console.log(`Worker/Node answers per second: ${(unlimited.worker.rps / unlimited.node.rps).toFixed(2)}`);

  const pairs = followUpPairs();
  const limited = await compare(LIMITED_VARS, (followUps) => conversations(pairs, followUps), seconds);
  console.log(`/api/chat, 32 connections, ${seconds} s each, conversations of a first question and its follow-up (${pairs.length} pairs from the eval), a new client address each, rate limit on (20 a minute, bursts of 8; on the Worker in the Coordinator):`);
  console.log(line('Node server', limited.node));
  console.log(line('Worker (local)', limited.worker));
  console.log(`Worker/Node answers per second: ${(limited.worker.rps / limited.node.rps).toFixed(2)}`);
}
