/**
 * @module
 * The Hono app, built from injected dependencies so that it runs on Node and (later) on
 * Workers alike. No `node:` import here.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AnswerQuestion } from './answer/answer.ts';
import { createChatHandler } from './channels/web/chat-route.ts';
import type { ChatDeps } from './channels/web/chat-service.ts';
import { createFeedbackHandler } from './channels/web/feedback-route.ts';
import { buildOpenApiDocument } from './channels/web/openapi.ts';
import { AppError, createErrorHandler, errorResponse } from './errors.ts';
import type { DocumentMeta } from './ingest/types.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store/types.ts';

export const MAX_BODY_BYTES = 32 * 1024;

/** What answering needs; null until the index is loaded. */
export interface ReadyEngine {
  answer: AnswerQuestion;
  documents: Map<string, DocumentMeta>;
  info: Record<string, unknown>;
}

export interface AppState {
  engine: ReadyEngine | null;
  store: Store | null;
}

export interface AppDeps {
  state: AppState;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  conversationTtlMs?: number;
}

export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const pending = new Set<string>();
  const app = new Hono();
  const openApi = buildOpenApiDocument();

  const ready = () => {
    const { engine, store } = deps.state;
    if (!engine || !store) throw new AppError('not_ready', undefined, 5);
    return { engine, store };
  };
  const chatDeps = (): ChatDeps => {
    const { engine, store } = ready();
    return { answer: engine.answer, documents: engine.documents, store, now, newId, pending, conversationTtlMs: deps.conversationTtlMs ?? 86_400_000 };
  };

  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => errorResponse(c, new AppError('not_found')));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const { engine, store } = deps.state;
    if (!engine || !store) return c.json({ status: 'starting' }, 503);
    return c.json({ status: 'ready', ...engine.info });
  });
  app.get('/openapi.json', (c) => c.json(openApi));

  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, new AppError('payload_too_large')) });
  const requireReady = async (_c: unknown, next: () => Promise<void>) => {
    ready();
    await next();
  };
  app.post('/api/chat', limit, requireReady, createChatHandler(chatDeps, deps.logger));
  app.post('/api/feedback', limit, requireReady, createFeedbackHandler(() => ready().store, now));

  return app;
}
