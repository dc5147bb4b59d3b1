/**
 * @module
 * Staff answers from the review queue pushed to a platform user, through the outbox's
 * dispatcher (conversation/outbox.ts, as the web's delivery). A platform lets a business
 * message a user only for a while after the user last wrote (Zalo consultation messages: 7
 * days; Messenger: 24 hours); past that the answer is recorded as undeliverable, without a
 * call the platform would refuse. The platform may still refuse (its own clock, a block):
 * that is recorded the same way.
 */
import type { ChannelDelivery, DeliveryResult } from '../../conversation/outbox.ts';
import type { WebhookEventStore } from '../../store/webhook-events/types.ts';
import { textMessages } from './chat-text.ts';
import { STAFF_PREFIX } from './messages.ts';
import { PlatformError } from './platform-http.ts';
import type { PlatformName, PlatformSender } from './types.ts';

/** Staff answers split in several messages whose first parts went out: a retry resumes after them. */
const MAX_PROGRESS = 1_000;

export interface PlatformDeliveryDeps {
  channel: PlatformName;
  windowMs: number;
  /** How the window reads in the record, e.g. "7 days". */
  windowLabel: string;
  events: () => WebhookEventStore;
  sender: PlatformSender;
  now: () => Date;
}

export function createPlatformDelivery(deps: PlatformDeliveryDeps): ChannelDelivery {
  const progress = new Map<string, number>();
  const outside = `outside the messaging window: the user has not written for ${deps.windowLabel}`;

  return {
    async deliver(message): Promise<DeliveryResult> {
      const userId = message.externalUserId;
      if (!userId) return { state: 'failed', error: 'no platform user to deliver to', retryable: false };
      const last = await deps.events().lastInteraction(deps.channel, userId);
      if (last === null || deps.now().getTime() - Date.parse(last) > deps.windowMs) {
        progress.delete(message.id);
        return { state: 'failed', error: outside, retryable: false };
      }
      const parts = textMessages(`${STAFF_PREFIX}\n\n${message.text}`);
      let sent = progress.get(message.id) ?? 0;
      try {
        for (; sent < parts.length; sent++) {
          await deps.sender.send(userId, parts.slice(sent, sent + 1), `outbox ${message.id}`);
          if (progress.size >= MAX_PROGRESS && !progress.has(message.id)) progress.clear();
          progress.set(message.id, sent + 1);
        }
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        const final = error.failure === 'window' || error.failure === 'permanent';
        if (final) progress.delete(message.id);
        return { state: 'failed', error: error.failure === 'window' ? `${outside} (${error.message})` : error.message, retryable: !final };
      }
      progress.delete(message.id);
      return { state: 'delivered' };
    },
  };
}
