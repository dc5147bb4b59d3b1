/**
 * @module
 * Replies through the OA consultation message API ("tin tư vấn", `POST /v3.0/oa/message/cs`
 * with the `access_token` header). Zalo answers HTTP 200 with `{"error": 0}` on success and
 * a negative code otherwise: an invalid or expired token is refreshed and the message sent
 * once more; outside the 7-day window (-230, -232) and other refusals of this user stop
 * there; the rate limit (-32) and 5xx are retried with backoff.
 */
import type { Logger } from '../../logger.ts';
import type { OutgoingMessage } from '../platform/chat-text.ts';
import { PlatformError, requestJson, withRetries, type Fetch, type PlatformFailure, type RetryPolicy } from '../platform/platform-http.ts';
import type { PlatformSender } from '../platform/types.ts';
import type { ZaloTokens } from './tokens.ts';

/** Zalo's error codes (developers.zalo.me, "Phụ lục: mã lỗi") by what they mean for a reply. */
const FAILURES: Record<number, PlatformFailure> = {
  [-216]: 'token', // access token is invalid
  [-220]: 'token', // access token expired or removed
  [-230]: 'window', // the user has not interacted with the OA in the past 7 days
  [-232]: 'window', // no interaction, or the last one has expired
  [-213]: 'window', // the user does not follow the OA
  [-227]: 'window', // the user is banned or inactive for more than 45 days
  [-244]: 'window', // the user restricted this message type from the OA
  [-32]: 'rate', // the app or OA reached its API rate limit
  [-200]: 'transient', // "send message failed"
};

export interface ZaloSenderDeps {
  openApiBase: string;
  fetch: Fetch;
  tokens: ZaloTokens;
  retry: RetryPolicy;
  logger: Logger;
}

export function createZaloSender(deps: ZaloSenderDeps): PlatformSender {
  const url = `${deps.openApiBase}/v3.0/oa/message/cs`;

  async function post(token: string, userId: string, text: string): Promise<void> {
    const res = await requestJson(
      deps.fetch,
      'zalo',
      url,
      { method: 'POST', headers: { access_token: token, 'content-type': 'application/json' }, body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }) },
      deps.retry.timeoutMs,
    );
    const body = res.body as { error?: unknown } | null;
    if (typeof body?.error !== 'number') throw new PlatformError('zalo', res.status >= 400 ? 'permanent' : 'transient', `http ${res.status}`);
    if (body.error === 0) return;
    throw new PlatformError('zalo', FAILURES[body.error] ?? 'permanent', String(body.error));
  }

  /** One message: a rejected token is refreshed (one refresh for all callers) and the message sent once more. */
  async function sendOne(userId: string, text: string, ref: string): Promise<void> {
    await withRetries(
      async () => {
        const token = await deps.tokens.current();
        try {
          await post(token, userId, text);
        } catch (error) {
          if (!(error instanceof PlatformError) || error.failure !== 'token') throw error;
          deps.logger.info('the Zalo access token was refused; refreshing it', { ref, code: error.code });
          await post(await deps.tokens.refresh(token), userId, text);
        }
      },
      deps.retry,
      (error, attempt) => deps.logger.warn('a Zalo call failed; trying again', { ref, attempt, error: error.message }),
    );
  }

  return {
    async send(userId: string, messages: OutgoingMessage[], ref: string) {
      // In order: each waits for the previous one, so they arrive as written.
      for (const message of messages) await sendOne(userId, message.text, ref);
    },
  };
}
