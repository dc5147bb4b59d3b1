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
import { analyze } from '../../text/index.ts';
import type { Composer, Composed, ComposeHooks, Draft } from '../composer.ts';
import { createAnswerChecker } from './checks.ts';
import { buildPrompt, rewritePrompt, type Prompt } from './prompt.ts';

/** A chat model as the composer needs it: a prompt in, text chunks out, stoppable. */
export interface LlmClient {
  readonly provider: string;
  stream(prompt: Prompt, signal: AbortSignal): AsyncIterable<string>;
  /** One whole reply, not streamed (short tasks such as rewriting a follow-up). */
  complete(prompt: Prompt, signal: AbortSignal): Promise<string>;
}

export type FallbackReason = 'timeout' | 'aborted' | 'rate_limited' | 'provider_error' | 'connection' | 'malformed' | 'refused_request' | string;

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
  /** Aborted when the server stops: generations in flight give way to the extractive answer at once. */
  shutdown?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_SOURCES = 5;

/** What kind of failure an error from a provider is, for the fallback reason and whether to retry. */
function classifyLlmError(error: unknown): { reason: FallbackReason; retry: boolean } {
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

/**
 * Where the last complete sentence of streamed text ends (after its citation, before the
 * space that follows), or 0: text is released to the citizen a checked sentence at a time.
 */
function completeUpTo(text: string): number {
  let end = 0;
  for (const m of text.matchAll(/[.!?…](?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*(?=\s)|\n/g)) end = (m.index ?? 0) + m[0].length;
  return end;
}

export function createLlmComposer(options: LlmComposerOptions): Composer {
  const canary = options.canary ?? randomCanary();
  const maxRetries = options.maxRetries ?? 2;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** One signal for the deadline, the client and the server's shutdown. */
  function linkedAbort(deadline: number, ...signals: Array<AbortSignal | undefined>): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('LLM deadline')), Math.max(0, deadline - performance.now()));
    const onAbort = () => controller.abort(new Error('aborted'));
    for (const s of [...signals, options.shutdown]) {
      if (s?.aborted) onAbort();
      s?.addEventListener('abort', onAbort, { once: true });
    }
    return {
      signal: controller.signal,
      dispose() {
        clearTimeout(timer);
        for (const s of [...signals, options.shutdown]) s?.removeEventListener('abort', onAbort);
      },
    };
  }

  return {
    name: options.client.provider,
    async compose(draft: Draft, hooks: ComposeHooks = {}): Promise<Composed> {
      const started = draft.startedAt ?? performance.now();
      const passages = draft.passages.slice(0, MAX_SOURCES);
      const documents = options.documents();
      const prompt = buildPrompt({ question: draft.question, earlier: draft.earlier, passages, documents, agency: options.agency }, canary);
      const urls = passages.map((p) => documents.get(p.documentId)?.url ?? null);
      const check = createAnswerChecker({ passages, urls, systemPrompt: prompt.system, canary });
      const abort = linkedAbort(started + options.timeoutMs, hooks.signal);
      let firstTextMs: number | null = null;
      let released = 0;
      const finish = (result: Composed): Composed => {
        abort.dispose();
        return { ...result, firstTextMs: firstTextMs ?? undefined, totalMs: performance.now() - started };
      };
      const fallback = (reason: FallbackReason): Composed => {
        // The reason only: the generated text or a provider's message may quote the citizen.
        options.logger?.warn('llm answer not used; extractive answer given', { reason, provider: options.client.provider });
        return finish({ answer: draft.extractive.answer, sources: draft.extractive.sources, method: draft.extractive.method, fallback: reason });
      };
      for (let attempt = 0; ; attempt++) {
        let text = '';
        try {
          for await (const chunk of options.client.stream(prompt, abort.signal)) {
            if (typeof chunk !== 'string') throw new SyntaxError('malformed chunk');
            text += chunk;
            // Released only once a whole sentence passes the checks: unchecked text never reaches the citizen.
            const upTo = completeUpTo(text);
            if (upTo <= released) continue;
            const checked = check(text.slice(0, upTo));
            if (!checked.ok) return fallback(checked.reason);
            if (firstTextMs === null) firstTextMs = performance.now() - started;
            hooks.onDelta?.(text.slice(released, upTo));
            released = upTo;
          }
          const checked = check(text);
          if (!checked.ok) return fallback(checked.reason);
          if (released < text.length) {
            if (firstTextMs === null) firstTextMs = performance.now() - started;
            hooks.onDelta?.(text.slice(released));
          }
          return finish({ answer: checked.answer, sources: passages, method: 'llm', fallback: null });
        } catch (error) {
          const aborted = abort.signal.aborted;
          const { reason, retry } = aborted ? { reason: hooks.signal?.aborted || options.shutdown?.aborted ? 'aborted' : 'timeout', retry: false } : classifyLlmError(error);
          // Once text has reached the citizen a retry would repeat it; within the deadline only.
          if (!retry || released > 0 || attempt >= maxRetries) return fallback(reason);
          await sleep(250 * 3 ** attempt);
          if (abort.signal.aborted) return fallback('timeout');
        }
      }
    },
    async rewrite(question, earlier, rewriteOptions = {}) {
      if (earlier.length === 0) return null;
      const started = rewriteOptions.startedAt ?? performance.now();
      // A short task inside the answer's one deadline: at most 5 s of it.
      const abort = linkedAbort(Math.min(started + options.timeoutMs, performance.now() + 5_000), rewriteOptions.signal);
      try {
        const standalone = (await options.client.complete(rewritePrompt(question, earlier), abort.signal)).replace(/\s+/g, ' ').trim();
        return acceptableRewrite(standalone, question, earlier) ? standalone : null;
      } catch {
        return null;
      } finally {
        abort.dispose();
      }
    },
  };
}

/**
 * A rewrite is only a hint for retrieval, and only taken when it reads as a question about
 * the same things: no markup, no citation marks, and words shared with the conversation.
 */
function acceptableRewrite(rewrite: string, question: string, earlier: readonly string[]): boolean {
  if (rewrite.length < 3 || rewrite.length > 400 || /[<>]|\[\d+\]/.test(rewrite)) return false;
  const asked = new Set(analyze([question, ...earlier].join('\n')).content);
  return analyze(rewrite).content.some((c) => asked.has(c));
}
