/**
 * @module
 * The workspace settings an admin can change while the service runs (the rest is
 * configuration, read at start). Each has a schema, a default and a sentence saying what it
 * does; changes are audited with their values before and after.
 */
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { auditRecord, type WorkspaceContext } from '../context.ts';
import type { StaffPrincipal } from '../auth/authenticate.ts';

export interface WorkspaceSettings {
  /** Appended to every staff answer sent to citizens, so they know who answered. */
  staffSignature: string;
  /** Days from an entry's approval to its review-by date, when the YAML or the editor gives none. */
  reviewDays: number;
}

export const SETTING_FIELDS = {
  staffSignature: {
    label: 'Chữ ký cuối câu trả lời của cán bộ',
    help: 'Thêm vào cuối mỗi câu trả lời gửi tới người dân, để họ biết cơ quan nào trả lời. Để trống: không thêm.',
    schema: z.string({ error: 'Chữ ký phải là chuỗi.' }).trim().max(200, { error: 'Chữ ký dài quá 200 ký tự.' }),
  },
  reviewDays: {
    label: 'Số ngày đến hạn rà soát mặc định',
    help: 'Khi nhập FAQ không ghi hạn rà soát (reviewBy), hạn là ngày duyệt cộng số ngày này.',
    schema: z.coerce.number({ error: 'Cần một số ngày.' }).int({ error: 'Cần một số nguyên.' }).min(30, { error: 'Ít nhất 30 ngày.' }).max(1095, { error: 'Nhiều nhất 1095 ngày (3 năm).' }),
  },
} as const;

export const settingsSchema = z.object({ staffSignature: SETTING_FIELDS.staffSignature.schema, reviewDays: SETTING_FIELDS.reviewDays.schema }).partial();

export function createSettingsService(ctx: WorkspaceContext) {
  const defaults = (): WorkspaceSettings => ({ staffSignature: `— ${ctx.defaultAgency}`, reviewDays: 365 });

  async function read(): Promise<WorkspaceSettings> {
    const stored = await ctx.stores().staff.settings();
    const values: WorkspaceSettings = defaults();
    if (stored.staffSignature !== undefined) values.staffSignature = stored.staffSignature;
    const days = Number(stored.reviewDays);
    if (stored.reviewDays !== undefined && Number.isInteger(days)) values.reviewDays = days;
    return values;
  }

  return {
    read,
    async update(actor: StaffPrincipal, input: z.infer<typeof settingsSchema>): Promise<WorkspaceSettings> {
      const before = await read();
      const changed = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && before[k as keyof WorkspaceSettings] !== v));
      if (Object.keys(changed).length === 0) return before;
      const beforeChanged = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof WorkspaceSettings]]));
      const at = ctx.now().toISOString();
      await ctx.stores().staff.saveSettings(
        Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, String(v)])),
        actor.actor,
        at,
        auditRecord(ctx, actor.actor, 'settings.update', Object.keys(changed).join(','), beforeChanged, changed),
      );
      return read();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

/** Settings that failed their schema, as the 400 staff see. */
export function parseSettings(body: unknown): z.infer<typeof settingsSchema> {
  const parsed = settingsSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? 'Cài đặt không hợp lệ.');
  return parsed.data;
}
