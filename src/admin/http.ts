/**
 * @module
 * Request plumbing shared by the staff routes: form and JSON bodies through one schema,
 * body caps, redirects after a successful form post (303, so a reload does not post again).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { readJson } from '../channels/web/read-json.ts';
import { AppError, errorResponse } from '../errors.ts';
import { limitBody } from '../http/body-limit.ts';

/** Forms and JSON of the staff routes; an FAQ import may carry the whole YAML. */
export const limitForm = limitBody(256 * 1024, (c) => errorResponse(c, new AppError('payload_too_large', 'Nội dung gửi lên quá lớn (tối đa 256 KB).')));
export const limitImport = limitBody(2 * 1024 * 1024, (c) => errorResponse(c, new AppError('payload_too_large', 'Tệp gửi lên quá lớn (tối đa 2 MB).')));

/** An error staff see on the form they sent, with what they typed (bad input, a conflict, and any of `also`); null: the error page. */
export function formProblem(error: unknown, also: ReadonlyArray<AppError['code']> = []): AppError | null {
  return error instanceof AppError && (error.code === 'invalid_request' || error.code === 'conflict' || also.includes(error.code)) ? error : null;
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_request', issue?.message ?? 'Dữ liệu gửi lên không hợp lệ.');
  }
  return parsed.data;
}

/** A form's text fields (files are read where they are expected), without the CSRF token. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v.normalize('NFC');
  return out;
}

export function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return readJson(c, schema);
}

export function query(c: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
}

export function redirectAfterPost(c: Context, path: string, done?: string): Response {
  return c.redirect(done ? `${path}${path.includes('?') ? '&' : '?'}done=${done}` : path, 303);
}

/** Only local staff pages are followed after login: never an open redirect. */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(?:[/?#]|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : '/admin';
}
