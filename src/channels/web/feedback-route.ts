/**
 * @module
 * `POST /api/feedback`: a rating (and optional comment, redacted) of one answer; a second
 * rating of the same message replaces the first.
 */
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';
import { StoreBusyError } from '../../store/write-queue.ts';
import { redactPersonalData } from '../../text/index.ts';
import { readJson } from './read-json.ts';
import { feedbackRequestSchema } from './schemas.ts';

export function createFeedbackHandler(getStore: () => Store, now: () => Date) {
  return async (c: Context) => {
    const request = await readJson(c, feedbackRequestSchema);
    const comment = request.comment?.normalize('NFC').trim();
    const saved = await getStore()
      .saveFeedback({ messageId: request.messageId, rating: request.rating, comment: comment ? redactPersonalData(comment) : null, createdAt: now().toISOString() })
      .catch((error: unknown) => {
        if (error instanceof StoreBusyError) throw new AppError('not_ready', 'Hệ thống đang bận ghi dữ liệu. Vui lòng gửi lại góp ý sau ít giây.', 5, { cause: error });
        throw error;
      });
    if (!saved) throw new AppError('not_found', 'Không tìm thấy câu trả lời này (messageId không đúng).');
    return c.body(null, 204);
  };
}
