/**
 * @module
 * The real Node server on loopback, as `npm start` runs it: listens first, becomes ready
 * once the index is built, answers over HTTP, writes only under DATA_DIR and reuses its
 * index after a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { DATE_QUESTION, makeTempDir, parseSse, removeDir, ROOT } from './helpers.ts';

const HOST = '127.0.0.1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  output: string[];
  exited: Promise<number | null>;
}

function startServer(port: number, dataDir: string): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, base: `http://${HOST}:${port}`, output, exited };
}

/** Polls `path` until it answers 200, failing early if the process dies, within `timeoutMs`. */
async function waitFor(server: Server, path: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}: ${server.output.join('')}`);
    try {
      const res = await fetch(server.base + path, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return res;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} not 200 after ${timeoutMs} ms (last: ${last}); output: ${server.output.join('')}`);
}

async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

async function startReady(dataDir: string): Promise<Server> {
  const server = startServer(await freePort(), dataDir);
  await waitFor(server, '/healthz');
  await waitFor(server, '/readyz');
  return server;
}

const ask = (server: Server, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the Node server on loopback', () => {
  let root: string;
  let dataDir: string;
  let server: Server | undefined;

  beforeAll(async () => {
    root = makeTempDir('server');
    dataDir = join(root, 'not-yet', 'data');
    server = await startReady(dataDir);
  });

  afterAll(async () => {
    if (server) await stopServer(server);
    removeDir(root);
  });

  const current = (): Server => {
    if (!server) throw new Error('server not started');
    return server;
  };

  it('answers /healthz with {"status":"ok"} and /readyz with status "ready"', async () => {
    const health = await fetch(`${current().base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${current().base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });

  it('answers the national digital transformation day question with 10/10 over HTTP', async () => {
    const res = await ask(current(), { message: DATE_QUESTION });
    expect(res.status).toBe(200);
    const body = chatResponseSchema.parse(await res.json());
    expect(body.outcome).toBe('answered');
    expect(body.answer).toContain('10/10');
  });

  it('streams Server-Sent Events over HTTP ending with done', async () => {
    const res = await ask(current(), { message: DATE_QUESTION }, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events[0]?.event).toBe('sources');
    expect(events.at(-1)?.event).toBe('done');
    expect(chatResponseSchema.parse(JSON.parse(events.at(-1)?.data ?? '')).answer).toContain('10/10');
  });

  it('answers 413 payload_too_large for a body over 32 KB sent with its Content-Length', async () => {
    const res = await ask(current(), { message: 'a'.repeat(40_000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('creates the missing DATA_DIR and writes the database and the index manifest into it', () => {
    expect(existsSync(join(dataDir, 'hoidap.sqlite'))).toBe(true);
    const { build } = JSON.parse(readFileSync(join(dataDir, 'index', 'current.json'), 'utf8')) as { build: string };
    expect(existsSync(join(dataDir, 'index', build, 'manifest.json'))).toBe(true);
  });

  it('exits 0 on SIGTERM, and on restart with the same DATA_DIR reuses the index and remembers conversations', async () => {
    const pointer = join(dataDir, 'index', 'current.json');
    const before = JSON.parse(readFileSync(pointer, 'utf8')) as { build: string };
    expect(before.build).toMatch(/^b-/);
    const first = chatResponseSchema.parse(await (await ask(current(), { message: DATE_QUESTION })).json());

    expect(await stopServer(current())).toBe(0);
    server = await startReady(dataDir);

    const after = JSON.parse(readFileSync(pointer, 'utf8')) as { build: string };
    expect(after.build).toBe(before.build);
    const next = chatResponseSchema.parse(await (await ask(current(), { message: 'Vì sao chọn ngày đó?', conversationId: first.conversationId })).json());
    expect(next.conversationId).toBe(first.conversationId);
  });
});
