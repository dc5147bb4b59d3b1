/**
 * @module
 * Replies through the Send API (`POST /{version}/me/messages`, `messaging_type: RESPONSE`)
 * and the typing indicator (a separate request with `sender_action: typing_on`; the API
 * refuses one that also carries a message). The page token goes with `appsecret_proof`, so
 * the app's "Require App Secret" setting can be on. Graph errors: 190 is a bad token;
 * 10/2018278 (outside the 24-hour window) and 551 (person unavailable) stop there; the rate
 * limits (4, 17, 32, 613) and 5xx are retried with backoff.
 */
import type { Logger } from '../../logger.ts';
import type { OutgoingMessage } from '../platform/chat-text.ts';
import { hmacSha256Hex, utf8 } from '../platform/crypto.ts';
import { PlatformError, requestJson, withRetries, type Fetch, type PlatformFailure, type RetryPolicy } from '../platform/platform-http.ts';
import type { PlatformSender } from '../platform/types.ts';
import type { MessengerSettings } from './settings.ts';

const RATE = new Set([4, 17, 32, 613]);
const TRANSIENT = new Set([1, 2]);

function failure(code: number, subcode: number | undefined): PlatformFailure {
  if (RATE.has(code)) return 'rate';
  if (TRANSIENT.has(code)) return 'transient';
  if (code === 190) return 'token';
  if (code === 551 || (code === 10 && subcode === 2018278) || code === 200) return 'window';
  return 'permanent';
}

export interface MessengerSenderDeps {
  settings: MessengerSettings;
  fetch: Fetch;
  retry: RetryPolicy;
  logger: Logger;
}

export function createMessengerSender(deps: MessengerSenderDeps): PlatformSender {
  const { settings } = deps;
  let url: Promise<string> | null = null;
  const endpoint = () =>
    (url ??= hmacSha256Hex(settings.appSecret, utf8(settings.pageAccessToken)).then(
      (proof) => `${settings.graphApiBase}/${settings.graphApiVersion}/me/messages?access_token=${encodeURIComponent(settings.pageAccessToken)}&appsecret_proof=${proof}`,
    ));

  const postJson = async (body: unknown, timeoutMs: number) =>
    requestJson(deps.fetch, 'messenger', await endpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, timeoutMs);

  async function post(body: unknown): Promise<void> {
    const res = await postJson(body, deps.retry.timeoutMs);
    if (res.status >= 200 && res.status < 300) return;
    const error = (res.body as { error?: { code?: unknown; error_subcode?: unknown } } | null)?.error;
    const code = typeof error?.code === 'number' ? error.code : null;
    const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
    if (code === null) throw new PlatformError('messenger', 'permanent', `http ${res.status}`);
    if (code === 190) deps.logger.error('Messenger refused FB_PAGE_ACCESS_TOKEN (code 190): generate a new Page token (README, "Zalo and Messenger")');
    throw new PlatformError('messenger', failure(code, subcode), subcode === undefined ? String(code) : `${code}/${subcode}`);
  }

  return {
    async typing(userId: string) {
      // A hint only: one try, a short timeout, failures ignored by the caller.
      await postJson({ recipient: { id: userId }, sender_action: 'typing_on' }, Math.min(deps.retry.timeoutMs, 3_000));
    },
    async send(userId: string, messages: OutgoingMessage[], ref: string) {
      for (const message of messages) {
        const body = {
          recipient: { id: userId },
          messaging_type: 'RESPONSE',
          message: message.quickReplies?.length
            ? { text: message.text, quick_replies: message.quickReplies.map((q) => ({ content_type: 'text', title: q.title, payload: q.payload })) }
            : { text: message.text },
        };
        await withRetries(
          () => post(body),
          deps.retry,
          (error, attempt) => deps.logger.warn('a Messenger call failed; trying again', { ref, attempt, error: error.message }),
        );
      }
    },
  };
}
