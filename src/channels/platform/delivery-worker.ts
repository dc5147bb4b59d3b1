/**
 * @module
 * The platform channels' background worker: every few seconds it delivers the staff
 * answers waiting in the outbox for Zalo and Messenger (the web's are fetched by the
 * widget), lets each channel keep its tokens fresh and answer events recorded but never
 * answered, and hourly forgets webhook event ids older than the retention. On Node the
 * entry starts it once the database is open and stops it on SIGTERM; on Workers a Cron
 * Trigger would call `tick`.
 */
import { createOutboxDispatcher } from '../../conversation/outbox.ts';
import type { Logger } from '../../logger.ts';
import type { OutboxStore } from '../../store/outbox/types.ts';
import type { WebhookEventStore } from '../../store/webhook-events/types.ts';
import type { PlatformChannel } from './types.ts';

/**
 * Webhook event ids are kept 8 days, beyond the 7 the reliability criteria ask (Meta
 * redelivers for about a day and a half, Zalo for about two hours). Messenger events older
 * than 7 days and Zalo events older than about 2 hours are refused at the door, so an event
 * let in was either never seen or finds its id.
 */
const EVENT_RETENTION_MS = 8 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface DeliveryWorkerDeps {
  platforms: readonly PlatformChannel[];
  outbox: () => OutboxStore;
  events: () => WebhookEventStore;
  now: () => Date;
  logger: Logger;
  /** Between the end of one round and the start of the next (default 5 s). */
  intervalMs?: number;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { logger } = deps;
  const dispatcher = createOutboxDispatcher({
    store: deps.outbox,
    deliveries: Object.fromEntries(deps.platforms.map((p) => [p.channel, p.delivery])),
    now: deps.now,
    logger,
  });
  const intervalMs = deps.intervalMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let round: Promise<void> | null = null;
  let stopped = true;
  let prunedAt = 0;

  async function tick(): Promise<void> {
    for (const platform of deps.platforms) {
      await platform.maintain().catch((error: unknown) => logger.error('channel upkeep failed', { channel: platform.channel, error }));
    }
    await dispatcher.dispatch().catch((error: unknown) => logger.error('delivering staff answers to the platforms failed', { error }));
    const now = deps.now().getTime();
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now;
      try {
        const removed = await deps.events().prune(new Date(now - EVENT_RETENTION_MS).toISOString());
        if (removed > 0) logger.info('forgot old webhook event ids', { removed });
      } catch (error) {
        prunedAt = 0;
        logger.warn('could not forget old webhook event ids (tried again next round)', { error });
      }
    }
  }

  /** One round, then the next one after the interval (unless stopped). */
  function run(): void {
    round = tick().finally(() => {
      round = null;
      next();
    });
  }

  function next(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      run();
    }, intervalMs);
    timer.unref?.();
  }

  return {
    tick,
    start(): void {
      if (!stopped) return;
      stopped = false;
      run();
    },
    /** Stops after the round in progress, if any. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await round;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
