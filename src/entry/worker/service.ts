/**
 * @module
 * The service as one Worker isolate runs it: the same `createApp` as on Node, wired with
 * the Worker's implementations of each seam — D1 stores, the bundled index, `waitUntil` for
 * work after the response, conversation locks and rate limits in a Durable Object,
 * scrypt in JavaScript, configuration from the bindings. Built on an isolate's first
 * request and kept while the isolate lives.
 */
import type { Context } from 'hono';
import { createApp, type AppState } from '../../app.ts';
import { applyPublishedFaq, prepareEngine } from '../../admin/faq/live.ts';
import { purgeExpired } from '../../admin/personal-data/retention.ts';
import { createWorkspace, type Workspace } from '../../admin/workspace.ts';
import { createLlmComposer } from '../../answer/llm/composer.ts';
import { createWorkersAiLlmClient } from '../../answer/llm/workers-ai-client.ts';
import { createDeliveryWorker } from '../../channels/platform/delivery-worker.ts';
import { createPlatformChannels } from '../../channels/platforms.ts';
import type { WidgetScript } from '../../channels/web/widget-route.ts';
import { loadConfig, type Config } from '../../config.ts';
import { clientKey } from '../../http/client-address.ts';
import { timeOrderedId } from '../../http/time-ordered-id.ts';
import { createLogger, type Logger } from '../../logger.ts';
import { openD1Stores } from '../../store/d1/stores.ts';
import { createWaitUntilBackground } from './background.ts';
import { variablesOf, type ExecutionContextLike, type WorkerEnv } from './bindings.ts';
import { createCoordinatorLimiter, createCoordinatorLocks } from './coordinator.ts';
import { loadFaqFiles, loadWidget, loadWorkerEngine } from './engine.ts';
import { serialiseZaloRefresh } from './zalo-refresh.ts';
import { createPortableScryptHasher } from './scrypt.ts';

/** How often an isolate looks whether staff published FAQ changes in another isolate. */
const FAQ_REFRESH_MS = 10_000;
/** The daily Cron Trigger (wrangler.toml): the retention purge, at 02:00 in Việt Nam. */
export const RETENTION_CRON = '0 19 * * *';
/** Purge steps (500 rows each) per invocation, within D1's 1,000 queries per invocation; the next day's run goes on. */
const PURGE_STEPS_PER_RUN = 20;

export interface WorkerService {
  fetch(request: Request, ctx: ExecutionContextLike): Promise<Response>;
  /**
   * The Cron Triggers. Every minute: staff answers to Zalo and Messenger, token upkeep,
   * events never answered, old event ids. Daily (RETENTION_CRON): the retention purge.
   */
  scheduled(cron: string): Promise<void>;
}

const now = () => new Date();
const newId = () => timeOrderedId();

/** Cloudflare sets CF-Connecting-IP to the visitor's address; nothing else on the request is believed. */
const addressOf = (c: Context) => clientKey(c.req.header('cf-connecting-ip') ?? undefined, undefined, []);

function createStaffWorkspace(config: Config, state: AppState, env: WorkerEnv, logger: Logger): Workspace {
  const secret = config.staff.sessionSecret;
  if (!secret) logger.error('SESSION_SECRET is not set (wrangler secret put SESSION_SECRET): staff cannot log in, since each isolate would sign sessions with its own key');
  // Fails closed: without the coordinator no login is tried (503), so passwords cannot be guessed unlimited meanwhile.
  const loginLimit = (perMinute: number, burst: number, prefix: string) => createCoordinatorLimiter(env.COORDINATOR, { perMinute, burst }, logger, { prefix, fail: 'closed' });
  return createWorkspace({
    state,
    logger,
    now,
    newId,
    options: {
      sessionSecret: secret ?? crypto.randomUUID(),
      sessionIdleMs: config.staff.sessionIdleMs,
      cookieSecure: config.staff.cookieSecure,
      hasher: secret ? createPortableScryptHasher() : null,
      clientKey: addressOf,
      defaultAgency: config.defaultAgency,
      // Five tries at once per account, then one every 12 s; an address may try twenty names a minute: in every isolate together.
      loginLimits: { perAccount: loginLimit(5, 5, 'login-account'), perAddress: loginLimit(20, 10, 'login-address') },
    },
  });
}

