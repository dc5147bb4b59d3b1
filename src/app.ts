/**
 * @module
 * The Hono app, built from injected dependencies so that it runs on Node and (later) on
 * Workers alike. No `node:` import here.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { AnswerQuestion } from './answer/answer.ts';
import { createChatHandler } from './channels/web/chat-route.ts';
import type { ChatDeps } from './channels/web/chat-service.ts';
import type { Composer } from './answer/composer.ts';
import { createNodeBackground, type Background } from './conversation/background.ts';
import { createMemoryLocks, type ConversationLocks } from './conversation/locks.ts';
import { createConversationService, type ConversationService } from './conversation/service.ts';
import { createFeedbackHandler } from './channels/web/feedback-route.ts';
import { createMessagesHandler } from './channels/web/messages-route.ts';
import { registerStaffWorkspace } from './admin/register.ts';
import { createWorkspace, type Workspace } from './admin/workspace.ts';
import { renderHomePage } from './channels/web/home-page.tsx';
import { buildOpenApiDocument } from './channels/web/openapi.ts';
import { createWidgetHandler, type WidgetScript } from './channels/web/widget-route.ts';
import { mountPlatformWebhooks } from './channels/platform/mount.ts';
import type { PlatformChannel } from './channels/platform/types.ts';
import { AppError, createErrorHandler, errorResponse } from './errors.ts';
import type { DocumentMeta, FaqEntry } from './ingest/types.ts';
import { limitBody } from './http/body-limit.ts';
import { timeOrderedId } from './http/time-ordered-id.ts';
import { rateLimitMiddleware, type RateLimiter } from './http/rate-limit.ts';
import type { Logger } from './logger.ts';
import { noopMetrics, type Metrics } from './metrics.ts';
import type { Store } from './store/types.ts';
import type { WorkspaceStores } from './store/workspace.ts';

export const MAX_BODY_BYTES = 32 * 1024;

/** What answering needs; null until the index is loaded. */
export interface ReadyEngine {
  answer: AnswerQuestion;
  documents: Map<string, DocumentMeta>;
  /** Top-level headings of each document in reading order (the home page's contents). */
  outlines: Map<string, string[]>;
  /** Curated questions about each document, to start a conversation from. */
  starters: Map<string, string[]>;
  info: Record<string, unknown>;
  /** Serves these FAQ entries from now on (published by staff): answers change at once, no passage is re-indexed. */
  replaceFaq(entries: readonly FaqEntry[]): void;
  /** Links an entry to the passage its section names (its source), or says why it cannot be. */
  linkFaq(entry: Omit<FaqEntry, 'passageId'>): FaqEntry | { problem: string };
}

export interface AppState {
  engine: ReadyEngine | null;
  store: Store | null;
  /** The staff workspace's stores (FAQ, staff and audit, review queue, outbox); null until open. */
  workspace?: WorkspaceStores | null;
}

export interface AppDeps {
  state: AppState;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  conversationTtlMs?: number;
  /** The built widget script; null while it is being built. */
  widget?: () => WidgetScript | null;
  /** Origins whose pages may call the citizen API and load the widget (default: any). Never staff routes. */
  allowedOrigins?: string[];
  /** The province's name and the document the home page presents. */
  site?: { province: string; defaultDocument: string };
  /** One question at a time per conversation (in memory by default). */
  locks?: ConversationLocks;
  /** Writes the words of answers (an LLM) from the sources the answerer chose; extractive when absent. */
  composer?: Composer;
  /** Runs work after the response (webhook replies): a tracked queue on Node, `waitUntil` on Workers. */
  background?: (c: Context) => Background;
  /** Per-client limits on the citizen routes; none when absent. */
  rateLimit?: { limiter: RateLimiter; clientKey: (c: Context) => string };
  metrics?: Metrics;
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** The staff workspace at /admin and /api/admin (sessions, password hashing, login limits, deliveries of staff answers); one that nobody can log in to by default. */
  workspace?: Workspace;
  /** The chat platforms configured (Zalo, Messenger); the webhook paths of the others answer 404. */
  platforms?: PlatformChannel[];
}

