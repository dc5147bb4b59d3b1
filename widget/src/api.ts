/**
 * @module
 * The two calls the widget makes: `POST /api/chat` read as a Server-Sent Events stream
 * (with time limits), and `POST /api/feedback`. Every failure becomes an `AskFailure` whose
 * `kind` the view turns into a message a citizen can act on.
 */
import { createSseParser } from './sse.ts';
import type { ChatResponse, Rating } from './types.ts';

export type FailureKind = 'network' | 'timeout' | 'rate' | 'busy' | 'server' | 'aborted';

export interface AskFailure extends Error {
  kind: FailureKind;
  /** Seconds to wait before retrying (429 and 503), else 0. */
  retryAfter: number;
  /** The server's own message, when it sent one. */
  serverMessage: string;
  retryable: boolean;
}

export interface ChatRequest {
  message: string;
  conversationId?: string;
  context?: { documentId: string };
}

export interface Limits {
  /** No first byte of the body within this: a timeout. */
  firstByteMs: number;
  /** The whole answer not done within this: a timeout. */
  totalMs: number;
}

export const LIMITS: Limits = { firstByteMs: 20_000, totalMs: 60_000 };
const DEFAULT_RETRY_AFTER = 5;

export function failure(kind: FailureKind, retryAfter = 0, serverMessage = '', retryable = kind !== 'aborted'): AskFailure {
  return Object.assign(new Error(kind), { kind, retryAfter, serverMessage, retryable });
}

function isFailure(e: unknown): e is AskFailure {
  return e instanceof Error && 'kind' in e;
}

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date; at least 1 s. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  const v = (value || '').trim();
  if (/^\d+$/.test(v)) return Math.max(1, parseInt(v, 10));
  const date = v ? Date.parse(v) : NaN;
  return isNaN(date) ? DEFAULT_RETRY_AFTER : Math.max(1, Math.ceil((date - now) / 1000));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function messageOf(body: unknown): string {
  const error = body && typeof body === 'object' ? (body as { error?: { message?: unknown }; message?: unknown }) : {};
  const message = error.error ? error.error.message : error.message;
  return typeof message === 'string' ? message : '';
}

/** A non-2xx answer (`{error:{code,message}}`) as a failure. */
export function failureFromResponse(status: number, retryAfter: string | null, bodyText: string): AskFailure {
  const message = messageOf(parseJson(bodyText));
  if (status === 429) return failure('rate', parseRetryAfter(retryAfter), message);
  if (status === 503) return failure('busy', parseRetryAfter(retryAfter), message);
  // 409: the previous question of this conversation is still being answered; 5xx: transient.
  return failure('server', 0, message, status === 409 || status >= 500);
}

function isResponse(value: unknown): value is ChatResponse {
  const r = value as ChatResponse | null;
  return !!r && typeof r.messageId === 'string' && typeof r.answer === 'string' && typeof r.conversationId === 'string';
}

/**
 * Asks one question. `onText` receives each streamed piece of the answer as it arrives;
 * the promise resolves with the `done` payload. `signal` cancels (a new conversation).
 */
export async function askQuestion(api: string, body: ChatRequest, onText: (text: string) => void, signal: AbortSignal, limits = LIMITS): Promise<ChatResponse> {
  const controller = new AbortController();
  let timedOut = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const stop = () => {
    controller.abort();
    // Aborting the fetch errors its body in browsers; cancelling the reader also ends a body that ignores the signal.
    if (reader) reader.cancel().catch(() => undefined);
  };
  const cutOff = () => failure(signal.aborted ? 'aborted' : timedOut ? 'timeout' : 'network');
  const timeout = () => {
    timedOut = true;
    stop();
  };
  signal.addEventListener('abort', stop);
  const first = setTimeout(timeout, limits.firstByteMs);
  const total = setTimeout(timeout, limits.totalMs);
  try {
    const res = await fetch(api + '/api/chat', {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
    if (controller.signal.aborted) throw cutOff();
    if (!res.ok) throw failureFromResponse(res.status, res.headers.get('Retry-After'), await res.text());
    if (!/event-stream/.test(res.headers.get('Content-Type') || '')) {
      // A proxy may have answered in JSON: the same object as `done`.
      const json = parseJson(await res.text());
      if (!isResponse(json)) throw failure('server');
      return json;
    }
    let done: unknown = null;
    let error: unknown = null;
    const parser = createSseParser((e) => {
      const data = parseJson(e.data) as { text?: unknown } | null;
      if (e.event === 'delta' && data && typeof data.text === 'string') onText(data.text);
      else if (e.event === 'done') done = data;
      else if (e.event === 'error') error = data || {};
    });
    const decoder = new TextDecoder();
    if (res.body) {
      reader = res.body.getReader();
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        clearTimeout(first);
        parser.push(decoder.decode(chunk.value, { stream: true }));
      }
    } else {
      parser.push(await res.text());
    }
    if (controller.signal.aborted) throw cutOff();
    parser.push(decoder.decode());
    parser.end();
    if (error) throw failure('server', 0, messageOf(error));
    // A stream that ends without `done` was cut off on the way.
    if (!isResponse(done)) throw failure('network');
    return done;
  } catch (e) {
    throw isFailure(e) ? e : cutOff();
  } finally {
    clearTimeout(first);
    clearTimeout(total);
    signal.removeEventListener('abort', stop);
  }
}

/** Sends a rating (and comment); resolves false when it did not arrive. */
export async function sendFeedback(api: string, body: { messageId: string; rating: Rating; comment?: string }): Promise<boolean> {
  try {
    const res = await fetch(api + '/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Messages added to the conversation later (staff answers), after the given message id.
 * 'gone' when the server no longer knows the conversation; null on any failure (the next
 * poll tries again).
 */
export async function fetchMessages(api: string, conversationId: string, after?: string): Promise<ChatResponse[] | 'gone' | null> {
  try {
    const query = after ? '?after=' + encodeURIComponent(after) : '';
    const res = await fetch(api + '/api/conversations/' + encodeURIComponent(conversationId) + '/messages' + query, { credentials: 'omit', cache: 'no-store' });
    if (res.status === 404) return 'gone';
    if (!res.ok) return null;
    const body = parseJson(await res.text()) as { messages?: unknown } | null;
    return body && Array.isArray(body.messages) ? body.messages.filter(isResponse) : null;
  } catch {
    return null;
  }
}
