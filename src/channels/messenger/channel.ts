/**
 * @module
 * The Facebook Messenger channel assembled: the Send API sender, the inbox, the webhook
 * routes and the delivery of staff answers (24-hour window).
 */
import type { Hono } from 'hono';
import { AppError, errorResponse } from '../../errors.ts';
import { limitBody } from '../../http/body-limit.ts';
import { createInbox } from '../platform/inbox.ts';
import { createPlatformDelivery } from '../platform/outbox-delivery.ts';
import { DEFAULT_RETRY } from '../platform/platform-http.ts';
import type { ChannelDeps, PlatformChannel, WebhookEnv } from '../platform/types.ts';
import { createMessengerSender } from './client.ts';
import type { MessengerSettings } from './settings.ts';
import { createMessengerVerifyHandler, createMessengerWebhookHandler } from './webhook-route.ts';

/** The standard messaging window: 24 hours after the user's last message (a human agent tag needs Meta's approval). */
export const MESSENGER_WINDOW_MS = 86_400_000;
/** Meta batches up to 1,000 events in one delivery. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createMessengerChannel(settings: MessengerSettings, deps: ChannelDeps): PlatformChannel {
  const sender = createMessengerSender({ settings, fetch: deps.fetch, retry: deps.retry ?? DEFAULT_RETRY, logger: deps.logger });
  const events = () => deps.stores().events;
  const inbox = createInbox({ channel: 'messenger', events, sender, suggestions: 'quick_replies', limiter: deps.limiter, now: deps.now, logger: deps.logger });
  return {
    channel: 'messenger',
    mount(app: Hono, env: WebhookEnv) {
      inbox.bind(env);
      const limit = limitBody(MAX_BODY_BYTES, (c) => errorResponse(c, new AppError('payload_too_large', 'Sự kiện quá lớn (tối đa 2 MB).')));
      app.get('/webhooks/facebook', createMessengerVerifyHandler(settings));
      app.post('/webhooks/facebook', limit, createMessengerWebhookHandler({ settings, inbox, now: deps.now, logger: deps.logger }, env));
    },
    delivery: createPlatformDelivery({ channel: 'messenger', windowMs: MESSENGER_WINDOW_MS, windowLabel: '24 hours', events, sender, now: deps.now }),
    maintain: async () => void (await inbox.resume()),
  };
}
