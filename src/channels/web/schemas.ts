/**
 * @module
 * Request and response schemas of the web API (`docs/API.md`). The OpenAPI
 * document is generated from these, and contract tests validate responses against them.
 */
import { z } from 'zod';
import { codePointLength } from '../../text/index.ts';

export const MAX_MESSAGE_CODE_POINTS = 1000;
export const MAX_COMMENT_CODE_POINTS = 1000;

const normalised = (s: string) => s.normalize('NFC').trim();

export const chatRequestSchema = z.object({
  message: z
    .string({ error: 'Trường "message" phải là một chuỗi văn bản.' })
    .refine((s) => codePointLength(normalised(s)) >= 1, 'Câu hỏi không được để trống.')
    .refine((s) => codePointLength(normalised(s)) <= MAX_MESSAGE_CODE_POINTS, `Câu hỏi dài quá ${MAX_MESSAGE_CODE_POINTS} ký tự. Vui lòng rút gọn.`)
    .meta({ description: '1 to 1000 Unicode code points after NFC normalisation and trimming' }),
  conversationId: z
    .string({ error: 'Trường "conversationId" phải là chuỗi.' })
    .max(200, { error: 'Trường "conversationId" dài quá 200 ký tự.' })
    .optional()
    .meta({ description: 'The id a previous answer returned; an unknown or expired id starts a new conversation' }),
  channel: z.literal('web', { error: 'Trường "channel" chỉ nhận giá trị "web".' }).optional(),
  context: z
    .object(
      {
        documentId: z
          .string({ error: 'Trường "context.documentId" phải là chuỗi.' })
          .min(1, { error: 'Trường "context.documentId" không được để trống.' })
          .max(128, { error: 'Trường "context.documentId" dài quá 128 ký tự.' })
          .optional()
          .meta({ description: 'The corpus document the citizen is reading; "kế hoạch này", "văn bản này" refer to it. An id the corpus does not hold is ignored' }),
      },
      { error: 'Trường "context" phải là một đối tượng.' },
    )
    .optional(),
});

export const sourceSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  section: z.string().nullable(),
  url: z.string().nullable(),
  text: z.string(),
});

export const chatResponseSchema = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  outcome: z.enum(['answered', 'no_answer', 'out_of_scope', 'refused']),
  method: z.enum(['faq', 'extractive', 'llm', 'staff', 'none']),
  answer: z.string(),
  sources: z.array(sourceSchema).max(5),
  suggestions: z.array(z.string()).max(3),
  latencyMs: z.number().nonnegative(),
});

export const feedbackRequestSchema = z.object({
  messageId: z
    .string({ error: 'Trường "messageId" phải là chuỗi.' })
    .min(1, { error: 'Trường "messageId" không được để trống.' })
    .max(200, { error: 'Trường "messageId" dài quá 200 ký tự.' }),
  rating: z.enum(['up', 'down'], { error: 'Trường "rating" chỉ nhận "up" hoặc "down".' }),
  comment: z
    .string({ error: 'Trường "comment" phải là chuỗi.' })
    .refine((s) => codePointLength(normalised(s)) <= MAX_COMMENT_CODE_POINTS, `Góp ý dài quá ${MAX_COMMENT_CODE_POINTS} ký tự.`)
    .optional(),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** `after`: a message id (time-ordered) or an ISO 8601 time, as the outbox's cursor. */
export const conversationMessagesQuerySchema = z.object({
  id: z.string().min(1).max(200, { error: 'Mã cuộc trò chuyện dài quá 200 ký tự.' }),
  after: z
    .string()
    .regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))$/i, {
      error: 'Tham số "after" phải là một messageId hoặc một thời điểm ISO 8601 (ví dụ 2026-01-31T08:00:00Z).',
    })
    .refine((a) => !/^\d{4}-/.test(a) || !Number.isNaN(Date.parse(a)), { error: 'Thời điểm trong tham số "after" không có thật.' })
    .transform((a): { time: string } | { id: string } => (/^\d{4}-/.test(a) ? { time: new Date(a).toISOString() } : { id: a.toLowerCase() }))
    .optional(),
});

const conversationMessageSchema = chatResponseSchema.omit({ latencyMs: true }).extend({
  method: z.literal('staff'),
  /** The citizen's question it answers. */
  inReplyTo: z.string().nullable(),
  createdAt: z.string(),
});

export const conversationMessagesSchema = z.object({
  conversationId: z.string(),
  messages: z.array(conversationMessageSchema),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ConversationMessages = z.infer<typeof conversationMessagesSchema>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
