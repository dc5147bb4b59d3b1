/**
 * @module
 * The real server under faults (reliability research §H): a database locked by another
 * process, kill -9 during load, SIGTERM with answers and streams in flight, per-client rate
 * limits on the socket address, and startup mistakes that must end in one clear log line.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATE_QUESTION, makeTempDir, parseSse, removeDir } from './helpers.ts';
import { freePort, startReady, startServer, stopServer, type Server } from './server-process.ts';

const running: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await stopServer(server);
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempDir(name: string): string {
  const dir = makeTempDir(name);
  dirs.push(dir);
  return dir;
}

async function ready(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const server = await startReady(dataDir, { RATE_LIMIT_PER_MINUTE: '0', ...env });
  running.push(server);
  return server;
}

const QUESTIONS = [DATE_QUESTION, 'NQ57 là gì?', 'Kế hoạch của tỉnh do ai ký?', 'Bình dân học vụ số là gì?', 'Mục tiêu đến năm 2030 là gì?'];

async function ask(server: Server, message: string, stream = false): Promise<{ status: number; body: string }> {
  const res = await fetch(`${server.base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}) },
    body: JSON.stringify({ message }),
  });
  return { status: res.status, body: await res.text() };
}

function storedMessageIds(dataDir: string): Set<string> {
  const db = new Database(join(dataDir, 'hoidap.sqlite'), { readonly: true });
  try {
    return new Set(db.prepare('SELECT message_id FROM exchanges').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/** Another process's lock, as `sqlite3 hoidap.sqlite 'BEGIN EXCLUSIVE; …'` would hold it. */
