/**
 * @module
 * Messenger webhook deliveries (`object: "page"`): a batch of `entry` items, each with
 * `messaging` events. Only what answering needs is read; every other field is left alone.
 * Each entry and each item is checked on its own: one that does not fit (an id too long,
 * a field of the wrong type) is skipped, and the rest of the batch is answered.
 */
import { z } from 'zod';
import { questionEvent } from '../platform/inbox.ts';
import type { InboundEvent } from '../platform/types.ts';

const id = z.string().min(1).max(64);

const messagingSchema = z.looseObject({
  sender: z.looseObject({ id: id.optional() }).optional(),
  recipient: z.looseObject({ id: id.optional() }).optional(),
  timestamp: z.number().int().nonnegative().optional(),
  message: z
    .looseObject({
      mid: z.string().min(1).max(512).optional(),
      // Any length (the body is capped at 2 MB): a text longer than the assistant answers gets the "too long" notice.
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.looseObject({ payload: z.string().max(1000).optional() }).optional(),
      attachments: z.array(z.unknown()).optional(),
    })
    .optional(),
  postback: z.looseObject({ mid: z.string().max(512).optional(), payload: z.string().max(1000).optional() }).optional(),
});

const entrySchema = z.looseObject({ id: z.string().optional(), time: z.number().optional(), messaging: z.array(z.unknown()).optional() });

/** A delivery as read first: its entries are checked one by one (entrySchema, then messagingSchema per item). */
export const messengerBatchSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.unknown()).max(5_000),
});

/** The whole delivery as documented (the OpenAPI document): what each entry and item must be to be answered. */
export const messengerDeliverySchema = z.looseObject({
  object: z.string(),
  entry: z.array(entrySchema.extend({ messaging: z.array(messagingSchema).optional() })).max(5_000),
});

export type MessengerBatch = z.infer<typeof messengerBatchSchema>;

/**
 * Every message and postback of every entry, in the order delivered: a text (a tapped
 * quick reply carries the whole suggested question in its payload) is a question; an
 * attachment-only message is something the assistant cannot read; a postback (Get Started)
 * is a greeting. Echoes of the Page's own messages, receipts and reactions are dropped;
 * entries and items of a shape not understood are skipped and counted.
 */
export function toInboundEvents(batch: MessengerBatch, now: number): { events: InboundEvent[]; skipped: number } {
  const events: InboundEvent[] = [];
  let skipped = 0;
  for (const rawEntry of batch.entry) {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      skipped++;
      continue;
    }
    for (const rawItem of entry.data.messaging ?? []) {
      const parsed = messagingSchema.safeParse(rawItem);
      if (!parsed.success) {
        skipped++;
        continue;
      }
      const item = parsed.data;
      const userId = item.sender?.id;
      const occurredAt = item.timestamp ?? entry.data.time ?? now;
      if (!userId) continue;
      const message = item.message;
      if (message) {
        if (message.is_echo || !message.mid) continue;
        const text = (message.quick_reply?.payload || message.text || '').trim();
        if (text) events.push({ channel: 'messenger', eventId: message.mid, userId, occurredAt, ...questionEvent(text) });
        else if (message.attachments?.length) events.push({ channel: 'messenger', eventId: message.mid, userId, occurredAt, kind: 'unsupported' });
      } else if (item.postback) {
        events.push({ channel: 'messenger', eventId: item.postback.mid || `postback:${userId}:${occurredAt}`, userId, occurredAt, kind: 'welcome' });
      }
    }
  }
  return { events, skipped };
}