/** Compares a secret in time independent of where the strings differ. */
function sameSecret(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => timeOrderedId());
  const locks = deps.locks ?? createMemoryLocks();
  const app = new Hono();
  const openApi = buildOpenApiDocument();

  const ready = () => {
    const { engine, store } = deps.state;
    if (!engine || !store) throw new AppError('not_ready', undefined, 5);
    return { engine, store };
  };
  /** The conversation service over the engine and store being served (both may be swapped while serving): made again only when one is. */
  let served: { engine: ReadyEngine; store: Store; service: ConversationService } | null = null;
  const conversations = (): ConversationService => {
    const { engine, store } = ready();
    if (served?.engine !== engine || served.store !== store) {
      served = { engine, store, service: createConversationService({ answer: engine.answer, documents: engine.documents, store, locks, now, newId, conversationTtlMs: deps.conversationTtlMs ?? 86_400_000, logger: deps.logger, metrics, composer: deps.composer }) };
    }
    return served.service;
  };
  const chatDeps = (): ChatDeps => ({ conversations: conversations(), documents: ready().engine.documents });

  const metrics = deps.metrics ?? noopMetrics;
  // Work after the response (webhook answers, delivery records); without a runner (tests, tools) the work just runs on.
  const untracked = createNodeBackground(deps.logger);
  const background = deps.background ?? (() => untracked);
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => errorResponse(c, new AppError('not_found')));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, never the raw path: unknown paths must not grow the series without bound.
    metrics.request(c.req.routePath === '/*' || c.res.status === 404 ? 'unmatched' : c.req.routePath, c.req.method, c.res.status, (performance.now() - started) / 1000);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const { engine, store } = deps.state;
    if (!engine || !store) return c.json({ status: 'starting' }, 503);
    return c.json({ status: 'ready', ...engine.info });
  });
  app.get('/openapi.json', (c) => c.json(openApi));
  app.get('/metrics', async (c) => {
    if (deps.metricsToken && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${deps.metricsToken}`)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Cần mã truy cập (Authorization: Bearer …) để xem số liệu.');
    }
    const exposition = await metrics.render();
    if (!exposition) throw new AppError('not_found');
    return c.body(exposition.body, 200, { 'Content-Type': exposition.contentType, 'Cache-Control': 'no-store' });
  });

  const site = deps.site ?? { province: 'Điện Biên', defaultDocument: 'ke-hoach-dien-bien-1169' };
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=604800' }));
  app.get('/', (c) => {
    const engine = deps.state.engine;
    const id = site.defaultDocument;
    return renderHomePage(c, { province: site.province, documentId: id }, { document: engine?.documents.get(id), outline: engine?.outlines.get(id) ?? [], starters: engine?.starters.get(id) ?? [] });
  });

  // Agency portals on other origins embed the widget and call the citizen API from the browser.
  const origins = deps.allowedOrigins ?? ['*'];
  const citizenCors = cors({
    origin: origins.includes('*') ? '*' : origins,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Accept'],
    // The widget honours Retry-After on 429 and 503.
    exposeHeaders: ['Retry-After'],
    maxAge: 86_400,
  });
  for (const path of ['/api/chat', '/api/feedback', '/api/conversations/*', '/widget.js']) app.use(path, citizenCors);
  app.get('/widget.js', createWidgetHandler(deps.widget ?? (() => null)));

  if (deps.rateLimit) {
    const { limiter, clientKey } = deps.rateLimit;
    const limited = rateLimitMiddleware(limiter, clientKey, (route) => metrics.rateLimited(route));
    app.post('/api/chat', limited);
    app.post('/api/feedback', limited);
    app.get('/api/conversations/:id/messages', limited);
  }
  const limit = limitBody(MAX_BODY_BYTES, (c) => errorResponse(c, new AppError('payload_too_large')));
  const requireReady = async (_c: unknown, next: () => Promise<void>) => {
    ready();
    await next();
  };
  app.post('/api/chat', limit, requireReady, createChatHandler(chatDeps, deps.logger));
  app.post('/api/feedback', limit, requireReady, createFeedbackHandler(() => ready().store, now));
  const workspace = deps.workspace ?? createWorkspace({ state: deps.state, logger: deps.logger, now, newId });
  registerStaffWorkspace(app, workspace, { province: site.province });
  app.get('/api/conversations/:id/messages', createMessagesHandler(() => workspace.ctx.stores().outbox, now, background));
  mountPlatformWebhooks(app, deps.platforms ?? [], { conversations, documents: () => ready().engine.documents, background });

  return app;
}
