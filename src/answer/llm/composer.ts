/**
 * @module
 * The LLM composer: the model writes the answer from the numbered sources, streamed as it
 * comes; the checks (checks.ts) judge the complete text; anything wrong — a timeout, a
 * refused connection, 429 or 5xx after two retries within the deadline, malformed output,
 * an answer that fails a check — gives the extractive answer in the same request, never an
 * error, with the reason logged and counted.
 */
import type { DocumentMeta } from '../../ingest/types.ts';
import type { Logger } from '../../logger.ts';
import type { Composer, Composed, ComposeHooks, Draft } from '../composer.ts';
import { checkAnswer } from './checks.ts';
import { buildPrompt, rewritePrompt, type Prompt } from './prompt.ts';

/** A chat model as the composer needs it: a prompt in, text chunks out, stoppable. */
export interface LlmClient {
  readonly provider: string;
  stream(prompt: Prompt, signal: AbortSignal): AsyncIterable<string>;
  /** One whole reply, not streamed (short tasks such as rewriting a follow-up). */
  complete(prompt: Prompt, signal: AbortSignal): Promise<string>;
}

export type FallbackReason = 'timeout' | 'rate_limited' | 'provider_error' | 'connection' | 'malformed' | 'refused_request' | string;

export interface LlmComposerOptions {
  client: LlmClient;
  documents: () => ReadonlyMap<string, DocumentMeta>;
  agency: string;
  /** The whole generation, retries included. */
  timeoutMs: number;
  /** Retries after a 429, a 5xx or a refused connection, while no text has been streamed. */
  maxRetries?: number;
  /** A random marker in the system prompt: an answer that repeats it is rejected. */
  canary?: string;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_SOURCES = 5;

/** What kind of failure an error from a provider is, for the fallback reason and whether to retry. */
export function classifyLlmError(error: unknown): { reason: FallbackReason; retry: boolean } {
  const e = error as { status?: number; status_code?: number; name?: string; code?: string; message?: string; cause?: { code?: string } };
  const status = e?.status ?? e?.status_code;
  if (e?.name === 'AbortError' || e?.name === 'APIUserAbortError' || e?.name === 'TimeoutError' || /aborted|timed? ?out/i.test(e?.message ?? '')) return { reason: 'timeout', retry: false };
  if (status === 429) return { reason: 'rate_limited', retry: true };
  if (typeof status === 'number' && status >= 500) return { reason: 'provider_error', retry: true };
  if (typeof status === 'number' && status >= 400) return { reason: 'refused_request', retry: false };
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND' || /connection error|fetch failed|socket hang up|ECONNREFUSED/i.test(e?.message ?? '')) return { reason: 'connection', retry: true };
  if (error instanceof SyntaxError || /json|unexpected token|malformed/i.test(e?.message ?? '')) return { reason: 'malformed', retry: false };
  return { reason: 'provider_error', retry: false };
}

function randomCanary(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `NQ57-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createLlmComposer(options: LlmComposerOptions): Composer {
  const canary = options.canary ?? randomCanary();
  const maxRetries = options.maxRetries ?? 2;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** Streams one generation; text is forwarded as it arrives. */
  async function generate(prompt: Prompt, signal: AbortSignal, onText: (text: string) => void): Promise<string> {
    let text = '';
    for await (const chunk of options.client.stream(prompt, signal)) {
      if (typeof chunk !== 'string') throw new SyntaxError('malformed chunk');
      if (!chunk) continue;
      text += chunk;
      onText(chunk);
    }
    return text;
  }

  return {
    name: options.client.provider,
    async compose(draft: Draft, hooks: ComposeHooks = {}): Promise<Composed> {
      const started = performance.now();
      const passages = draft.passages.slice(0, MAX_SOURCES);
      const documents = options.documents();
      const prompt = buildPrompt({ question: draft.question, earlier: draft.earlier, passages, documents, agency: options.agency }, canary);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error('LLM deadline')), options.timeoutMs);
      let firstTextMs: number | null = null;
      let streamed = false;
      const finish = (result: Composed): Composed => {
        clearTimeout(timer);
        return { ...result, firstTextMs: firstTextMs ?? undefined, totalMs: performance.now() - started };
      };
      const fallback = (reason: FallbackReason, detail?: string): Composed => {
        options.logger?.warn('llm answer not used; extractive answer given', { reason, detail: detail?.slice(0, 120), provider: options.client.provider });
        return finish({ answer: draft.extractive.answer, sources: draft.extractive.sources, method: draft.extractive.method, fallback: reason });
      };
      for (let attempt = 0; ; attempt++) {
        try {
          const text = await generate(prompt, controller.signal, (chunk) => {
            if (firstTextMs === null) firstTextMs = performance.now() - started;
            streamed = true;
            hooks.onDelta?.(chunk);
          });
          const checked = checkAnswer({ answer: text, passages, urls: passages.map((p) => documents.get(p.documentId)?.url ?? null), systemPrompt: prompt.system, canary });
          if (!checked.ok) return fallback(checked.reason, checked.detail);
          return finish({ answer: checked.answer, sources: passages, method: 'llm', fallback: null });
        } catch (error) {
          const { reason, retry } = controller.signal.aborted ? { reason: 'timeout', retry: false } : classifyLlmError(error);
          // Once text has reached the citizen a retry would repeat it; within the deadline only.
          if (!retry || streamed || attempt >= maxRetries) return fallback(reason, (error as Error)?.message);
          await sleep(250 * 3 ** attempt);
          if (controller.signal.aborted) return fallback('timeout');
        }
      }
    },
    async rewrite(question, earlier) {
      if (earlier.length === 0) return null;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.min(options.timeoutMs, 5_000));
      try {
        const text = await options.client.complete(rewritePrompt(question, earlier), controller.signal);
        const standalone = text.replace(/\s+/g, ' ').trim();
        // A rewrite is only a hint for retrieval: anything odd keeps the question as asked.
        return standalone.length >= 3 && standalone.length <= 400 && !/[<>]/.test(standalone) ? standalone : null;
      } catch {
        return null;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
