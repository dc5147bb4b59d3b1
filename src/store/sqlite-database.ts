/**
 * @module
 * One SQLite database (better-sqlite3) shared by the stores of every concern: opened in WAL
 * with synchronous=NORMAL, migrated, and given the write queue that keeps citizens' writes
 * off the request path (write-queue.ts). Staff writes are rare and must report their
 * outcome (a version conflict, a duplicate name), so they commit at once in their own
 * transaction instead: a lock held by another process makes them fail fast with
 * StoreBusyError ("try again") rather than stall the event loop.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { StoreBusyError, WriteQueue, writeProblem, type WriteProblem } from './write-queue.ts';

export interface SqliteStoreOptions {
  /** How long one statement may wait for a lock, blocking the event loop (default 15 ms). */
  busyTimeoutMs?: number;
  /** Writes that may wait for a lock before /api/chat answers 503 (default 10,000). */
  maxQueuedWrites?: number;
  /** A cap on the database file (MB): past it writes fail as on a full disk (SQLITE_FULL), and answering goes on. */
  maxSizeMb?: number;
  logger?: Logger;
  metrics?: Metrics;
  now?: () => number;
}

export interface SqliteDatabase {
  db: Database.Database;
  /** Citizens' writes: group commit, waiting out locks in memory. */
  queue: WriteQueue;
  /** A read that meets a lock answers `fallback` rather than failing the question. */
  read<T>(run: () => T, fallback: T): T;
  /** Runs `run` as one transaction now; a lock or a full disk is StoreBusyError, anything else its own error. */
  write<T>(run: () => T): T;
  close(): void;
}

const PROBLEM_LOG_INTERVAL_MS = 60_000;

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  let count = 0;
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    count++;
  }
  return count;
}

export function openSqliteDatabase(file: string, options: SqliteStoreOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Opening and migrating wait as long as they must: nothing is served before the store is open.
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 15}`);
  if (options.maxSizeMb) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor((options.maxSizeMb * 1024 * 1024) / pageSize))}`);
  }

  const now = options.now ?? (() => Date.now());
  const lastLogged = new Map<string, number>();
  /** A lock or a full disk is logged once a minute, not once per request; the metric counts every one. */
  const report = (problem: WriteProblem | 'read', outcome: string, error: unknown) => {
    options.metrics?.storeProblem(problem, outcome);
    const key = `${problem}:${outcome}`;
    const at = now();
    if (at - (lastLogged.get(key) ?? -Infinity) < PROBLEM_LOG_INTERVAL_MS) return;
    lastLogged.set(key, at);
    const message =
      problem === 'full'
        ? 'the disk is full: exchanges wait in memory or are dropped until space is freed'
        : problem === 'error'
          ? 'a write that waited for the database failed for its own reason and was dropped'
          : problem === 'read'
          ? 'the database is locked by another process: answering without conversation history'
          : 'the database is locked by another process: writes wait in memory and are retried';
    (outcome === 'queued' || outcome === 'degraded' ? options.logger?.warn : options.logger?.error)?.(message, { outcome, error: error instanceof Error ? error.message : error });
  };
  const queue = new WriteQueue(
    { max: options.maxQueuedWrites ?? 10_000, transaction: (writes) => db.transaction(writes)(), defer: setImmediate },
    { onProblem: report, onDepth: (depth) => options.metrics?.storeQueueDepth(depth) },
  );

  return {
    db,
    queue,
    read(run, fallback) {
      try {
        return run();
      } catch (error) {
        if (!writeProblem(error)) throw error;
        report('read', 'degraded', error);
        return fallback;
      }
    },
    write(run) {
      try {
        return db.transaction(run)();
      } catch (error) {
        const problem = writeProblem(error);
        if (!problem) throw error;
        options.metrics?.storeProblem(problem, 'refused');
        throw new StoreBusyError();
      }
    },
    close: () => db.close(),
  };
}
