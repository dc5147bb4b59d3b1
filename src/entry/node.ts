/**
 * @module
 * The Node entry: read `.env` and the config, check the folders, listen first (so /healthz
 * answers at once), open the store, serve the stored index, and rebuild a stale one in a
 * child process, swapping it in when done. /readyz is 503 only while no index at all is
 * loaded. A failure to start is one JSON log line saying what to fix, and exit code 1.
 */
import type { Context } from 'hono';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type AppState } from '../app.ts';
import { AppError } from '../errors.ts';
import { loadConfig, loadDotEnv, type Config } from '../config.ts';
import { createLlmComposer } from '../answer/llm/composer.ts';
import { createLlmClient } from '../answer/llm/langchain-client.ts';
import { createNodeBackground } from '../conversation/background.ts';
import { createDeliveryWorker } from '../channels/platform/delivery-worker.ts';
import { scheduleRetention } from '../admin/personal-data/retention.ts';
import { createPlatformChannels } from '../channels/platforms.ts';
import { clientKey } from '../http/client-address.ts';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import { timeOrderedId } from '../http/time-ordered-id.ts';
import { createLogger, type Logger } from '../logger.ts';
import { readCorpusSources } from '../ingest/read-files.ts';
import { readCurrentIndex, removeDebris, type StoredIndex } from '../retrieval/index-store.ts';
import type { ChannelStores } from '../store/channels.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { openSqliteStores } from '../store/sqlite-stores.ts';
import { buildWidget, type WidgetAsset } from '../../widget/build.ts';
import { isCurrent, openStoredEngine, toReadyEngine } from './engine.ts';
import { createPromMetrics } from './prom-metrics.ts';
import { rebuildInChild } from './rebuild.ts';
import { createNodeWorkspace, prepareServedEngine, serveWithPublishedFaq, startStaffWorkspace } from './staff.ts';

/** Drain time on SIGTERM: answers and streams in flight finish, waiting writes land. */
const DRAIN_MS = 10_000;

function fail(logger: Logger, message: string, error?: unknown): never {
  logger.error(message, error === undefined ? undefined : { cause: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

let config: Config;
const bootLogger = createLogger('info');
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  fail(bootLogger, `Cannot start: ${(error as Error).message}`);
}
const logger = createLogger(config.logLevel);
if (config.llm?.provider === 'workers-ai') fail(logger, 'Cannot start: LLM_PROVIDER=workers-ai runs on Cloudflare Workers (npm run deploy); on Node set openai or ollama.');

// The folders are checked before listening, so a mistake is one clear line, not a stack trace later.
if (!existsSync(config.corpusDir) || !statSync(config.corpusDir).isDirectory()) {
  fail(logger, `Cannot start: the corpus folder "${config.corpusDir}" does not exist (set CORPUS_DIR to the folder holding documents/ and faq/).`);
}
try {
  mkdirSync(config.dataDir, { recursive: true });
  accessSync(config.dataDir, constants.R_OK | constants.W_OK);
} catch (error) {
  fail(logger, `Cannot start: the data folder "${config.dataDir}" cannot be created or written (check DATA_DIR and its permissions).`, error);
}

const metrics = createPromMetrics();
/** Aborted on SIGTERM: generations in flight give way to the extractive answer, so the drain finishes in time. */
const stopping = new AbortController();
const composer = config.llm
  ? createLlmComposer({
      shutdown: stopping.signal,
      client: createLlmClient(config.llm),
      documents: () => state.engine?.documents ?? new Map(),
      agency: config.defaultAgency,
      timeoutMs: config.llm.timeoutMs,
      logger,
    })
  : undefined;
const background = createNodeBackground(logger);
const state: AppState = { engine: null, store: null };
let widget: WidgetAsset | null = null;
const trusted = config.trustedProxies;
const addressOf = (c: Context) => clientKey(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), trusted);
const workspace = createNodeWorkspace(config, state, logger, addressOf);
// Zalo and Messenger, each when configured; their stores and the worker delivering staff answers come with the database.
let channelStores: ChannelStores | null = null;
const platforms = createPlatformChannels(config, {
  fetch: (input, init) => fetch(input, init),
  stores: () => {
    if (!channelStores) throw new AppError('not_ready');
    return channelStores;
  },
  now: () => new Date(),
  logger,
});
const deliveryWorker =
  platforms.length > 0
    ? createDeliveryWorker({
        platforms,
        outbox: () => workspace.ctx.stores().outbox,
        events: () => (channelStores as ChannelStores).events,
        now: () => new Date(),
        logger,
      })
    : null;
const app = createApp({
  state,
  logger,
  metrics,
  composer,
  background: () => background,
  metricsToken: config.metricsToken ?? undefined,
  conversationTtlMs: config.conversationTtlMs,
  widget: () => widget,
  allowedOrigins: config.allowedOrigins,
  site: { province: config.province, defaultDocument: config.defaultDocument },
  rateLimit:
    config.rateLimit.perMinute > 0
      ? {
          limiter: createMemoryRateLimiter(config.rateLimit),
          clientKey: addressOf,
        }
      : undefined,
  workspace,
  platforms,
});

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  logger.info('listening', { host: config.host, port: info.port, pid: process.pid, llm: config.llm ? `${config.llm.provider} ${config.llm.model}` : 'none' });
});
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(logger, `Cannot start: port ${config.port} on ${config.host} is already in use (stop the other server or set PORT).`);
  if (error.code === 'EACCES') fail(logger, `Cannot start: no permission to listen on port ${config.port} (use a port above 1023 or set PORT).`);
  fail(logger, `Cannot start: listening on ${config.host}:${config.port} failed.`, error);
});
// Explicit timeouts rather than Node's defaults (reliability research §H).
const http = server as unknown as { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number; closeIdleConnections(): void };
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
  const ready = toReadyEngine(engine, { passages: engine.manifest.passages, faq: engine.manifest.faq, documents: engine.manifest.documents, indexBuiltAt: engine.manifest.builtAt });
  // Staff's published FAQ replaces the one the index was built with before it answers anyone.
  await serveWithPublishedFaq(ready, () => (state.engine = ready), workspace, config, logger);
  served = engine.manifest.build;
  servedDegraded = engine.warnings.length > 0;
  for (const warning of engine.warnings) logger.warn('index', { warning });
  const { build, embedder, vectorIndex, buildMs, timings } = engine.manifest;
  logger.info('ready', { index: how, build, embedder, vectorIndex, buildMs, ...timings, ...ready.info });
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
  const started = performance.now();
  try {
    const { manifest, issues } = await rebuildInChild(config);
    metrics.indexBuild('ok', (performance.now() - started) / 1000);
    for (const issue of issues) logger.warn('corpus problem', { ...issue });
    const fresh = readCurrentIndex(config.dataDir);
    if (!fresh || !(await serveStored(fresh, 'rebuilt'))) throw new Error(`the new index ${manifest.build} could not be opened`);
  } catch (error) {
    metrics.indexBuild('failed', (performance.now() - started) / 1000);
    throw error;
  }
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
        if (!state.engine) fail(logger, 'Cannot start: the index could not be built or loaded.', error);
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

