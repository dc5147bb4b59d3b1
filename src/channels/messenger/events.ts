/**
 * @module
 * Messenger webhook deliveries (`object: "page"`): a batch of `entry` items, each with
 * `messaging` events. Only what answering needs is read; every other field is left alone.
 */
import { z } from 'zod';
import type { InboundEvent } from '../platform/types.ts';

const id = z.string().min(1).max(64);

const messagingSchema = z.looseObject({
  sender: z.looseObject({ id: id.optional() }).optional(),
  recipient: z.looseObject({ id: id.optional() }).optional(),
  timestamp: z.number().int().nonnegative().optional(),
  message: z
    .looseObject({
      mid: z.string().min(1).max(512).optional(),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.looseObject({ payload: z.string().max(1000).optional() }).optional(),
      attachments: z.array(z.unknown()).optional(),
    })
    .optional(),
  postback: z.looseObject({ mid: z.string().max(512).optional(), payload: z.string().max(1000).optional() }).optional(),
});

export const messengerBatchSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string().optional(), time: z.number().optional(), messaging: z.array(messagingSchema).optional() })).max(5_000),
});

export type MessengerBatch = z.infer<typeof messengerBatchSchema>;

/**
 * Every message and postback of every entry, in the order delivered: a text (a tapped
 * quick reply carries the whole suggested question in its payload) is a question; an
 * attachment-only message is something the assistant cannot read; a postback (Get Started)
 * is a greeting. Echoes of the Page's own messages, receipts and reactions are dropped.
 */
export function toInboundEvents(batch: MessengerBatch, now: number): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const entry of batch.entry) {
    for (const item of entry.messaging ?? []) {
      const userId = item.sender?.id;
      const occurredAt = item.timestamp ?? entry.time ?? now;
      if (!userId) continue;
      const message = item.message;
      if (message) {
        if (message.is_echo || !message.mid) continue;
        const text = (message.quick_reply?.payload || message.text || '').trim();
        if (text) events.push({ channel: 'messenger', eventId: message.mid, userId, occurredAt, kind: 'text', text });
        else if (message.attachments?.length) events.push({ channel: 'messenger', eventId: message.mid, userId, occurredAt, kind: 'unsupported' });
      } else if (item.postback) {
        events.push({ channel: 'messenger', eventId: item.postback.mid || `postback:${userId}:${occurredAt}`, userId, occurredAt, kind: 'welcome' });
      }
    }
  }
  return events;
}
