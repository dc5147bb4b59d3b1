/**
 * @module
 * The Node entry: parse config, open the store, listen first (so /healthz answers at
 * once), then load or build the index off the request path and flip /readyz to 200.
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp, type AppState } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { createEngine } from './engine.ts';

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

setImmediate(() => {
  try {
    state.store = openSqliteStore(join(config.dataDir, 'hoidap.sqlite'));
    const engine = createEngine(config, {
      onProgress: (done, total, file) => logger.debug('indexing', { done, total, file }),
    });
    for (const issue of engine.issues) logger.warn('corpus problem', { ...issue });
    state.engine = {
      answer: engine.answer,
      documents: engine.searcher.documents,
      info: { passages: engine.manifest.passages, faq: engine.manifest.faq, documents: engine.manifest.documents, indexBuiltAt: engine.manifest.builtAt },
    };
    logger.info('ready', { rebuilt: engine.rebuilt, ...state.engine.info, buildMs: engine.manifest.buildMs });
  } catch (error) {
    logger.error('failed to start', { error });
    process.exit(1);
  }
});

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
