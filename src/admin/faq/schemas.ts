/**
 * @module
 * What staff send about FAQ entries, with the limits and Vietnamese messages they see. The
 * corpus's own schema (`faqEntrySchema`) is checked last, so whatever is saved can be
 * exported to `corpus/faq/` and read by ingestion.
 */
import { z } from 'zod';
import { FAQ_STATUSES } from '../../store/faq/types.ts';
import { FAQ_ACTIONS } from './lifecycle.ts';

const MAX_WORDS = 80;

export const isoDate = z
  .string({ error: 'Cần một ngày dạng YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Cần một ngày dạng YYYY-MM-DD.' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'Ngày không có thật.' });

export const faqIdSchema = z
  .string({ error: 'Cần mã mục (id).' })
  .trim()
  .min(1, { error: 'Cần mã mục (id).' })
  .max(80, { error: 'Mã mục dài quá 80 ký tự.' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'Mã mục chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: nq57-la-gi).' });

const text = (name: string, min: number, max: number) =>
  z
    .string({ error: `Cần nhập ${name}.` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min, { error: min <= 1 ? `Cần nhập ${name}.` : `${name[0]?.toUpperCase()}${name.slice(1)} cần ít nhất ${min} ký tự.` }).max(max, { error: `${name[0]?.toUpperCase()}${name.slice(1)} dài quá ${max} ký tự.` }));

export const faqContentSchema = z.object({
  question: text('câu hỏi', 5, 500),
  alternatives: z.array(text('cách hỏi khác', 3, 500), { error: 'Các cách hỏi khác phải là một danh sách.' }).max(30, { error: 'Tối đa 30 cách hỏi khác.' }).default([]),
  answer: text('câu trả lời', 10, 2000).refine((a) => a.split(/\s+/).length <= MAX_WORDS, { error: `Câu trả lời tối đa ${MAX_WORDS} từ: công dân đọc trên điện thoại.` }),
  document: text('văn bản nguồn', 1, 128),
  section: z
    .string({ error: 'Mục nguồn phải là chuỗi.' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(500, { error: 'Mục nguồn dài quá 500 ký tự.' }))
    .nullable()
    .default(null)
    .transform((s) => s || null),
  agency: text('cơ quan phụ trách', 1, 200),
  reviewBy: isoDate,
});

const note = z.string({ error: 'Ghi chú phải là chuỗi.' }).trim().max(500, { error: 'Ghi chú dài quá 500 ký tự.' }).optional();
const version = z.coerce.number({ error: 'Thiếu phiên bản đang sửa.' }).int().min(0);

export const createFaqSchema = faqContentSchema.extend({ id: faqIdSchema, note });
export const updateFaqSchema = faqContentSchema.extend({ version, note });
export const transitionSchema = z.object({
  action: z.enum(FAQ_ACTIONS, { error: 'Thao tác không hợp lệ.' }),
  version,
  note,
});
export const faqListQuerySchema = z.object({
  status: z.enum([...FAQ_STATUSES, 'due'], { error: 'Trạng thái không hợp lệ.' }).optional(),
  q: z.string().max(200).optional(),
  agency: z.string().max(200).optional(),
});
export const importSchema = z.object({
  file: z.string().max(200).default('faq.yaml'),
  yaml: z.string({ error: 'Cần nội dung YAML.' }).min(1, { error: 'Cần nội dung YAML.' }).max(2_000_000, { error: 'Tệp YAML quá lớn (tối đa 2 MB).' }),
});

export type FaqContentInput = z.infer<typeof faqContentSchema>;
export type CreateFaqInput = z.infer<typeof createFaqSchema>;
export type UpdateFaqInput = z.infer<typeof updateFaqSchema>;
export type TransitionInput = z.infer<typeof transitionSchema>;

/** A form's fields as the schemas take them: alternatives one per line, numbers from text. */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  if (typeof out.alternatives === 'string') {
    out.alternatives = out.alternatives
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  }
  return out;
}
