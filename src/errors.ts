/**
 * @module
 * The closed set of error codes, their HTTP statuses and safe public messages (Vietnamese,
 * for citizens). One `onError` turns any failure into this shape; internal detail goes to
 * the log with its cause, never to the client.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './logger.ts';

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'not_ready'
  | 'internal';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  not_ready: 503,
  internal: 500,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  invalid_request: 'Yêu cầu không hợp lệ.',
  unauthorized: 'Bạn cần đăng nhập để thực hiện thao tác này.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  not_found: 'Không tìm thấy nội dung bạn yêu cầu.',
  conflict: 'Câu hỏi trước của bạn đang được xử lý. Vui lòng đợi câu trả lời rồi hỏi tiếp.',
  payload_too_large: 'Nội dung gửi lên quá lớn (tối đa 32 KB).',
  unsupported_media_type: 'Vui lòng gửi dữ liệu dạng JSON (Content-Type: application/json).',
  rate_limited: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  not_ready: 'Hệ thống đang khởi động. Vui lòng thử lại sau vài giây.',
  internal: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.',
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message ?? DEFAULT_MESSAGE[code], options);
  }

  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message?: string) {
  return { error: { code, message: message ?? DEFAULT_MESSAGE[code] } };
}

export function errorResponse(c: Context, error: AppError): Response {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  return c.json(errorBody(error.code, error.message), error.status);
}

/** The one error handler: known errors keep their code; anything else is logged and becomes `internal`. */
export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return errorResponse(c, err);
    logger.error('unhandled error', { path: c.req.path, method: c.req.method, error: err });
    return c.json(errorBody('internal'), 500);
  };
}
