/**
 * @module
 * Shared pieces of the HTTP contract tests: an app wired with the real engine and a real
 * SQLite file in a temp directory, request shorthands, an SSE parser and raw database reads.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createApp, type AppDeps, type AppState, type ReadyEngine } from '../src/app.ts';
import { errorSchema } from '../src/channels/web/schemas.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createEngine, toReadyEngine } from '../src/entry/engine.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { openSqliteStores, type SqliteStores } from '../src/store/sqlite-stores.ts';
import type { Store } from '../src/store/types.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'corpus');
export const DATE_QUESTION = 'ngay chuyen doi so quoc gia la ngay nao';

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hoidap-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A logger that keeps its lines, so tests can look at what was logged. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger('debug', (line) => lines.push(line)), { lines });
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  state: AppState;
  ready: ReadyEngine;
  store: Store;
  dbFile: string;
  dataDir: string;
  logger: Logger & { lines: string[] };
  close(): Promise<void>;
}

/** The real engine with its index built in `dir`/data, and the config it was made from (`env` over the test defaults). */
export async function readyEngineIn(dir: string, env: Record<string, string> = {}): Promise<{ config: Config; ready: ReadyEngine }> {
  const config = loadConfig({ CORPUS_DIR, DATA_DIR: join(dir, 'data'), ...env });
  const engine = await createEngine(config);
  return { config, ready: toReadyEngine(engine, { passages: engine.manifest.passages }) };
}

export interface EngineAndStores {
  config: Config;
  ready: ReadyEngine;
  dbFile: string;
  stores: SqliteStores;
  state: AppState;
  logger: Logger & { lines: string[] };
}

/** `readyEngineIn` plus every store of one SQLite file in `dir`, in the app's state as the server has them. */
export async function engineAndStores(dir: string, env: Record<string, string> = {}): Promise<EngineAndStores> {
  const { config, ready } = await readyEngineIn(dir, env);
  const dbFile = join(dir, 'hoidap.sqlite');
  const stores = openSqliteStores(dbFile);
  const state: AppState = { engine: ready, store: stores.conversations, workspace: stores.workspace };
  return { config, ready, dbFile, stores, state, logger: captureLogger() };
}

/**
 * The app on the real engine (index built in a temp DATA_DIR) and a real SQLite file.
 * `workspaceStores`: the staff workspace's stores open on the same file too (what
 * `GET /api/conversations/{id}/messages` reads), as the server has them.
 */
export async function createTestApp(options: { wrapStore?: (store: Store) => Store; deps?: Partial<AppDeps>; workspaceStores?: boolean } = {}): Promise<TestApp> {
  const dataDir = makeTempDir('api');
  const { ready } = await readyEngineIn(dataDir);
  const dbFile = join(dataDir, 'hoidap.sqlite');
  const stores = options.workspaceStores ? openSqliteStores(dbFile) : null;
  const store = stores?.conversations ?? openSqliteStore(dbFile);
  const state: AppState = { engine: ready, store: options.wrapStore ? options.wrapStore(store) : store, workspace: stores?.workspace ?? null };
  const logger = captureLogger();
  const app = createApp({ state, logger, ...options.deps });
  return {
    app,
    state,
    ready,
    store,
    dbFile,
    dataDir,
    logger,
    async close() {
      await store.close();
      removeDir(dataDir);
    },
  };
}

export type Fetcher = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export function postJson(app: Fetcher, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
  );
}

export function postRaw(app: Fetcher, path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, { method: 'POST', headers, body }));
}

/** Asserts the contract's error shape and returns the body. */
export async function expectError(res: Response, status: number, code: string): Promise<{ error: { code: string; message: string } }> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = JSON.parse(text) as unknown;
  const parsed = errorSchema.strict().parse(body);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message.trim().length).toBeGreaterThan(0);
  return parsed;
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Parses a complete Server-Sent Events body (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split('\n\n')) {
    if (!block.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** Every row of every table of a SQLite file, read with its own connection. */
export function dumpDatabase(file: string): Record<string, Array<Record<string, unknown>>> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all() as Array<Record<string, unknown>>]));
  } finally {
    db.close();
  }
}

/** Column names of every table, whether or not it has rows. */
export function databaseColumns(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return tables.flatMap((t) => db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]);
  } finally {
    db.close();
  }
}

export function queryDatabase<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The curated FAQ questions, straight from corpus/faq/faq.yaml. */
export function faqQuestions(): Set<string> {
  const entries = parseYaml(readFileSync(join(CORPUS_DIR, 'faq', 'faq.yaml'), 'utf8')) as Array<{ question: string }>;
  return new Set(entries.map((e) => e.question.normalize('NFC')));
}

/** Corpus document ids: file names without extension. */
export function corpusDocumentIds(): Set<string> {
  return new Set(readdirSync(join(CORPUS_DIR, 'documents')).map((f) => f.split('.')[0] ?? f));
}

/** A small deterministic PRNG (mulberry32), so a failing fuzz case can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
