/**
 * @module
 * Delivering messages that join a conversation out of band (a staff answer) on the
 * citizen's channel. Each channel plugs in a `ChannelDelivery`: the web's only makes the
 * message available to `GET /api/conversations/{id}/messages` (the widget polls it); Zalo
 * and Messenger will push theirs through their APIs. A channel without a delivery yet keeps
 * its messages pending until one is plugged in; a failed push is retried with backoff.
 */
import type { Logger } from '../logger.ts';
import type { DeliveryState, OutboxMessage, OutboxStore } from '../store/outbox/types.ts';

export type DeliveryResult = { state: Extract<DeliveryState, 'available' | 'delivered'> } | { state: 'failed'; error: string; retryable: boolean };

export interface ChannelDelivery {
  deliver(message: OutboxMessage): Promise<DeliveryResult>;
}

/** The web pushes nothing: the widget fetches the message. */
export const webDelivery: ChannelDelivery = {
  deliver: async () => ({ state: 'available' }),
};

/** Pushes tried before a message is marked failed; the delay doubles from a minute. */
const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 60_000;
const BATCH = 100;

export interface OutboxDispatcherDeps {
  store: () => OutboxStore;
  deliveries: Record<string, ChannelDelivery>;
  now: () => Date;
  logger: Logger;
}

export function createOutboxDispatcher(deps: OutboxDispatcherDeps) {
  let running: Promise<number> | null = null;

  async function once(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await deps.store().due(Object.keys(deps.deliveries), deps.now().toISOString(), BATCH);
      if (due.length === 0) return handled;
      for (const message of due) {
        const delivery = deps.deliveries[message.channel] as ChannelDelivery;
        const result = await delivery.deliver(message).catch((error: unknown): DeliveryResult => ({ state: 'failed', error: error instanceof Error ? error.message : String(error), retryable: true }));
        const at = deps.now();
        if (result.state !== 'failed') {
          await deps.store().record(message.id, { state: result.state, at: at.toISOString() });
        } else {
          const last = !result.retryable || message.attempts + 1 >= MAX_ATTEMPTS;
          deps.logger.warn('a staff message could not be delivered', { channel: message.channel, messageId: message.id, attempt: message.attempts + 1, final: last, error: result.error });
          await deps.store().record(message.id, {
            state: last ? 'failed' : 'pending',
            error: result.error,
            nextAttemptAt: last ? null : new Date(at.getTime() + FIRST_RETRY_MS * 2 ** message.attempts).toISOString(),
            at: at.toISOString(),
          });
        }
        handled++;
      }
      // A message to retry later is no longer due; a full batch may have more behind it.
      if (due.length < BATCH) return handled;
    }
  }

  return {
    /** Delivers every due message of a channel that has a delivery; one run at a time. */
    dispatch(): Promise<number> {
      running ??= once().finally(() => (running = null));
      return running;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
