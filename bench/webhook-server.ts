/**
 * @module
 * `tsx bench/webhook-server.ts PORT`: the service as the Node entry assembles it (the real
 * engine, SQLite in DATA_DIR, the Zalo and Messenger channels from the environment, the
 * tracked "after the response" runner), except that answering is slowed by
 * ANSWER_DELAY_MS (default 2,000): what a slow LLM does to webhook acknowledgements is the
 * question `bench/webhooks.ts` asks. Only the benchmark runs this.
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp, type AppState } from '../src/app.ts';
import { createDeliveryWorker } from '../src/channels/platform/delivery-worker.ts';
import { createPlatformChannels } from '../src/channels/platforms.ts';
import { loadConfig } from '../src/config.ts';
import { createNodeBackground } from '../src/conversation/background.ts';
import { createEngine, toReadyEngine } from '../src/entry/engine.ts';
import { createLogger } from '../src/logger.ts';
import { openSqliteStores } from '../src/store/sqlite-stores.ts';

const config = loadConfig();
const delayMs = Number(process.env.ANSWER_DELAY_MS ?? 2_000);
const logger = createLogger(config.logLevel);
const engine = await createEngine(config);
const ready = toReadyEngine(engine, { passages: engine.manifest.passages });
const answer = ready.answer;
ready.answer = async (...args) => {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  return answer(...args);
};
const stores = openSqliteStores(join(config.dataDir, 'hoidap.sqlite'), { logger });
const state: AppState = { engine: ready, store: stores.conversations, workspace: stores.workspace };
const now = () => new Date();
const platforms = createPlatformChannels(config, { fetch, stores: () => stores.channels, now, logger });
const background = createNodeBackground(logger);
const app = createApp({ state, logger, platforms, background: () => background });
const worker = createDeliveryWorker({ platforms, outbox: () => stores.workspace.outbox, events: () => stores.channels.events, now, logger });
worker.start();
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2] ?? 0) }, (info) => console.log(`listening ${info.port}`));
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => background.drain(10_000))
    .then(() => stores.conversations.close())
    .finally(() => process.exit(0));
});
