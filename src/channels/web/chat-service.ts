/**
 * @module
 * The web channel's side of a question: the request as the conversation service takes it,
 * and its result shaped per the API contract (sources with titles and links).
 */
import type { AnswerHooks, AskResult, ConversationService, OpenTurn } from '../../conversation/service.ts';
import { toSource } from '../../conversation/service.ts';
import type { DocumentMeta } from '../../ingest/types.ts';
import type { ChatRequest, ChatResponse } from './schemas.ts';

export interface ChatDeps {
  conversations: ConversationService;
  documents: Map<string, DocumentMeta>;
}

export function openChat(deps: ChatDeps, request: ChatRequest): Promise<OpenTurn> {
  return deps.conversations.open({ channel: 'web', conversationId: request.conversationId, message: request.message, context: request.context });
}

export function toChatResponse(result: AskResult, documents: Map<string, DocumentMeta>): ChatResponse {
  return {
    conversationId: result.conversationId,
    messageId: result.messageId,
    outcome: result.outcome,
    method: result.method,
    answer: result.answer,
    sources: result.sources.map((p) => toSource(p, documents)),
    suggestions: result.suggestions,
    latencyMs: result.latencyMs,
  };
}

export async function respondToChat(deps: ChatDeps, request: ChatRequest, hooks: AnswerHooks = {}): Promise<ChatResponse> {
  return toChatResponse(await deps.conversations.answer(await openChat(deps, request), hooks), deps.documents);
}
