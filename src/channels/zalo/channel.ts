/**
 * @module
 * The Zalo Official Account channel assembled: tokens, the consultation-message sender,
 * the inbox, the webhook route and the delivery of staff answers (7-day window).
 */
import type { Hono } from 'hono';
import { limitBody } from '../../http/body-limit.ts';
import { AppError, errorResponse } from '../../errors.ts';
import { createInbox } from '../platform/inbox.ts';
import { createPlatformDelivery } from '../platform/outbox-delivery.ts';
import { DEFAULT_RETRY } from '../platform/platform-http.ts';
import type { ChannelDeps, PlatformChannel, WebhookEnv } from '../platform/types.ts';
import { createZaloSender } from './client.ts';
import type { ZaloSettings } from './settings.ts';
import { createZaloTokens } from './tokens.ts';
import { createZaloWebhookHandler } from './webhook-route.ts';

/** Zalo lets an OA send consultation messages for 7 days after the user last interacted. */
export const ZALO_WINDOW_MS = 7 * 86_400_000;
/** One event is a few hundred bytes; Zalo sends one per request. */
const MAX_BODY_BYTES = 64 * 1024;

export function createZaloChannel(settings: ZaloSettings, deps: ChannelDeps): PlatformChannel {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const tokens = createZaloTokens({
    appId: settings.appId,
    appSecret: settings.appSecret,
    configured: { accessToken: settings.accessToken, refreshToken: settings.refreshToken },
    oauthBase: settings.oauthBase,
    fetch: deps.fetch,
    store: () => deps.stores().tokens,
    now: deps.now,
    retry,
    logger: deps.logger,
  });
  const sender = createZaloSender({ openApiBase: settings.openApiBase, fetch: deps.fetch, tokens, retry, logger: deps.logger });
  const events = () => deps.stores().events;
  const inbox = createInbox({ channel: 'zalo', events, sender, suggestions: 'text', limiter: deps.limiter, now: deps.now, logger: deps.logger });
  return {
    channel: 'zalo',
    mount(app: Hono, env: WebhookEnv) {
      inbox.bind(env);
      const limit = limitBody(MAX_BODY_BYTES, (c) => errorResponse(c, new AppError('payload_too_large', 'Sự kiện quá lớn (tối đa 64 KB).')));
      app.post('/webhooks/zalo', limit, createZaloWebhookHandler({ settings, inbox, now: deps.now, logger: deps.logger }, env));
    },
    delivery: createPlatformDelivery({ channel: 'zalo', windowMs: ZALO_WINDOW_MS, windowLabel: '7 days', events, sender, now: deps.now }),
    async maintain() {
      await tokens.keepFresh();
      await inbox.resume();
    },
  };
}