function holdLock(dataDir: string): () => void {
  const db = new Database(join(dataDir, 'hoidap.sqlite'));
  db.exec("BEGIN EXCLUSIVE; INSERT INTO conversations (id, channel, created_at, updated_at) VALUES ('lock-holder', 'web', '2025-01-01', '2025-01-01');");
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

/** A request whose body arrives in two halves: `started` once the first half is sent, `finish()` sends the rest. */
function slowRequest(server: Server, message: string, stream: boolean) {
  const body = Buffer.from(JSON.stringify({ message }));
  const url = new URL('/api/chat', server.base);
  let finish = () => {};
  let started: Promise<void> = Promise.resolve();
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length, ...(stream ? { accept: 'text/event-stream' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    started = new Promise((ok) => req.write(body.subarray(0, 10), () => setTimeout(ok, 100)));
    finish = () => req.end(body.subarray(10));
  });
  return { response, get started() { return started; }, finish: () => finish() };
}

/** The nearest-rank percentile: the smallest sample at or above which `p` percent of the samples lie. */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? Infinity;

describe('a database locked by another process for 10 s', () => {
  it('keeps /healthz fast, answers every question, and stores every exchange once the lock is gone', async () => {
    const dataDir = tempDir('lock');
    const server = await ready(dataDir);
    const release = holdLock(dataDir);
    const health: number[] = [];
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    try {
      const until = Date.now() + 10_000;
      for (let i = 0; Date.now() < until; i++) {
        const started = performance.now();
        expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
        health.push(performance.now() - started);
        const { status, body } = await ask(server, QUESTIONS[i % QUESTIONS.length] as string, i % 2 === 1);
        statuses.push(status);
        if (status === 200) acknowledged.push(i % 2 === 1 ? (JSON.parse(parseSse(body).find((e) => e.event === 'done')?.data ?? '{}') as { messageId: string }).messageId : (JSON.parse(body) as { messageId: string }).messageId);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      release();
    }
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The 5-second stall this replaced blocked everything; here /healthz waits for nothing (issue 8: under 50 ms).
    expect(percentile(health, 95)).toBeLessThan(50);
    expect(Math.max(...health)).toBeLessThan(1_000);
    await expect.poll(() => acknowledged.filter((id) => !storedMessageIds(dataDir).has(id)), { timeout: 10_000, interval: 200 }).toEqual([]);
  });
});

describe('kill -9 during load', () => {
  it('keeps every acknowledged exchange across 20 kills', { timeout: 240_000 }, async () => {
    const dataDir = tempDir('kill');
    const acknowledged: string[] = [];
    for (let round = 0; round < 20; round++) {
      const server = await ready(dataDir);
      let killed = false;
      const worker = async (w: number) => {
        for (let i = 0; !killed; i++) {
          try {
            const { status, body } = await ask(server, QUESTIONS[(w + i) % QUESTIONS.length] as string);
            if (status === 200) acknowledged.push((JSON.parse(body) as { messageId: string }).messageId);
          } catch {
            return; // the connection died with the process: not acknowledged
          }
        }
      };
      const workers = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
      await new Promise((resolve) => setTimeout(resolve, 100 + ((round * 37) % 200)));
      server.child.kill('SIGKILL');
      killed = true;
      await server.exited;
      await workers;
      running.splice(running.indexOf(server), 1);
    }
    expect(acknowledged.length).toBeGreaterThan(100);
    const stored = storedMessageIds(dataDir);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

describe('SIGTERM', () => {
  it('lets answers and SSE streams in flight finish, then exits 0 within 10 s', async () => {
    const dataDir = tempDir('drain');
    const server = await ready(dataDir);
    // Requests truly in flight: headers and half the body sent before SIGTERM, the rest after.
    const inFlight = [0, 1, 2, 3, 4, 5].map((n) => slowRequest(server, QUESTIONS[n % QUESTIONS.length] as string, n % 2 === 0));
    await Promise.all(inFlight.map((r) => r.started));
    const sent = performance.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Meanwhile the server stopped accepting new connections.
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
    for (const r of inFlight) r.finish();
    const done = await Promise.all(inFlight.map((r) => r.response));
    const code = await server.exited;
    const tookMs = performance.now() - sent;
    running.splice(running.indexOf(server), 1);
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    // Every accepted request finished whole: a JSON answer, or a stream that reached `done`.
    done.forEach((r, n) => {
      expect(r.status).toBe(200);
      if (n % 2 === 0) expect(parseSse(r.body).at(-1)?.event).toBe('done');
      else expect((JSON.parse(r.body) as { answer: string }).answer.length).toBeGreaterThan(0);
    });
  });

  it('writes what waited for a lock before exiting, once the lock is gone', async () => {
    const dataDir = tempDir('drain-lock');
    const server = await ready(dataDir);
    const release = holdLock(dataDir);
    const { status, body } = await ask(server, DATE_QUESTION);
    expect(status).toBe(200);
    const { messageId } = JSON.parse(body) as { messageId: string };
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    release();
    expect(await server.exited).toBe(0);
    running.splice(running.indexOf(server), 1);
    expect(storedMessageIds(dataDir).has(messageId)).toBe(true);
  });
});

describe('rate limits on the socket address', () => {
  it('answers 429 with Retry-After past the burst, and serves the client again after the window', async () => {
    const dataDir = tempDir('limit');
    const server = await ready(dataDir, { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '2' });
    expect((await ask(server, DATE_QUESTION)).status).toBe(200);
    expect((await ask(server, DATE_QUESTION)).status).toBe(200);
    const limited = await fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' }, body: JSON.stringify({ message: DATE_QUESTION }) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1_000));
    expect((await ask(server, DATE_QUESTION)).status).toBe(200);
  });
});

describe('startup mistakes', () => {
  async function failedStart(env: Record<string, string>, port?: number): Promise<{ code: number | null; lines: Array<Record<string, unknown>> }> {
    const dataDir = env.DATA_DIR ?? join(tempDir('start'), 'data');
    const server = startServer(port ?? (await freePort()), dataDir, { LOG_LEVEL: 'info', ...env });
    const code = await server.exited;
    const lines = server.output
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, lines };
  }

  it('a missing corpus folder is one error line naming CORPUS_DIR, and exit 1', async () => {
    const { code, lines } = await failedStart({ CORPUS_DIR: '/khong/co/thu-muc' });
    expect(code).toBe(1);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/corpus folder .* does not exist .*CORPUS_DIR/);
  });

  it('a data folder that cannot be created is one error line naming DATA_DIR, and exit 1', async () => {
    const root = tempDir('not-a-dir');
    writeFileSync(join(root, 'file'), 'x');
    const { code, lines } = await failedStart({ DATA_DIR: join(root, 'file', 'data') });
    expect(code).toBe(1);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/data folder .* DATA_DIR/);
  });

  it('a port in use is one error line naming PORT, and exit 1', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      const { code, lines } = await failedStart({}, port);
      expect(code).toBe(1);
      const errors = lines.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(new RegExp(`port ${port} .* already in use`));
    } finally {
      holder.close();
    }
  });

  it('a bad setting is one error line naming the variable, and exit 1', async () => {
    const { code, lines } = await failedStart({ RATE_LIMIT_PER_MINUTE: 'nhieu' });
    expect(code).toBe(1);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(String(lines.find((l) => l.level === 'error')?.message)).toContain('RATE_LIMIT_PER_MINUTE');
  });
});
