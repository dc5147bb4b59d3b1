/**
 * @module
 * The real Node server on loopback, as `npm start` runs it: listens first, becomes ready
 * once the index is built, answers over HTTP, writes only under DATA_DIR and reuses its
 * index after a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { DATE_QUESTION, makeTempDir, parseSse, removeDir } from './helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';

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
