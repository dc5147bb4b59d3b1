/**
 * @module
 * Reads and validates a JSON request body: 415 for another media type, 400 for malformed
 * JSON or a body that fails its schema (with the first problem, in Vietnamese).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type');
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_request', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('invalid_request', 'Dữ liệu gửi lên phải là một đối tượng JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const missing = issue?.code === 'invalid_type' && issue.path.length === 1 && (body as Record<string, unknown>)[field] === undefined;
    throw new AppError('invalid_request', missing ? `Thiếu trường "${field}".` : (issue?.message ?? 'Yêu cầu không hợp lệ.'));
  }
  return parsed.data;
}
