/**
 * @module
 * What every chat-platform channel is made of besides its sender and webhook routes: the
 * inbox over the webhook event store, the body cap of its webhook (413 past it), the delivery
 * of staff answers within the platform's messaging window, and the upkeep that answers events
 * recorded but never answered.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { AppError, errorResponse } from '../../errors.ts';
import { limitBody } from '../../http/body-limit.ts';
import { createInbox, type Inbox } from './inbox.ts';
import { createPlatformDelivery } from './outbox-delivery.ts';
import type { ChannelDeps, PlatformChannel, PlatformName, PlatformSender, WebhookEnv } from './types.ts';

export interface PlatformChannelParts {
  channel: PlatformName;
  sender: PlatformSender;
  /** Suggested questions as text under the answer (Zalo) or as quick replies (Messenger). */
  suggestions: 'text' | 'quick_replies';
  /** How long after the user last wrote a staff answer may still be sent, and how that reads in the record ("7 days"). */
  window: { ms: number; label: string };
  /** The webhook body cap, and how the 413 names it ("64 KB"). */
  maxBody: { bytes: number; label: string };
  /** Adds the webhook routes; `limit` caps a POST's body. */
  routes(app: Hono, inbox: Inbox, limit: MiddlewareHandler, env: WebhookEnv): void;
  /** Upkeep before events never answered are picked up again (Zalo: its tokens). */
  upkeep?(): Promise<void>;
}

export function createPlatformChannel(parts: PlatformChannelParts, deps: ChannelDeps): PlatformChannel {
  const { channel, sender } = parts;
  const events = () => deps.stores().events;
  const inbox = createInbox({ channel, events, sender, suggestions: parts.suggestions, limiter: deps.limiter, now: deps.now, logger: deps.logger });
  const limit = limitBody(parts.maxBody.bytes, (c) => errorResponse(c, new AppError('payload_too_large', `Sự kiện quá lớn (tối đa ${parts.maxBody.label}).`)));
  return {
    channel,
    mount(app: Hono, env: WebhookEnv) {
      inbox.bind(env);
      parts.routes(app, inbox, limit, env);
    },
    delivery: createPlatformDelivery({ channel, windowMs: parts.window.ms, windowLabel: parts.window.label, events, sender, now: deps.now }),
    async maintain() {
      await parts.upkeep?.();
      await inbox.resume();
    },
  };
}
