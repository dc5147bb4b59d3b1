/**
 * @module
 * The channel-neutral conversation service: one question in one conversation, for any
 * channel. A web request names its conversation by id; a Zalo or Messenger event by the
 * platform user (one conversation per user). The service admits the question (one at a
 * time per conversation), answers it with the conversation's recent turns and the page it
 * was asked from, stores the exchange (question redacted, no address) and returns a domain
 * result; each channel shapes its own response from it.
 */
import type { AnswerQuestion, AnswerResult, AskContext, Method, Outcome } from '../answer/answer.ts';
import { AppError } from '../errors.ts';
import { SECTION_SEPARATOR, type DocumentMeta, type Passage } from '../ingest/types.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Store } from '../store/types.ts';
import { StoreBusyError } from '../store/write-queue.ts';
import { redactPersonalData } from '../text/index.ts';
import { extractiveComposer, type Composer } from '../answer/composer.ts';
import { buildQuery } from '../retrieval/query.ts';
import type { ConversationLocks } from './locks.ts';

export type Channel = 'web' | 'zalo' | 'messenger';

export interface AskRequest {
  channel: Channel;
  /** The web names its conversation by the id a previous answer returned. */
  conversationId?: string;
  /** A platform names its user (Zalo user id, Messenger PSID): one conversation per user. */
  externalUserId?: string;
  message: string;
  context?: AskContext;
}

export interface AskResult {
  conversationId: string;
  messageId: string;
  outcome: Outcome;
  method: Method;
  answer: string;
  sources: Passage[];
  suggestions: string[];
  latencyMs: number;
  /** Whether this is the conversation's first question (a platform says who it is, once). */
  isNew: boolean;
}

export interface ConversationDeps {
  answer: AnswerQuestion;
  documents: Map<string, DocumentMeta>;
  store: Store;
  locks: ConversationLocks;
  now: () => Date;
  newId: () => string;
  conversationTtlMs: number;
  logger?: Logger;
  metrics?: Metrics;
  /** Writes the words of an answer decided by the answerer (an LLM); the extractive answer when absent. */
  composer?: Composer;
}

/** Streaming: the sources as soon as they are decided, then the text as it is written. */
export interface AnswerHooks {
  onSources?(sources: readonly Passage[]): void;
  onDelta?(text: string): void;
  /** Aborted when the client goes away or the server stops: a generation then gives way to the extractive answer. */
  signal?: AbortSignal;
}

/** A question admitted into its conversation, which it holds until answered. */
export interface OpenTurn {
  request: AskRequest;
  started: number;
  now: Date;
  message: string;
  conversationId: string;
  isNew: boolean;
}

const HISTORY_TURNS = 3;
const BUSY_MESSAGE = 'Hệ thống đang bận ghi dữ liệu. Vui lòng thử lại sau ít giây.';
const BUSY_RETRY_SECONDS = 5;

/** A passage as a citizen sees it cited. */
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

