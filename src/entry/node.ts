/**
 * @module
 * The Node entry: parse config, open the store, listen first (so /healthz answers at
 * once), serve the stored index, and rebuild a stale one in a worker thread, swapping it in
 * when done. /readyz is 503 only while no index at all is loaded.
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp, type AppState } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import { readCurrentIndex, removeDebris } from '../retrieval/index-store.ts';
import { isCurrent, openStoredEngine, type Engine } from './engine.ts';
import { rebuildInWorker } from './rebuild.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const state: AppState = { engine: null, store: null };
const app = createApp({ state, logger, conversationTtlMs: config.conversationTtlMs });

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  logger.info('listening', { host: config.host, port: info.port });
});
// Explicit timeouts rather than Node's defaults (reliability research §H).
const http = server as unknown as { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number };
http.requestTimeout = 30_000;
http.headersTimeout = 15_000;
http.keepAliveTimeout = 5_000;

function serveEngine(engine: Engine, how: string): void {
  state.engine = {
    answer: engine.answer,
    documents: engine.searcher.documents,
    info: { passages: engine.manifest.passages, faq: engine.manifest.faq, documents: engine.manifest.documents, indexBuiltAt: engine.manifest.builtAt },
  };
  const { build, embedder, vectorIndex, buildMs, timings } = engine.manifest;
  logger.info('ready', { index: how, build, embedder, vectorIndex, buildMs, ...timings, ...state.engine.info });
}

let rebuilding = false;
/**
 * Rebuilds the index if the corpus or the configuration changed since it was built. The
 * build runs in a worker while the previous index keeps answering; a failed build leaves
 * it serving. Runs at start and on SIGHUP (after staff change the corpus).
 */
async function refreshIndex(): Promise<void> {
  if (rebuilding) return;
  rebuilding = true;
  try {
    const files = await readCorpusFiles(config.corpusDir);
    const stored = readCurrentIndex(config.dataDir);
    if (state.engine && stored && isCurrent(stored.manifest, files, config)) return;
    logger.info('building index', { previous: stored?.manifest.build ?? null, serving: state.engine !== null });
    const { manifest, issues } = await rebuildInWorker(config);
    for (const issue of issues) logger.warn('corpus problem', { ...issue });
    const fresh = readCurrentIndex(config.dataDir);
    const engine = fresh ? await openStoredEngine(fresh, config) : null;
    if (!engine) throw new Error(`the new index ${manifest.build} could not be opened`);
    serveEngine(engine, 'rebuilt');
  } catch (error) {
    if (!state.engine) {
      logger.error('failed to start', { error });
      process.exit(1);
    }
    logger.error('index rebuild failed; still serving the previous index', { error });
  } finally {
    rebuilding = false;
  }
}

setImmediate(() => {
  void (async () => {
    try {
      state.store = openSqliteStore(join(config.dataDir, 'hoidap.sqlite'));
      const removed = removeDebris(config.dataDir);
      if (removed.length) logger.warn('removed an unfinished index build', { removed });
      // Serve the stored index at once, even if stale; a fresh one replaces it when built.
      const stored = readCurrentIndex(config.dataDir);
      const engine = stored ? await openStoredEngine(stored, config) : null;
      if (engine) serveEngine(engine, 'stored');
    } catch (error) {
      logger.error('failed to start', { error });
      process.exit(1);
    }
    await refreshIndex();
  })();
});
process.on('SIGHUP', () => void refreshIndex());

// Stop accepting connections, let answers in flight finish (10 s at most), then close the store.
const shutdown = () => {
  const finish = () => {
    void state.store?.close();
    process.exit(0);
  };
  setTimeout(finish, 10_000).unref();
  server.close(finish);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
