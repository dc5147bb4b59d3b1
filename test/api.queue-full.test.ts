/**
 * @module
 * `POST /api/chat` over real HTTP on loopback while another connection holds the database's
 * write lock and the write queue fills up (a queue of 3, where the server has 10,000): the
 * writes the queue takes are acknowledged with their answers, every other question gets
 * 503 `not_ready` with `Retry-After`, never a 500, whether the queue filled while it was
 * being answered (its exchange refused) or was full when it was asked (refused before
 * answering); once the lock is gone the waiting exchanges land and questions are answered
 * again.
 */
import { serve, type ServerType } from '@hono/node-server';
import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppState, type ReadyEngine } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createEngine, toReadyEngine } from '../src/entry/engine.ts';
import { openSqliteStores, type SqliteStores } from '../src/store/sqlite-stores.ts';
import { captureLogger, CORPUS_DIR, DATE_QUESTION, expectError, makeTempDir, queryDatabase, removeDir } from './helpers.ts';

const MAX_QUEUED = 3;
const QUESTIONS = [DATE_QUESTION, 'NQ57 là gì?', 'Kế hoạch của tỉnh do ai ký?', 'Bình dân học vụ số là gì?', 'Mục tiêu đến năm 2030 là gì?'];

let dir: string;
let dbFile: string;
let stores: SqliteStores;
let server: ServerType;
let base: string;
/** While set, each answer takes this long: questions asked together are then all being answered when the queue fills. */
let answerDelayMs = 0;

beforeAll(async () => {
  dir = makeTempDir('queue-full');
  const config = loadConfig({ CORPUS_DIR, DATA_DIR: join(dir, 'data') });
  const engine = await createEngine(config);
  dbFile = join(dir, 'hoidap.sqlite');
  stores = openSqliteStores(dbFile, { maxQueuedWrites: MAX_QUEUED });
  const ready: ReadyEngine = toReadyEngine(engine, { passages: engine.manifest.passages });
  const real = ready.answer;
  ready.answer = async (...args) => {
    if (answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    return real(...args);
  };
  const state: AppState = { engine: ready, store: stores.conversations, workspace: stores.workspace };
  const app = createApp({ state, logger: captureLogger() });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await stores.conversations.close();
  removeDir(dir);
});

function ask(message: string, stream = false): Promise<Response> {
  return fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}) },
    body: JSON.stringify({ message }),
  });
}

/** Another process's lock, as `sqlite3 hoidap.sqlite 'BEGIN EXCLUSIVE; …'` would hold it. */
function holdLock(): () => void {
  const db = new Database(dbFile);
  db.exec("BEGIN EXCLUSIVE; INSERT INTO conversations (id, channel, created_at, updated_at) VALUES ('lock-holder', 'web', '2025-01-01', '2025-01-01');");
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

const storedIds = () => new Set(queryDatabase<{ message_id: string }>(dbFile, 'SELECT message_id FROM exchanges').map((r) => r.message_id));

describe('POST /api/chat with the write queue full behind a lock held by another process', () => {
  it('answers 503 not_ready with Retry-After, never 500, then answers again and stores every acknowledged exchange once the lock is gone', async () => {
    const before = await ask('NQ57 là gì?');
    expect(before.status).toBe(200);
    const acknowledged = [((await before.json()) as { messageId: string }).messageId];

    const release = holdLock();
    try {
      // Asked together, all admitted while the queue was empty: it takes three exchanges, the others are refused.
      answerDelayMs = 200;
      const together = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`${QUESTIONS[i % QUESTIONS.length]} (${i})`)));
      answerDelayMs = 0;
      const refused: Response[] = [];
      for (const res of together) {
        if (res.status === 200) acknowledged.push(((await res.json()) as { messageId: string }).messageId);
        else refused.push(res);
      }
      expect(acknowledged).toHaveLength(1 + MAX_QUEUED);
      expect(refused).toHaveLength(8 - MAX_QUEUED);
      expect(stores.conversations.queuedWrites()).toBe(MAX_QUEUED);
      expect(stores.conversations.canWrite()).toBe(false);

      // Asked one by one with the queue already full, a plain and a streaming question: refused before answering.
      refused.push(await ask('Bình dân học vụ số là gì?'), await ask('Mục tiêu đến năm 2030 là gì?', true));
      for (const res of refused) {
        const retryAfter = res.headers.get('retry-after');
        const body = await expectError(res, 503, 'not_ready');
        expect(retryAfter).toBe('5');
        expect(body.error.message).toMatch(/thử lại/);
      }
      expect(stores.conversations.queuedWrites()).toBe(MAX_QUEUED);
      // Nothing acknowledged has reached the file yet: the lock is still held.
      expect(acknowledged.filter((id) => storedIds().has(id))).toEqual([acknowledged[0]]);
    } finally {
      release();
    }

    await expect.poll(() => stores.conversations.queuedWrites(), { timeout: 10_000, interval: 50 }).toBe(0);
    expect(stores.conversations.canWrite()).toBe(true);
    const after = await ask('Kế hoạch của tỉnh do ai ký?');
    expect(after.status).toBe(200);
    acknowledged.push(((await after.json()) as { messageId: string }).messageId);
    const stored = storedIds();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBe(acknowledged.length);
  });
});
