/**
 * @module
 * What staff send about review-queue groups.
 */
import { z } from 'zod';
import { GROUP_STATUSES, REVIEW_REASONS } from '../../store/review/types.ts';
import { createFaqSchema } from '../faq/schemas.ts';

export const queueListQuerySchema = z.object({
  status: z.enum([...GROUP_STATUSES, 'all'], { error: 'Trạng thái không hợp lệ.' }).default('open'),
  reason: z.enum(REVIEW_REASONS, { error: 'Lý do không hợp lệ.' }).optional(),
  q: z.string().max(200).optional(),
});

export const answerSchema = z.object({
  text: z
    .string({ error: 'Cần nội dung câu trả lời.' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(10, { error: 'Câu trả lời cần ít nhất 10 ký tự.' }).max(2000, { error: 'Câu trả lời dài quá 2000 ký tự.' })),
});

export const resolveSchema = z.object({
  status: z.enum(['out_of_scope', 'dismissed', 'open'], { error: 'Chỉ chọn: ngoài phạm vi, bỏ qua, hoặc mở lại.' }),
});

export const splitSchema = z.object({ messageId: z.string({ error: 'Cần mã câu hỏi.' }).min(1).max(200) });

/** A draft made from a group: an FAQ entry like any other. */
export const draftSchema = createFaqSchema;

export const STATUS_LABELS = { open: 'Chờ xử lý', answered: 'Đã trả lời', out_of_scope: 'Ngoài phạm vi', dismissed: 'Đã bỏ qua' } as const;
export const REASON_LABELS = { no_answer: 'Không có trong văn bản', out_of_scope: 'Ngoài phạm vi', thumbs_down: 'Bị đánh giá chưa hữu ích', low_confidence: 'Trả lời với độ tin cậy thấp' } as const;
