/**
 * @module
 * `POST /webhooks/zalo`. The signature is checked over the raw bytes before anything in
 * the body is acted on (only its `timestamp` is read first: it is part of what is signed);
 * a bad signature or an event older than Zalo's retries is refused with 401 and nothing is
 * processed. A good event is recorded, acknowledged at once (Zalo wants 200 within 2 s)
 * and answered after the response.
 */
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { Inbox } from '../platform/inbox.ts';
import type { WebhookEnv } from '../platform/types.ts';
import { parseWellFormedJson } from '../web/read-json.ts';
import { toInboundEvent, zaloEventSchema } from './events.ts';
import type { ZaloSettings } from './settings.ts';
import { verifyZaloSignature } from './signature.ts';

/**
 * How old an event may be: Zalo retries an undelivered event for about 2 hours (30 s, 5,
 * 15, 30 min, 1 h), with the body and so the timestamp unchanged. Older ones are replays;
 * younger duplicates are caught by their recorded id. A little clock skew is allowed ahead.
 */
const ZALO_MAX_AGE_MS = 2 * 3_600_000 + 600_000;
const MAX_AHEAD_MS = 300_000;

export interface ZaloWebhookDeps {
  settings: ZaloSettings;
  inbox: Inbox;
  now: () => Date;
  logger: Logger;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function parse(raw: Uint8Array): Record<string, unknown> | null {
  try {
    // Strings made well-formed as the web API's are (a lone surrogate escape becomes U+FFFD); the signature covers the raw bytes.
    const value = parseWellFormedJson(utf8Strict.decode(raw));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const refused = () => new AppError('unauthorized', 'Chữ ký X-ZEvent-Signature không hợp lệ hoặc sự kiện đã quá cũ.');

export function createZaloWebhookHandler(deps: ZaloWebhookDeps, env: WebhookEnv) {
  return async (c: Context) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const signature = c.req.header('x-zevent-signature');
    const body = parse(raw);
    // The console's "verify" probe: nothing signed and nothing to do; it only wants a 200.
    if (!signature && typeof body?.event_name !== 'string') return c.json({ received: true });
    const timestamp = typeof body?.timestamp === 'string' || typeof body?.timestamp === 'number' ? String(body.timestamp) : null;
    if (timestamp === null || !/^\d{1,16}$/.test(timestamp)) throw refused();
    if (!(await verifyZaloSignature(signature, { appId: deps.settings.appId, rawBody: raw, timestamp, oaSecretKey: deps.settings.oaSecretKey }))) throw refused();
    const age = deps.now().getTime() - Number(timestamp);
    if (age > ZALO_MAX_AGE_MS || age < -MAX_AHEAD_MS) {
      deps.logger.warn('a signed Zalo event was refused: its timestamp is out of range (a replay?)', { ageSeconds: Math.round(age / 1000) });
      throw refused();
    }
    const event = zaloEventSchema.safeParse(body);
    if (!event.success) {
      // Signed by Zalo but not a shape we know: acknowledged, so it is not sent again.
      deps.logger.warn('a Zalo event of an unknown shape was ignored', { eventName: String(body?.event_name).slice(0, 64) });
      return c.json({ received: true });
    }
    const inbound = toInboundEvent(event.data, deps.settings);
    if (inbound) {
      const fresh = await deps.inbox.claim([inbound]);
      if (fresh.length > 0) env.background(c).run('zalo reply', () => deps.inbox.process(fresh));
    }
    return c.json({ received: true });
  };
}
