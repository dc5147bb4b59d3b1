/**
 * @module
 * Zalo OA webhook events (developers.zalo.me, "Webhook"): the shape the handler accepts
 * after the signature checked out, and what each event means here. Ids are decimal strings
 * longer than a double holds: kept as strings.
 */
import { z } from 'zod';
import { questionEvent } from '../platform/inbox.ts';
import type { InboundEvent } from '../platform/types.ts';
import type { ZaloSettings } from './settings.ts';

const id = z.string().min(1).max(64);

export const zaloEventSchema = z.object({
  app_id: id,
  event_name: z.string().min(1).max(64),
  timestamp: z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]),
  sender: z.looseObject({ id: id.optional(), admin_id: z.string().optional() }).optional(),
  recipient: z.looseObject({ id: id.optional() }).optional(),
  oa_id: id.optional(),
  follower: z.looseObject({ id }).optional(),
  message: z
    .looseObject({
      msg_id: z.string().min(1).max(256),
      // Any length (the body is capped at 64 KB): a text longer than the assistant answers gets the "too long" notice.
      text: z.string().optional(),
    })
    .optional(),
});

export type ZaloEvent = z.infer<typeof zaloEventSchema>;

/**
 * A user's message (`user_send_text`: a question; any other `user_send_*`: something the
 * assistant cannot read), or a follow (no answer, but it opens the 7-day window). Ignored:
 * the OA's own messages echoed back (`oa_send_*`, our replies among them), receipts,
 * anonymous users (their replies need another API), events of another app or OA.
 */
export function toInboundEvent(event: ZaloEvent, settings: ZaloSettings): InboundEvent | null {
  if (event.app_id !== settings.appId) return null;
  const oa = event.recipient?.id ?? event.oa_id;
  if (settings.oaId !== null && oa !== settings.oaId) return null;
  const occurredAt = Number(event.timestamp);
  if (event.event_name === 'follow') {
    const userId = event.follower?.id;
    return userId ? { channel: 'zalo', eventId: `follow:${userId}:${event.timestamp}`, userId, occurredAt, kind: 'interaction' } : null;
  }
  if (!event.event_name.startsWith('user_send_')) return null;
  const userId = event.sender?.id;
  const msgId = event.message?.msg_id;
  if (!userId || !msgId) return null;
  if (event.event_name !== 'user_send_text') return { channel: 'zalo', eventId: msgId, userId, occurredAt, kind: 'unsupported' };
  const text = event.message?.text?.trim() ?? '';
  return text ? { channel: 'zalo', eventId: msgId, userId, occurredAt, ...questionEvent(text) } : null;
}
