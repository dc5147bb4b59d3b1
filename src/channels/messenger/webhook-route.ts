/**
 * @module
 * `GET /webhooks/facebook`: the subscription handshake (the challenge echoed when the verify
 * token matches, 403 otherwise). `POST /webhooks/facebook`: the signature checked over the
 * raw bytes (Meta signs them with non-ASCII `\uXXXX`-escaped; they are never re-serialised);
 * a bad one is 401 and nothing is processed. Every message of every entry is recorded,
 * then the batch is acknowledged and answered after the response, entry by entry; an
 * entry or item that does not fit is skipped (logged, without its content), not the batch.
 */
import type { Context } from 'hono';
import { sameText } from '../../admin/auth/secret-text.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Inbox } from '../platform/inbox.ts';
import type { WebhookEnv } from '../platform/types.ts';
import { parseWellFormedJson } from '../web/read-json.ts';
import { messengerBatchSchema, toInboundEvents } from './events.ts';
import type { MessengerSettings } from './settings.ts';
import { verifyMessengerSignature } from './signature.ts';

/**
 * Events older than this are refused: Meta redelivers over about a day and a half, and an
 * id is remembered for 8 days (delivery-worker.ts), so anything older would be a replay
 * that could no longer be recognised.
 */
const MESSENGER_MAX_AGE_MS = 7 * 86_400_000;

const utf8 = new TextDecoder();

export interface MessengerWebhookDeps {
  settings: MessengerSettings;
  inbox: Inbox;
  now: () => Date;
  logger: Logger;
}

export function createMessengerVerifyHandler(settings: MessengerSettings) {
  return (c: Context) => {
    const challenge = c.req.query('hub.challenge') ?? '';
    const token = c.req.query('hub.verify_token') ?? '';
    // The challenge is echoed as plain text, and only when it looks like one: nothing a browser would run.
    if (c.req.query('hub.mode') === 'subscribe' && sameText(token, settings.verifyToken) && /^[\w.~-]{1,512}$/.test(challenge)) {
      return c.text(challenge, 200, { 'Cache-Control': 'no-store' });
    }
    throw new AppError('forbidden', 'Mã xác minh webhook không khớp.');
  };
}

export function createMessengerWebhookHandler(deps: MessengerWebhookDeps, env: WebhookEnv) {
  return async (c: Context) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verifyMessengerSignature(c.req.header('x-hub-signature-256'), raw, deps.settings.appSecret))) {
      throw new AppError('unauthorized', 'Chữ ký X-Hub-Signature-256 không hợp lệ.');
    }
    let body: unknown;
    try {
      // Strings made well-formed as the web API's are (a lone surrogate escape becomes U+FFFD), after the signature was checked over the raw bytes.
      body = parseWellFormedJson(utf8.decode(raw));
    } catch {
      throw new AppError('invalid_request', 'Nội dung không phải JSON.');
    }
    const batch = messengerBatchSchema.safeParse(body);
    if (!batch.success || batch.data.object !== 'page') {
      // Signed by Meta, but nothing for a Page's Messenger: acknowledged, so it is not sent again.
      deps.logger.warn('a Messenger delivery that is not a page event was ignored', { object: batch.success ? batch.data.object.slice(0, 32) : null });
      return c.text('EVENT_RECEIVED');
    }
    const now = deps.now().getTime();
    const { events: all, skipped } = toInboundEvents(batch.data, now);
    // Only how many: an item's fields may be a user's id or words.
    if (skipped > 0) deps.logger.warn('Messenger items of a shape not understood (a field too long or of the wrong type) were skipped; the rest of the delivery is answered', { skipped });
    const oldest = now - MESSENGER_MAX_AGE_MS;
    const events = all.filter((e) => e.occurredAt >= oldest);
    if (events.length < all.length) {
      deps.logger.warn('Messenger events older than 7 days were refused (a replay?)', { count: all.length - events.length });
      if (events.length === 0) throw new AppError('unauthorized', 'Sự kiện đã quá cũ.');
    }
    const fresh = await deps.inbox.claim(events);
    if (fresh.length > 0) env.background(c).run('messenger replies', () => deps.inbox.process(fresh));
    return c.text('EVENT_RECEIVED');
  };
}
