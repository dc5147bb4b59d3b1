/**
 * @module
 * Shared pieces of the Zalo and Messenger tests: the keys both sides use, the server's
 * environment pointing at the loopback fakes, the webhook events table read directly, a
 * staff client on the real server, and an in-memory app with the platform channels (for
 * what needs a clock or a stubbed answerer).
 */
import { createApp, type AppState, type ReadyEngine } from '../src/app.ts';
import { createDeliveryWorker, type DeliveryWorker } from '../src/channels/platform/delivery-worker.ts';
import type { RetryPolicy } from '../src/channels/platform/platform-http.ts';
import { createPlatformChannels } from '../src/channels/platforms.ts';
import { createNodeBackground, type NodeBackground } from '../src/conversation/background.ts';
import type { SqliteStores } from '../src/store/sqlite-stores.ts';
import { captureLogger, engineAndStores, makeTempDir, queryDatabase, removeDir } from './helpers.ts';
import type { FakeGraph } from './fakes/graph.fake.ts';
import type { FakeZalo } from './fakes/zalo.fake.ts';
import { StaffClient } from './workspace-helpers.ts';

export const ZALO = {
  appId: '1234567890123456789',
  appSecret: 'zalo_app_secret_for_tests',
  oaSecretKey: 'TEST_OA_SECRET_KEY_abc123',
  oaId: '388613280878808645',
  accessToken: 'zalo_access_configured',
  refreshToken: 'zalo_refresh_configured',
};

export const META = {
  appSecret: 'test_app_secret_0123456789abcdef',
  verifyToken: 'xac-minh-webhook-nq57',
  pageAccessToken: 'EAAPAGE_TOKEN_FOR_TESTS',
  pageId: '106000000000001',
  version: 'v25.0',
};

export const ADMIN = { username: 'quantri', password: 'mật khẩu quản trị dài' };

export function zaloEnv(zalo: FakeZalo): Record<string, string> {
  return {
    ZALO_APP_ID: ZALO.appId,
    ZALO_APP_SECRET: ZALO.appSecret,
    ZALO_OA_SECRET_KEY: ZALO.oaSecretKey,
    ZALO_ACCESS_TOKEN: ZALO.accessToken,
    ZALO_REFRESH_TOKEN: ZALO.refreshToken,
    ZALO_OA_ID: ZALO.oaId,
    ZALO_OPENAPI_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
  };
}

export function messengerEnv(graph: FakeGraph): Record<string, string> {
  return { FB_APP_SECRET: META.appSecret, FB_VERIFY_TOKEN: META.verifyToken, FB_PAGE_ACCESS_TOKEN: META.pageAccessToken, GRAPH_API_BASE: graph.url, GRAPH_API_VERSION: META.version };
}

export interface EventRow {
  channel: string;
  event_id: string;
  user_id: string;
  state: string;
  payload: string | null;
  error: string | null;
}

export function eventRows(dbFile: string, channel?: string): EventRow[] {
  return channel ? queryDatabase<EventRow>(dbFile, 'SELECT * FROM webhook_events WHERE channel = ? ORDER BY rowid', channel) : queryDatabase<EventRow>(dbFile, 'SELECT * FROM webhook_events ORDER BY rowid');
}

/** A platform user's stored questions, each as the hex of its bytes in SQLite (what was written, not what a driver decodes). */
export function storedQuestionBytes(dbFile: string, channel: string, userId: string): Array<{ q: string }> {
  return queryDatabase<{ q: string }>(dbFile, 'SELECT hex(e.question) AS q FROM exchanges e JOIN conversations c ON c.id = e.conversation_id WHERE c.channel = ? AND c.external_user_id = ?', channel, userId);
}

export async function waitUntil<T>(what: string, read: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The admin of ADMIN_USERNAME logged in on the real server. */
export async function staffOnServer(base: string): Promise<StaffClient> {
  const client = new StaffClient({ request: (path, init) => fetch(base + path, { ...init, redirect: 'manual' }) });
  const res = await client.login(ADMIN.username, ADMIN.password);
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return client;
}

/** Answers, as staff, the open review-queue group holding this question; resolves with the number of recipients. */
export async function answerInQueue(staff: StaffClient, question: string, text: string): Promise<number> {
  const group = await waitUntil(`the question "${question}" in the review queue`, async () => {
    const { groups } = (await (await staff.request('/api/admin/queue?status=open')).json()) as { groups: Array<{ id: string; question: string }> };
    return groups.find((g) => g.question === question);
  });
  const res = await staff.json(`/api/admin/queue/${group.id}/answer`, { text });
  if (res.status !== 200) throw new Error(`answering failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { recipients: number }).recipients;
}

export const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateDelayMs: 5, timeoutMs: 2_000 };

export interface PlatformApp {
  app: ReturnType<typeof createApp>;
  state: AppState;
  ready: ReadyEngine;
  stores: SqliteStores;
  dbFile: string;
  logger: ReturnType<typeof captureLogger>;
  background: NodeBackground;
  worker: DeliveryWorker;
  clock: { ms: number };
  close(): Promise<void>;
}

/** The app in memory with the platform channels on the fakes given, a settable clock and a real SQLite file. */
export async function createPlatformApp(options: { zalo?: FakeZalo; graph?: FakeGraph; env?: Record<string, string> }): Promise<PlatformApp> {
  const dir = makeTempDir('platforms');
  const env = { RATE_LIMIT_PER_MINUTE: '0', ...(options.zalo ? zaloEnv(options.zalo) : {}), ...(options.graph ? messengerEnv(options.graph) : {}), ...options.env };
  const { config, ready, dbFile, stores, state, logger } = await engineAndStores(dir, env);
  const clock = { ms: Date.now() };
  const now = () => new Date(clock.ms);
  const platforms = createPlatformChannels(config, { fetch, stores: () => stores.channels, now, logger, retry: FAST_RETRY });
  const background = createNodeBackground(logger);
  const app = createApp({ state, logger, now, platforms, background: () => background });
  const worker = createDeliveryWorker({ platforms, outbox: () => stores.workspace.outbox, events: () => stores.channels.events, now, logger });
  return {
    app,
    state,
    ready,
    stores,
    dbFile,
    logger,
    background,
    worker,
    clock,
    async close() {
      await background.drain(10_000);
      await stores.conversations.close();
      removeDir(dir);
    },
  };
}
