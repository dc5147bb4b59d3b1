/**
 * @module
 * Whom a citizen's request concerns: a conversation id (what the web's widget keeps), or a
 * Zalo user id or Messenger PSID; and the agency's own reference for the request (never a
 * name or a phone number: it goes into the audit log).
 */
import { z } from 'zod';
import type { CitizenKey } from '../../store/personal-data/types.ts';

const identifier = z
  .string({ error: 'Cần mã cuộc trò chuyện hoặc mã người dùng.' })
  .trim()
  .min(1, { error: 'Cần mã cuộc trò chuyện hoặc mã người dùng.' })
  .max(200, { error: 'Mã dài quá 200 ký tự.' });
const request = z
  .string()
  .trim()
  .max(100, { error: 'Số hồ sơ yêu cầu dài quá 100 ký tự.' })
  .optional()
  .transform((v) => v || null)
  .meta({ description: "the agency's reference of the request (a file number; never a name or phone number: it is audited)" });

export const citizenRequestSchema = z
  .object({
    conversationId: identifier.optional(),
    channel: z.enum(['zalo', 'messenger'], { error: 'Kênh chỉ là zalo hoặc messenger.' }).optional(),
    userId: identifier.optional(),
    request,
  })
  .refine((v) => (v.conversationId !== undefined) !== (v.channel !== undefined && v.userId !== undefined), {
    error: 'Cho biết conversationId, hoặc channel và userId (chỉ một trong hai).',
  })
  .transform((v) => ({
    key: (v.conversationId !== undefined ? { conversationId: v.conversationId } : { channel: v.channel as string, userId: v.userId as string }) satisfies CitizenKey as CitizenKey,
    request: v.request,
  }));

export const KINDS = ['conversation', 'zalo', 'messenger'] as const;

export const citizenFormSchema = z
  .object({
    kind: z.enum(KINDS, { error: 'Chọn loại mã.' }),
    id: identifier,
    request,
    confirm: z.string().optional(),
  })
  .transform((v) => ({
    key: (v.kind === 'conversation' ? { conversationId: v.id } : { channel: v.kind, userId: v.id }) as CitizenKey,
    request: v.request,
    confirmed: v.confirm === 'yes',
    fields: { kind: v.kind, id: v.id, request: v.request ?? '' },
  }));
