/**
 * @module
 * Calls to the platforms' APIs through an injected `fetch` (tests point the base URLs at
 * loopback fakes; Workers pass their own): every call has a timeout, and transient
 * failures (network, timeout, 5xx, the platform's rate limit) are retried with growing,
 * jittered delays. What a failure means is decided by each platform's client and carried
 * by `PlatformError`, whose message holds codes only, never the citizen's words.
 */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * `token`: the access token is invalid or expired; `window`: the user may not be messaged
 * now (outside the platform's window, blocked, gone); `rate`: the platform's rate limit;
 * `transient`: network, timeout, 5xx; `permanent`: anything else that retrying cannot mend.
 */
export type PlatformFailure = 'token' | 'window' | 'rate' | 'transient' | 'permanent';

export class PlatformError extends Error {
  constructor(
    readonly platform: string,
    readonly failure: PlatformFailure,
    /** The platform's error code or the HTTP status, e.g. "-230", "http 500", "timeout". */
    readonly code: string,
    detail?: string,
  ) {
    super(`${platform} ${failure} (${code})${detail ? `: ${detail}` : ''}`);
  }

  get retryable(): boolean {
    return this.failure === 'transient' || this.failure === 'rate';
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first delay; tripled at each try, at most maxDelayMs; half to full of it, at random. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A rate limit waits longer: this much times the try's number. */
  rateDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxDelayMs: 5_000, rateDelayMs: 2_000, timeoutMs: 10_000 };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function backoff(error: PlatformError, attempt: number, policy: RetryPolicy): number {
  if (error.failure === 'rate') return policy.rateDelayMs * attempt;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 3 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** Runs `call` until it succeeds, fails for good, or has been tried `policy.attempts` times. */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, onRetry?: (error: PlatformError, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.retryable || attempt >= policy.attempts) throw error;
      onRetry?.(error, attempt);
      await sleep(backoff(error, attempt, policy));
    }
  }
}

export interface PlatformResponse {
  status: number;
  /** The parsed JSON body; null when it was empty or not JSON. */
  body: unknown;
}

/** One HTTP call with a timeout; network failures, timeouts and 5xx are transient PlatformErrors, 429 a rate limit. */
export async function requestJson(fetchFn: Fetch, platform: string, url: string, init: RequestInit, timeoutMs: number): Promise<PlatformResponse> {
  let status: number;
  let text: string;
  try {
    const res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    status = res.status;
    text = await res.text();
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    throw new PlatformError(platform, 'transient', name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
  }
  if (status >= 500) throw new PlatformError(platform, 'transient', `http ${status}`);
  if (status === 429) throw new PlatformError(platform, 'rate', 'http 429');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status, body };
}
