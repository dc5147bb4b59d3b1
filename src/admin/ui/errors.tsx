/**
 * @module
 * Staff pages answer errors as pages, not JSON: the one `onError` shapes every error first,
 * then this middleware renders the same status as HTML for a person (401 is the login form,
 * which leads back to the page).
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';
import { renderLogin } from '../auth/login-page.tsx';
import type { SessionConfig } from '../auth/session.ts';
import { renderPage } from './page.tsx';

const TITLES: Partial<Record<AppError['code'], string>> = {
  forbidden: 'Không được phép',
  not_found: 'Không tìm thấy',
  conflict: 'Chưa làm được',
  invalid_request: 'Dữ liệu chưa hợp lệ',
  payload_too_large: 'Nội dung quá lớn',
  rate_limited: 'Quá nhiều yêu cầu',
  not_ready: 'Đang khởi động',
};

export function pageErrors(config: SessionConfig): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const error = c.error;
    if (!error) return;
    const known = error instanceof AppError ? error : new AppError('internal');
    if (known.code === 'unauthorized') {
      const back = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : undefined;
      c.res = await renderLogin(c, config, { status: 401, next: back, error: 'Vui lòng đăng nhập để tiếp tục.' });
      return;
    }
    c.res = renderPage(
      c,
      { title: TITLES[known.code] ?? 'Đã có lỗi', staff: c.get('staff') ?? null, status: known.status },
      <>
        <h1>{TITLES[known.code] ?? 'Đã có lỗi'}</h1>
        <p role="alert">{known.message}</p>
        <p>
          <a href="/admin">Về trang tổng quan</a>
        </p>
      </>,
    ) as Response;
  };
}
