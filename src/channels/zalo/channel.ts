/**
 * @module
 * The Zalo Official Account channel assembled: tokens, the consultation-message sender,
 * the inbox, the webhook route and the delivery of staff answers (7-day window).
 */
import { createPlatformChannel } from '../platform/channel.ts';
import { DEFAULT_RETRY } from '../platform/platform-http.ts';
import type { ChannelDeps, PlatformChannel } from '../platform/types.ts';
import { createZaloSender } from './client.ts';
import type { ZaloSettings } from './settings.ts';
import { createZaloTokens } from './tokens.ts';
import { createZaloWebhookHandler } from './webhook-route.ts';

/** Zalo lets an OA send consultation messages for 7 days after the user last interacted. */
const ZALO_WINDOW_MS = 7 * 86_400_000;
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
  return createPlatformChannel(
    {
      channel: 'zalo',
      sender: createZaloSender({ openApiBase: settings.openApiBase, fetch: deps.fetch, tokens, retry, logger: deps.logger }),
      suggestions: 'text',
      window: { ms: ZALO_WINDOW_MS, label: '7 days' },
      maxBody: { bytes: MAX_BODY_BYTES, label: '64 KB' },
      routes(app, inbox, limit, env) {
        app.post('/webhooks/zalo', limit, createZaloWebhookHandler({ settings, inbox, now: deps.now, logger: deps.logger }, env));
      },
      upkeep: () => tokens.keepFresh(),
    },
    deps,
  );
}
