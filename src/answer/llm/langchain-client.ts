/**
 * @module
 * The chat models, through LangChain: any OpenAI-compatible endpoint (OpenAI, vLLM,
 * llama.cpp server, LM Studio, hosted Vietnamese models) with `ChatOpenAI` on the Chat
 * Completions API, and Ollama with `ChatOllama`. Retries and the deadline are the
 * composer's (one deadline for the whole generation), so the clients retry nothing.
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import type { LlmClient } from './composer.ts';
import type { Prompt } from './prompt.ts';

export interface LlmSettings {
  /** `workers-ai` is served by the Worker's AI binding (workers-ai-client.ts), never from here. */
  provider: 'openai' | 'ollama' | 'workers-ai';
  baseUrl: string | null;
  model: string;
  apiKey: string | null;
  maxTokens: number;
  temperature: number;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
  return '';
}

function createChatModel(settings: LlmSettings): BaseChatModel {
  if (settings.provider === 'workers-ai') throw new Error('LLM_PROVIDER=workers-ai runs on Cloudflare Workers (README, "Deploying to Cloudflare Workers"); on Node use openai or ollama');
  if (settings.provider === 'ollama') {
    return new ChatOllama({ baseUrl: settings.baseUrl ?? 'http://127.0.0.1:11434', model: settings.model, temperature: settings.temperature, numPredict: settings.maxTokens, maxRetries: 0 });
  }
  return new ChatOpenAI({
    model: settings.model,
    // A local server (vLLM, llama.cpp) needs no key, but the client insists on one.
    apiKey: settings.apiKey ?? 'not-needed',
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    maxRetries: 0,
    streamUsage: false,
    useResponsesApi: false,
  });
}

const messagesOf = (prompt: Prompt) => [new SystemMessage(prompt.system), new HumanMessage(prompt.user)];

export function createLlmClient(settings: LlmSettings, model: BaseChatModel = createChatModel(settings)): LlmClient {
  return {
    provider: settings.provider,
    async *stream(prompt, signal) {
      const stream = await model.stream(messagesOf(prompt), { signal });
      for await (const chunk of stream) yield textOf(chunk.content);
    },
    async complete(prompt, signal) {
      const reply = await model.invoke(messagesOf(prompt), { signal });
      return textOf(reply.content);
    },
  };
}
