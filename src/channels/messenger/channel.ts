/**
 * @module
 * The Facebook Messenger channel assembled: the Send API sender, the inbox, the webhook
 * routes and the delivery of staff answers (24-hour window).
 */
import { createPlatformChannel } from '../platform/channel.ts';
import { DEFAULT_RETRY } from '../platform/platform-http.ts';
import type { ChannelDeps, PlatformChannel } from '../platform/types.ts';
import { createMessengerSender } from './client.ts';
import type { MessengerSettings } from './settings.ts';
import { createMessengerVerifyHandler, createMessengerWebhookHandler } from './webhook-route.ts';

/** The standard messaging window: 24 hours after the user's last message (a human agent tag needs Meta's approval). */
const MESSENGER_WINDOW_MS = 86_400_000;
/** Meta batches up to 1,000 events in one delivery. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createMessengerChannel(settings: MessengerSettings, deps: ChannelDeps): PlatformChannel {
  return createPlatformChannel(
    {
      channel: 'messenger',
      sender: createMessengerSender({ settings, fetch: deps.fetch, retry: deps.retry ?? DEFAULT_RETRY, logger: deps.logger }),
      suggestions: 'quick_replies',
      window: { ms: MESSENGER_WINDOW_MS, label: '24 hours' },
      maxBody: { bytes: MAX_BODY_BYTES, label: '2 MB' },
      routes(app, inbox, limit, env) {
        app.get('/webhooks/facebook', createMessengerVerifyHandler(settings));
        app.post('/webhooks/facebook', limit, createMessengerWebhookHandler({ settings, inbox, now: deps.now, logger: deps.logger }, env));
      },
    },
    deps,
  );
}