let store: SqliteStore | null = null;
// Personal data older than RETENTION_DAYS goes: once at start, then daily.
const retention = scheduleRetention({ stores: () => workspace.ctx.stores(), retentionDays: config.retentionDays, now: () => new Date(), newId: () => timeOrderedId(), logger });
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
    const stores = openSqliteStores(join(config.dataDir, 'hoidap.sqlite'), { logger, metrics, maxSizeMb: config.dbMaxMb || undefined });
    store = stores.conversations;
    state.store = store;
    state.workspace = stores.workspace;
    channelStores = stores.channels;
  } catch (error) {
    fail(logger, `Cannot start: the database in "${config.dataDir}" cannot be opened (is the folder writable, the disk full, or the file damaged?).`, error);
  }
  try {
    const removed = removeDebris(config.dataDir, { ownBuilds: true });
    if (removed.length) logger.warn('removed an unfinished index build', { removed });
  } catch (error) {
    logger.warn('could not remove an unfinished index build', { error });
  }
  startStaffWorkspace(workspace, config, logger).catch((error: unknown) => logger.error('the staff workspace could not start', { error }));
  deliveryWorker?.start();
  retention.start();
  void refreshIndex();
});
process.on('SIGHUP', () => {
  // The FAQ may have been imported by the CLI meanwhile: served again from the store.
  if (state.engine) prepareServedEngine(state.engine, workspace, config, logger).catch((error: unknown) => logger.error('the published FAQ could not be served again', { error }));
  void refreshIndex();
});

/**
 * SIGTERM: stop accepting connections, let answers and streams in flight finish (and replies
 * sent after a webhook's acknowledgement), write what waits for the database, then exit —
 * within DRAIN_MS.
 */
let stoppingStarted = false;
const shutdown = () => {
  if (stoppingStarted) return;
  stoppingStarted = true;
  stopping.abort();
  const deadline = Date.now() + DRAIN_MS;
  let finishing = false;
  const finish = async () => {
    if (finishing) return;
    finishing = true;
    // The platforms' worker finishes its round (a staff answer being pushed), within a few seconds.
    if (deliveryWorker) await Promise.race([deliveryWorker.stop(), new Promise((resolve) => setTimeout(resolve, Math.min(3_000, Math.max(0, deadline - Date.now() - 2_000))))]);
    // Replies promised to platforms after their webhook was acknowledged go out first.
    if (!(await background.drain(Math.max(0, deadline - Date.now() - 1_000)))) logger.error('stopping with replies still being sent', { pending: background.pending() });
    await retention.stop();
    if (store) {
      const landed = await store.flush(Math.max(0, deadline - Date.now()));
      if (!landed) logger.error('stopping with writes that could not be stored', { waiting: store.queuedWrites() });
      await store.close();
    }
    process.exit(0);
  };
  setTimeout(() => void finish(), Math.max(0, deadline - Date.now() - 500)).unref();
  server.close(() => void finish());
  // Idle keep-alive connections would hold close() open until they time out.
  http.closeIdleConnections();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
