/**
 * @module
 * `GET /api/conversations/{id}/messages?after=…`: messages added to a web conversation out
 * of band (today: staff answers, `method: "staff"`), oldest first, after a message id (ids
 * are time-ordered) or an ISO time. The widget polls it while a conversation is open; the
 * conversation id is the credential, as it is for continuing the conversation.
 */
import type { Context } from 'hono';
import type { Background } from '../../conversation/background.ts';
import { AppError } from '../../errors.ts';
import type { OutboxStore } from '../../store/outbox/types.ts';
import { conversationMessagesQuerySchema, type ConversationMessages } from './schemas.ts';

const LIMIT = 50;

/** `background`: runs work after the response (on Workers `waitUntil`, without which workerd cancels what is still pending once the response is sent). */
export function createMessagesHandler(getOutbox: () => OutboxStore, now: () => Date, background: (c: Context) => Background) {
  return async (c: Context) => {
    const id = c.req.param('id') ?? '';
    const parsed = conversationMessagesQuerySchema.safeParse({ id, after: c.req.query('after') || undefined });
    if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message);
    const outbox = getOutbox();
    if (!(await outbox.conversationExists(id))) throw new AppError('not_found', 'Không tìm thấy cuộc trò chuyện này.');
    // Only the web's: a Zalo or Messenger conversation gets its messages on its own platform.
    const messages = await outbox.after(id, 'web', parsed.data.after ?? {}, LIMIT);
    // Fetched is delivered: recorded after the response, which does not wait for it.
    if (messages.length > 0) {
      const ids = messages.map((m) => m.id);
      const at = now().toISOString();
      background(c).run('record staff messages delivered', () => outbox.markDelivered(ids, at));
    }
    const body: ConversationMessages = {
      conversationId: id,
      messages: messages.map((m) => ({ conversationId: id, messageId: m.id, inReplyTo: m.inReplyTo, outcome: 'answered', method: m.method, answer: m.text, sources: [], suggestions: [], createdAt: m.createdAt })),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  };
}
