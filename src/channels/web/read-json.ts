/**
 * @module
 * Reads and validates a JSON request body: 415 for another media type, 400 for malformed
 * JSON or a body that fails its schema (with the first problem, in Vietnamese). Strings are
 * made well-formed first.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** In JSON text a lone surrogate can only come from an escape (raw bytes that are not UTF-8 already decode to U+FFFD). */
const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/;

const fix = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

/**
 * Every string of parsed JSON (keys too) made well-formed, in place: a lone surrogate
 * ("\ud800" is valid JSON) becomes U+FFFD before validation, redaction and storage, so
 * nothing is stored as invalid UTF-8. Iterative: a body may nest thousands of levels deep.
 */
export function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return fix(value);
  const stack: object[] = value !== null && typeof value === 'object' ? [value] : [];
  const set = (node: object, key: string | number, v: unknown) => Object.defineProperty(node, key, { value: v, writable: true, enumerable: true, configurable: true });
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const v = node[key];
      const fixedKey = fix(key);
      if (fixedKey !== key) delete node[key];
      if (typeof v === 'string') {
        const fixed = fix(v);
        if (fixed !== v || fixedKey !== key) set(node, fixedKey, fixed);
      } else {
        if (fixedKey !== key) set(node, fixedKey, v);
        if (v !== null && typeof v === 'object') stack.push(v);
      }
    }
  }
  return value;
}

/**
 * JSON text parsed with every string made well-formed (walked only when the text holds a
 * surrogate escape): for bodies read elsewhere, such as the chat platforms' webhooks.
 */
export function parseWellFormedJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  return SURROGATE_ESCAPE.test(text) ? wellFormed(value) : value;
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type');
  let body: unknown;
  try {
    body = parseWellFormedJson(await c.req.text());
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
