/**
 * @module
 * Staff accounts as staff send them: usernames are lower-case and never change (the audit
 * log names people by them); passwords have a minimum length and are never echoed back.
 */
import { z } from 'zod';
import { ROLES } from '../../store/staff/types.ts';
import { passwordSchema } from '../auth/passwords.ts';

const usernameSchema = z
  .string({ error: 'Cần tên đăng nhập.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: 'Tên đăng nhập gồm 3–40 chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.' });

const role = z.enum(ROLES, { error: 'Vai trò không hợp lệ.' });

export const createAccountSchema = z.object({ username: usernameSchema, role, password: passwordSchema });

export const updateAccountSchema = z.object({
  role: role.optional(),
  disabled: z
    .union([z.boolean(), z.enum(['true', 'false'])], { error: 'Trạng thái khoá phải là true hoặc false.' })
    .transform((v) => v === true || v === 'true')
    .optional(),
  password: passwordSchema.optional(),
});

export const changePasswordSchema = z.object({ current: z.string({ error: 'Cần mật khẩu hiện tại.' }).min(1, { error: 'Cần mật khẩu hiện tại.' }).max(256), password: passwordSchema });
export const createTokenSchema = z.object({
  username: usernameSchema,
  name: z.string({ error: 'Cần tên mã truy cập.' }).trim().min(1, { error: 'Cần tên mã truy cập.' }).max(80, { error: 'Tên mã truy cập dài quá 80 ký tự.' }),
});
export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().max(40).default(''),
  password: z.string().max(256).default(''),
});

export type CreateAccountInput = z.infer<typeof createAccountSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
