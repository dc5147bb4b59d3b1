/**
 * @module
 * The period and channel asked for, from a query string: local days (YYYY-MM-DD, in
 * Asia/Ho_Chi_Minh) that exist, and one of the channels or all of them.
 */
import { z } from 'zod';
import { SCOPES } from './figures.ts';
import { isDay } from './period.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày có dạng YYYY-MM-DD.' })
  .refine(isDay, { error: 'Ngày không có thật.' });

export const periodQuerySchema = z.object({
  from: day.optional().meta({ description: 'first local day (Asia/Ho_Chi_Minh), YYYY-MM-DD' }),
  to: day.optional().meta({ description: 'last local day, included' }),
});

export const statsQuerySchema = periodQuerySchema.extend({
  channel: z.enum(SCOPES as [string, ...string[]], { error: 'Kênh không hợp lệ.' }).default('all'),
});
