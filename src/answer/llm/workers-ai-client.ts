/**
 * @module
 * Workers AI as the composer's chat model, through the Worker's AI binding. Not LangChain's
 * `ChatCloudflareWorkersAI`: that class calls the REST API (an account token in the Worker)
 * and sends only `{messages, stream}`, so the model's own `max_tokens` applies — 256 for
 * many Workers AI models, which cuts answers off. Here `max_tokens` and `temperature` are
 * always sent. Streaming returns server-sent events `data: {"response":"…"}` ending with
 * `data: [DONE]`.
 */
import type { LlmClient } from './composer.ts';
import type { Prompt } from './prompt.ts';

export interface AiChatRunner {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

export interface WorkersAiChatSettings {
  model: string;
  maxTokens: number;
  temperature: number;
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** The text chunks of a Workers AI event stream. */
async function* responses(stream: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncIterable<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const stop = aborted(signal);
  stop.catch(() => reader.cancel().catch(() => {}));
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stop]);
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end).trim();
        buffered = buffered.slice(end + 1);
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as { response?: unknown };
        if (typeof chunk.response === 'string' && chunk.response) yield chunk.response;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export function createWorkersAiLlmClient(ai: AiChatRunner, settings: WorkersAiChatSettings): LlmClient {
  const input = (prompt: Prompt, stream: boolean) => ({
    messages: [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ],
    max_tokens: settings.maxTokens,
    temperature: settings.temperature,
    stream,
  });
  return {
    provider: 'workers-ai',
    async *stream(prompt, signal) {
      const out = await Promise.race([ai.run(settings.model, input(prompt, true)), aborted(signal)]);
      if (!(out instanceof ReadableStream)) throw new SyntaxError('Workers AI did not stream');
      yield* responses(out as ReadableStream<Uint8Array>, signal);
    },
    async complete(prompt, signal) {
      const out = (await Promise.race([ai.run(settings.model, input(prompt, false)), aborted(signal)])) as { response?: unknown };
      if (typeof out?.response !== 'string') throw new SyntaxError('Workers AI gave no response text');
      return out.response;
    },
  };
}
