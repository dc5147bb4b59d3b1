/**
 * @module
 * The login page: also what any staff page answers (with 401) to someone not signed in,
 * so a bookmark leads to the form and back to the page after login.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Field, Problem } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import { loginCsrfToken, type SessionConfig } from './session.ts';

export async function renderLogin(c: Context, config: SessionConfig, options: { next?: string; error?: string; username?: string; status?: ContentfulStatusCode } = {}) {
  const token = await loginCsrfToken(c, config);
  return renderPage(
    c,
    { title: 'Đăng nhập', status: options.status ?? 200 },
    <>
      <h1>Đăng nhập khu vực cán bộ</h1>
      <Problem message={options.error} />
      <form method="post" action="/admin/login">
        <input type="hidden" name="_csrf" value={token} />
        <input type="hidden" name="next" value={options.next ?? '/admin'} />
        <Field name="username" label="Tên đăng nhập" value={options.username ?? ''} autocomplete="username" required />
        <Field name="password" label="Mật khẩu" type="password" autocomplete="current-password" required />
        <button type="submit">Đăng nhập</button>
      </form>
      <p class="muted">Chưa có tài khoản? Quản trị viên tạo tài khoản cho bạn. Quên mật khẩu: nhờ quản trị viên đặt lại.</p>
    </>,
  );
}