export function createConversationService(deps: ConversationDeps) {
  // The extractive composer is the default: it gives the answer as decided.
  const composer = deps.composer ?? extractiveComposer;
  /**
   * Resolves the conversation and claims it: 409 `conflict` while another question is being
   * answered in it, 503 `not_ready` when the database cannot take the exchange. Runs before
   * any response starts, so a streaming client gets the ordinary JSON error.
   */
  async function open(request: AskRequest): Promise<OpenTurn> {
    const started = performance.now();
    // The database is locked and the writes waiting for it fill the queue: answering now would lose the exchange.
    if (!deps.store.canWrite()) throw new AppError('not_ready', BUSY_MESSAGE, BUSY_RETRY_SECONDS);
    const now = deps.now();
    const activeSince = new Date(now.getTime() - deps.conversationTtlMs).toISOString();
    const existing = request.externalUserId
      ? await deps.store.findUserConversation(request.channel, request.externalUserId)
      : request.conversationId
        ? await deps.store.findConversation(request.conversationId, activeSince)
        : null;
    const conversationId = existing?.id ?? deps.newId();
    // A new conversation needs no claim: its id reaches the client only with this answer, and
    // it is stored only then, so no other question can be asked in it meanwhile. (On Workers a
    // claim is a Durable Object call: first questions, most of the traffic, skip it.)
    if (existing && !(await deps.locks.acquire(conversationId))) throw new AppError('conflict');
    return { request, started, now, message: request.message.normalize('NFC').trim(), conversationId, isNew: !existing };
  }

  /** Answers an admitted question with the conversation's recent turns, stores the exchange, releases the conversation. */
  async function answer(turn: OpenTurn, hooks: AnswerHooks = {}): Promise<AskResult> {
    const { conversationId, message, now, request } = turn;
    try {
      const since = new Date(now.getTime() - deps.conversationTtlMs).toISOString();
      const history = turn.isNew ? [] : await deps.store.recentTurns(conversationId, HISTORY_TURNS, since);
      const documentId = request.context?.documentId;
      // Pages outlive corpus changes: an id the corpus no longer holds is ignored, and logged for the operator.
      const known = documentId !== undefined && deps.documents.has(documentId);
      if (documentId !== undefined && !known) deps.logger?.info('unknown context document ignored', { documentId: documentId.slice(0, 128) });
      const earlier = history.map((t) => t.question);
      // What leaves the service for a model is redacted, as what is stored is.
      const redacted = redactPersonalData(message);
      // A follow-up is rewritten into a standalone question, but only to retrieve with: the guard,
      // the facets and the scope still judge what the citizen wrote.
      // Only a composer that rewrites needs to know (the extractive one does not).
      const followUp = composer.rewrite !== undefined && history.length > 0 && buildQuery(message, earlier).followUp;
      const retrievalQuestion = followUp ? ((await composer.rewrite?.(redacted, earlier, { startedAt: turn.started, signal: hooks.signal })) ?? undefined) : undefined;
      const decided: AnswerResult = await deps.answer(message, history, { ...(known ? { documentId } : {}), retrievalQuestion });
      const result = await composeAnswer(decided, redacted, earlier, turn.started, hooks);
      const latencyMs = Math.round((performance.now() - turn.started) * 100) / 100;
      deps.metrics?.answer(result.outcome, result.method, latencyMs / 1000);
      const messageId = deps.newId();
      await save({
        messageId,
        conversationId,
        channel: request.channel,
        externalUserId: request.externalUserId ?? null,
        question: redacted,
        outcome: result.outcome,
        method: result.method,
        answer: result.answer,
        sources: result.sources.map((p) => ({ passageId: p.id, documentId: p.documentId, section: p.path.join(SECTION_SEPARATOR) || null })),
        latencyMs,
        createdAt: now.toISOString(),
        // A generated answer is written from the passages the extractive one was chosen from: it is as sure as their coverage.
        confidence: result.method === 'faq' ? result.signals.faq : result.method === 'extractive' || result.method === 'llm' ? result.signals.coverage : null,
        fallbackReason: result.fallback ?? null,
      });
      return {
        conversationId,
        messageId,
        outcome: result.outcome,
        method: result.method,
        answer: result.answer,
        sources: result.sources,
        suggestions: result.suggestions.slice(0, 3),
        latencyMs,
        isNew: turn.isNew,
      };
    } finally {
      if (!turn.isNew) await deps.locks.release(conversationId);
    }
  }

  /**
   * The words of the answer: a configured composer (an LLM) writes a grounded extractive
   * answer afresh from its candidate passages, streaming; FAQ answers, declines and refusals
   * are given as decided. The composer falls back to the extractive answer on any failure.
   */
  async function composeAnswer(decided: AnswerResult, question: string, earlier: string[], startedAt: number, hooks: AnswerHooks): Promise<AnswerResult & { fallback?: string | null }> {
    if (composer === extractiveComposer || decided.outcome !== 'answered' || decided.method !== 'extractive' || !decided.candidates?.length) {
      hooks.onSources?.(decided.sources);
      return decided;
    }
    hooks.onSources?.(decided.candidates);
    const composed = await composer.compose({ question, earlier, passages: decided.candidates, extractive: decided, startedAt }, { onDelta: hooks.onDelta, signal: hooks.signal });
    deps.metrics?.llm(composed.method === 'llm' ? 'used' : 'fallback', composed.fallback, composed.firstTextMs === undefined ? null : composed.firstTextMs / 1000, (composed.totalMs ?? 0) / 1000);
    return { ...decided, answer: composed.answer, sources: [...composed.sources], method: composed.method, fallback: composed.fallback };
  }

  async function save(record: Parameters<Store['saveExchange']>[0]): Promise<void> {
    try {
      await deps.store.saveExchange(record);
    } catch (error) {
      if (error instanceof StoreBusyError) throw new AppError('not_ready', BUSY_MESSAGE, BUSY_RETRY_SECONDS, { cause: error });
      throw error;
    }
  }

  /** Whether a platform user has no conversation yet, so that the next reply is the first they get (a read that meets a lock says yes). */
  async function isNewUser(channel: Channel, externalUserId: string): Promise<boolean> {
    return (await deps.store.findUserConversation(channel, externalUserId)) === null;
  }

  return { open, answer, ask: async (request: AskRequest, hooks?: AnswerHooks) => answer(await open(request), hooks), isNewUser };
}

export type ConversationService = ReturnType<typeof createConversationService>;
