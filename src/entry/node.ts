/**
 * @module
 * The Node entry: parse config, open the store, listen first (so /healthz answers at
 * once), serve the stored index, and rebuild a stale one in a child process, swapping it in
 * when done. /readyz is 503 only while no index at all is loaded.
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp, type AppState } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { readCorpusSources } from '../ingest/read-files.ts';
import { readCurrentIndex, removeDebris, type StoredIndex } from '../retrieval/index-store.ts';
import { isCurrent, openStoredEngine, toReadyEngine } from './engine.ts';
import { rebuildInChild } from './rebuild.ts';
import { buildWidget, type WidgetAsset } from '../../widget/build.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const state: AppState = { engine: null, store: null };
let widget: WidgetAsset | null = null;
const app = createApp({
  state,
  logger,
  conversationTtlMs: config.conversationTtlMs,
  widget: () => widget,
  allowedOrigins: config.allowedOrigins,
  site: { province: config.province, defaultDocument: config.defaultDocument },
});

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  logger.info('listening', { host: config.host, port: info.port, pid: process.pid });
});
// Explicit timeouts rather than Node's defaults (reliability research §H).
const http = server as unknown as { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number };
http.requestTimeout = 30_000;
http.headersTimeout = 15_000;
http.keepAliveTimeout = 5_000;

/** The build being served, so a newer current build (from `npm run ingest`) is noticed. */
let served: string | null = null;
/** Whether it serves without the vectors stored with it (damaged, or the model failed): a rebuild may mend that. */
let servedDegraded = false;

async function serveStored(stored: StoredIndex, how: string): Promise<boolean> {
  const engine = await openStoredEngine(stored, config);
  if (!engine) return false;
  state.engine = toReadyEngine(engine, { passages: engine.manifest.passages, faq: engine.manifest.faq, documents: engine.manifest.documents, indexBuiltAt: engine.manifest.builtAt });
  served = engine.manifest.build;
  servedDegraded = engine.warnings.length > 0;
  for (const warning of engine.warnings) logger.warn('index', { warning });
  const { build, embedder, vectorIndex, buildMs, timings } = engine.manifest;
  logger.info('ready', { index: how, build, embedder, vectorIndex, buildMs, ...timings, ...state.engine.info });
  return true;
}

/**
 * Serves the current build if it is not served yet (even if stale: it answers while a
 * fresh one is built), then rebuilds if the corpus or the configuration changed since it
 * was built. The build runs in a child process; a failed build leaves the served index serving.
 */
async function refreshOnce(): Promise<void> {
  const stored = readCurrentIndex(config.dataDir);
  // Served before the corpus is even read: an unreadable corpus must not keep a good index from answering.
  if (stored && stored.manifest.build !== served) await serveStored(stored, 'stored');
  const current = stored !== null && isCurrent(stored.manifest, readCorpusSources(config.corpusDir), config);
  if (current && served === stored.manifest.build && !servedDegraded) return;
  logger.info('building index', { previous: stored?.manifest.build ?? null, serving: served });
  const { manifest, issues } = await rebuildInChild(config);
  for (const issue of issues) logger.warn('corpus problem', { ...issue });
  const fresh = readCurrentIndex(config.dataDir);
  if (!fresh || !(await serveStored(fresh, 'rebuilt'))) throw new Error(`the new index ${manifest.build} could not be opened`);
}

let running: Promise<void> | null = null;
let again = false;
/** Runs at start and on SIGHUP (after staff change the corpus); a SIGHUP during a build runs it again after. */
function refreshIndex(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      try {
        await refreshOnce();
      } catch (error) {
        if (!state.engine) {
          logger.error('failed to start', { error });
          process.exit(1);
        }
        logger.error('index rebuild failed; still serving the previous index', { error });
        try {
          removeDebris(config.dataDir);
        } catch (cleanup) {
          logger.warn('could not remove the failed build yet', { error: cleanup });
        }
      }
    } while (again);
  })().finally(() => (running = null));
  return running;
}

setImmediate(() => {
  // The widget is built from source at start (tens of milliseconds): nothing built is committed.
  buildWidget().then(
    (built) => {
      widget = built;
      logger.info('widget ready', { bytes: built.code.length, gzipBytes: built.gzipBytes, version: built.version, integrity: built.integrity });
    },
    (error: unknown) => logger.error('the widget could not be built; /widget.js answers 503', { error }),
  );
  try {
    state.store = openSqliteStore(join(config.dataDir, 'hoidap.sqlite'));
    const removed = removeDebris(config.dataDir, { ownBuilds: true });
    if (removed.length) logger.warn('removed an unfinished index build', { removed });
  } catch (error) {
    logger.error('failed to start', { error });
    process.exit(1);
  }
  void refreshIndex();
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
