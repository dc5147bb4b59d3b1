/**
 * @module
 * One exchange of the web channel: find or start the conversation, answer with the
 * conversation's earlier questions as context, store the exchange (question redacted,
 * no IP address) and shape the response per the API contract.
 */
import type { AnswerQuestion, AnswerResult } from '../../answer/answer.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics.ts';
import { StoreBusyError } from '../../store/write-queue.ts';
import type { DocumentMeta, Passage } from '../../ingest/types.ts';
import { SECTION_SEPARATOR } from '../../ingest/types.ts';
import type { Store } from '../../store/types.ts';
import { redactPersonalData } from '../../text/index.ts';
import type { ChatRequest, ChatResponse } from './schemas.ts';

export interface ChatDeps {
  answer: AnswerQuestion;
  documents: Map<string, DocumentMeta>;
  store: Store;
  now: () => Date;
  newId: () => string;
  conversationTtlMs: number;
  /** Conversations with a question being answered (one at a time per conversation). */
  pending: Set<string>;
  logger?: Logger;
  metrics?: Metrics;
}

const BUSY_MESSAGE = 'Hệ thống đang bận ghi dữ liệu. Vui lòng thử lại sau ít giây.';
const BUSY_RETRY_SECONDS = 5;

const HISTORY_TURNS = 3;

export function toSource(passage: Passage, documents: Map<string, DocumentMeta>) {
  const meta = documents.get(passage.documentId);
  return {
    documentId: passage.documentId,
    title: meta?.title ?? passage.documentId,
    section: passage.path.length > 0 ? passage.path.join(SECTION_SEPARATOR) : null,
    url: meta?.url ?? null,
    text: passage.text,
  };
}

/** A question admitted into its conversation: the conversation is resolved and marked pending. */
export interface OpenExchange {
  started: number;
  now: Date;
  message: string;
  conversationId: string;
  isNew: boolean;
  release(): void;
}

/**
 * Resolves the conversation and claims it; a second question while one is pending is a 409.
 * Runs before any response starts, so a streaming client gets the ordinary JSON error.
 */
export async function openExchange(deps: ChatDeps, request: ChatRequest): Promise<OpenExchange> {
  const started = performance.now();
  // The database is locked and the writes waiting for it fill the queue: answering now would lose the exchange.
  if (!deps.store.canWrite()) throw new AppError('not_ready', BUSY_MESSAGE, BUSY_RETRY_SECONDS);
  const now = deps.now();
  const activeSince = new Date(now.getTime() - deps.conversationTtlMs).toISOString();
  const existing = request.conversationId ? await deps.store.findConversation(request.conversationId, activeSince) : null;
  const conversationId = existing?.id ?? deps.newId();
  if (deps.pending.has(conversationId)) throw new AppError('conflict');
  deps.pending.add(conversationId);
  return {
    started,
    now,
    message: request.message.normalize('NFC').trim(),
    conversationId,
    isNew: !existing,
    release: () => deps.pending.delete(conversationId),
  };
}

/** Answers an admitted question, stores the exchange (redacted) and shapes the response. */
export async function completeExchange(deps: ChatDeps, open: OpenExchange, request: ChatRequest): Promise<ChatResponse> {
  const { conversationId, message, now } = open;
  try {
    const history = open.isNew ? [] : await deps.store.recentTurns(conversationId, HISTORY_TURNS);
    const documentId = request.context?.documentId;
    // Pages outlive corpus changes: an id the corpus no longer holds is ignored, and logged for the operator.
    const known = documentId !== undefined && deps.documents.has(documentId);
    if (documentId !== undefined && !known) deps.logger?.info('unknown context document ignored', { documentId: documentId.slice(0, 128) });
    const result: AnswerResult = await deps.answer(message, history, known ? { documentId } : {});
    const latencyMs = Math.round((performance.now() - open.started) * 100) / 100;
    deps.metrics?.answer(result.outcome, result.method, latencyMs / 1000);
    const messageId = deps.newId();
    await saveExchange(deps, {
      messageId,
      conversationId,
      channel: request.channel ?? 'web',
      question: redactPersonalData(message),
      outcome: result.outcome,
      method: result.method,
      answer: result.answer,
      sources: result.sources.map((p) => ({ passageId: p.id, documentId: p.documentId, section: p.path.join(SECTION_SEPARATOR) || null })),
      latencyMs,
      createdAt: now.toISOString(),
    });
    return {
      conversationId,
      messageId,
      outcome: result.outcome,
      method: result.method,
      answer: result.answer,
      sources: result.sources.map((p) => toSource(p, deps.documents)),
      suggestions: result.suggestions.slice(0, 3),
      latencyMs,
    };
  } finally {
    open.release();
  }
}

async function saveExchange(deps: ChatDeps, record: Parameters<Store['saveExchange']>[0]): Promise<void> {
  try {
    await deps.store.saveExchange(record);
  } catch (error) {
    if (error instanceof StoreBusyError) throw new AppError('not_ready', BUSY_MESSAGE, BUSY_RETRY_SECONDS, { cause: error });
    throw error;
  }
}

export async function respondToChat(deps: ChatDeps, request: ChatRequest): Promise<ChatResponse> {
  return completeExchange(deps, await openExchange(deps, request), request);
}
