/**
 * @module
 * Logging in and out, changing one's own password, and `GET /api/admin/me`. Login attempts
 * are rate-limited per account and per address (a limiter that cannot check the limit and
 * fails closed gets 503); a wrong name and a wrong password get the same answer; the password
 * is never logged.
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../errors.ts';
import { changePasswordSchema, loginSchema } from '../accounts/schemas.ts';
import { formFields, limitForm, parseWith, redirectAfterPost, safeNext } from '../http.ts';
import { Csrf, Field, Flash, Problem } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import type { Workspace } from '../workspace.ts';
import { renderLogin } from './login-page.tsx';
import { ROLE_LABELS } from './roles.ts';
import { checkLoginCsrfToken, clearSession, writeSession } from './session.ts';

export function registerAuthRoutes(app: Hono, w: Workspace): void {
  const config = w.auth.session;

  app.get('/admin/login', (c) => renderLogin(c, config, { next: safeNext(c.req.query('next')) }));

  app.post('/admin/login', limitForm, async (c) => {
    const fields = await formFields(c);
    if (!(await checkLoginCsrfToken(c, config, (await c.req.parseBody())._csrf as string))) {
      return renderLogin(c, config, { status: 403, error: 'Trang đăng nhập đã hết hạn. Vui lòng nhập lại.' });
    }
    const { username, password } = parseWith(loginSchema, fields);
    const next = safeNext(fields.next);
    const address = w.clientKey(c);
    for (const decision of [await w.loginLimits.perAddress.take(`login ${address}`), await w.loginLimits.perAccount.take(`login ${username}`)]) {
      if (decision.unavailable) {
        // The limit could not be checked (Workers: the Coordinator unreachable): refused rather than unlimited.
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return renderLogin(c, config, { status: 503, next, username, error: `Tạm thời không thể đăng nhập: hệ thống không kiểm tra được số lần đăng nhập. Vui lòng thử lại sau ${decision.retryAfterSeconds} giây.` });
      }
      if (!decision.allowed) {
        w.ctx.logger.warn('staff login rate-limited', { username, address });
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return renderLogin(c, config, { status: 429, next, username, error: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${decision.retryAfterSeconds} giây.` });
      }
    }
    const user = await w.accounts.verifyLogin(username, password);
    if (!user) {
      w.ctx.logger.warn('staff login failed', { username, address });
      return renderLogin(c, config, { status: 401, next, username, error: 'Tên đăng nhập hoặc mật khẩu không đúng (hoặc tài khoản đã bị khoá).' });
    }
    const now = w.ctx.now().getTime();
    await writeSession(c, config, { userId: user.id, sessionVersion: user.sessionVersion, issuedAt: now, seenAt: now });
    w.ctx.logger.info('staff login', { username, role: user.role });
    return c.redirect(next, 303);
  });

  app.post('/admin/logout', limitForm, w.staff('read'), async (c) => {
    await w.accounts.endSessions(c.get('staff').user);
    clearSession(c, config);
    return c.redirect('/admin/login', 303);
  });

  app.get('/admin/password', w.staff('read'), (c) => renderPasswordPage(c, w));
  app.post('/admin/password', limitForm, w.staff('read'), async (c) => {
    try {
      const input = parseWith(changePasswordSchema, await formFields(c));
      await w.accounts.changeOwnPassword(c.get('staff'), input.current, input.password);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'invalid_request' || error.code === 'forbidden')) return renderPasswordPage(c, w, error.message, error.status);
      throw error;
    }
    clearSession(c, config);
    return redirectAfterPost(c, '/admin/login', 'password');
  });

  app.get('/api/admin/me', w.staff('read'), (c) => {
    const { user, csrf } = c.get('staff');
    return c.json({ username: user.username, role: user.role, csrfToken: csrf });
  });
}

function renderPasswordPage(c: Context, w: Workspace, error?: string, status?: ContentfulStatusCode) {
  const staff = c.get('staff');
  return renderPage(
    c,
    { title: 'Đổi mật khẩu', staff, status },
    <>
      <h1>Đổi mật khẩu</h1>
      <Flash code={c.req.query('done')} />
      <p>
        Tài khoản <strong>{staff.user.username}</strong>, vai trò {ROLE_LABELS[staff.user.role]}. Đổi mật khẩu sẽ đăng xuất mọi phiên của bạn.
      </p>
      <Problem message={error} />
      <form method="post" action="/admin/password">
        <Csrf token={staff.csrf} />
        <Field name="current" label="Mật khẩu hiện tại" type="password" autocomplete="current-password" required />
        <Field name="password" label="Mật khẩu mới" type="password" autocomplete="new-password" hint="Ít nhất 12 ký tự; nên là một cụm từ dễ nhớ." required />
        <button type="submit">Đổi mật khẩu</button>
      </form>
      <p class="muted">Phiên làm việc hết hạn sau {Math.round(w.auth.session.idleMs / 60_000)} phút không thao tác.</p>
    </>,
  );
}