export function createWorkerService(env: WorkerEnv): WorkerService {
  const config = loadConfig(variablesOf(env));
  const logger = createLogger(config.logLevel);
  const stores = openD1Stores(env.DB);
  const state: AppState = { engine: null, store: stores.conversations, workspace: stores.workspace };
  let widget: WidgetScript | null = null;
  const workspace = createStaffWorkspace(config, state, env, logger);
  const outgoing = (input: string, init?: RequestInit) => fetch(input, init);
  // Zalo's single-use refresh token, refreshed by one isolate at a time (zalo-refresh.ts).
  const platformFetch =
    'missing' in config.zalo
      ? outgoing
      : serialiseZaloRefresh(outgoing, { settings: config.zalo, locks: createCoordinatorLocks(env.COORDINATOR, 30_000, logger), tokens: () => stores.channels.tokens, now, logger });
  const platforms = createPlatformChannels(config, {
    fetch: platformFetch,
    stores: () => stores.channels,
    now,
    logger,
    // Each platform user's limit holds across isolates, as the web's per-address one does.
    // Citizens' limits fail open: an unreachable coordinator lets them through (logged).
    limiter: (channel) => createCoordinatorLimiter(env.COORDINATOR, config.rateLimit, logger, { prefix: `limit-${channel}` }),
  });
  const deliveries = createDeliveryWorker({ platforms, outbox: () => stores.workspace.outbox, events: () => stores.channels.events, now, logger });
  // A binding the configuration needs but wrangler.toml lacks is found here and reported by
  // start(), as a missing embedder binding is: /healthz answers, /readyz and questions get 503.
  const bindingProblem = config.llm?.provider === 'workers-ai' && !env.AI ? 'LLM_PROVIDER=workers-ai needs the AI binding ([ai] binding = "AI" in wrangler.toml, or [env.<name>.ai])' : null;
  const composer =
    config.llm?.provider === 'workers-ai' && env.AI
      ? createLlmComposer({
          client: createWorkersAiLlmClient(env.AI, config.llm),
          documents: () => state.engine?.documents ?? new Map(),
          agency: config.defaultAgency,
          timeoutMs: config.llm.timeoutMs,
          logger,
        })
      : undefined;
  // An answer holds its conversation at most this long (the LLM's deadline and then some).
  const lockTtlMs = (config.llm?.timeoutMs ?? 0) + 30_000;
  const app = createApp({
    state,
    logger,
    composer,
    background: (c) => createWaitUntilBackground(c.executionCtx, logger),
    metricsToken: config.metricsToken ?? undefined,
    conversationTtlMs: config.conversationTtlMs,
    widget: () => widget,
    allowedOrigins: config.allowedOrigins,
    site: { province: config.province, defaultDocument: config.defaultDocument },
    locks: createCoordinatorLocks(env.COORDINATOR, lockTtlMs, logger),
    rateLimit: config.rateLimit.perMinute > 0 ? { limiter: createCoordinatorLimiter(env.COORDINATOR, config.rateLimit, logger), clientKey: addressOf } : undefined,
    workspace,
    platforms,
  });

  let faqCheckedAt = 0;
  let faqStamp: string | null = null;
  /** What changes whenever staff publish, archive or edit: compared, not re-read, most of the time. */
  const publishedStamp = async () => JSON.stringify(await env.DB.prepare('SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM faq_entries').first());

  async function start(): Promise<void> {
    if (bindingProblem) throw new Error(bindingProblem);
    const [engine, files, built] = await Promise.all([loadWorkerEngine(env, config), loadFaqFiles(env.ASSETS), loadWidget(env.ASSETS)]);
    widget = built;
    // The first admin of a fresh install, as on Node; a no-op (createFirstAdmin's one count) once accounts exist.
    if (config.staff.firstAdmin && workspace.ctx.hasher) {
      await workspace.accounts.createFirstAdmin(config.staff.firstAdmin.username, config.staff.firstAdmin.password, 'system');
    }
    // Staff's published FAQ replaces the one the index was built with before it answers anyone.
    faqStamp = await publishedStamp();
    const reviewDays = (await workspace.settings.read()).reviewDays;
    await prepareEngine(engine, stores.workspace, files, { now: workspace.ctx.now, newId: workspace.ctx.newId, logger, reviewDays });
    faqCheckedAt = Date.now();
    state.engine = engine;
    logger.info('ready', { runtime: 'workers', ...engine.info });
  }

  /** A publish handled by another isolate reaches this one within FAQ_REFRESH_MS. */
  async function refreshFaq(): Promise<void> {
    faqCheckedAt = Date.now();
    const stamp = await publishedStamp();
    if (stamp === faqStamp || !state.engine) return;
    faqStamp = stamp;
    await applyPublishedFaq(state.engine, stores.workspace.faq, logger);
  }

  let starting: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    starting ??= start().catch((error: unknown) => {
      // The next request tries again; meanwhile /readyz and /api/chat answer 503.
      starting = null;
      logger.error('the Worker could not start: a binding, its index or its database is missing or failing', { error });
    });
    return starting;
  };

  return {
    async fetch(request, ctx) {
      if (new URL(request.url).pathname !== '/healthz') await ready();
      if (state.engine && Date.now() - faqCheckedAt > FAQ_REFRESH_MS) ctx.waitUntil(refreshFaq().catch((error: unknown) => logger.warn('could not look for FAQ changes', { error })));
      return app.fetch(request, env, ctx as Parameters<typeof app.fetch>[2]);
    },
    async scheduled(cron) {
      await ready();
      if (cron !== RETENTION_CRON) return deliveries.tick();
      let steps = 0;
      await purgeExpired(
        { stores: () => stores.workspace, retentionDays: config.retentionDays, now, newId, logger, pause: () => Promise.resolve() },
        () => ++steps > PURGE_STEPS_PER_RUN,
      );
    },
  };
}
