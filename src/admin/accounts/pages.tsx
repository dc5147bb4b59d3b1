/**
 * @module
 * The accounts page (admins): every account with its role and state, a form to add one,
 * per-account changes (role, lock, new password), and API tokens for scripts (shown once).
 */
import type { Context, Hono } from 'hono';
import type { BlankEnv } from 'hono/types';
import { ROLES } from '../../store/staff/types.ts';
import { ROLE_LABELS } from '../auth/roles.ts';
import { formFields, formProblem, limitForm, parseWith, redirectAfterPost } from '../http.ts';
import { Csrf, Field, Flash, formatTime, Problem, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import { TableRegion } from '../ui/table.tsx';
import type { Workspace } from '../workspace.ts';
import { createAccountSchema, createTokenSchema, updateAccountSchema } from './schemas.ts';

const roleOptions = ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]);

async function accountsPage(c: Context, w: Workspace, extra: { error?: string; token?: { name: string; value: string }; status?: number } = {}) {
  const staff = c.get('staff');
  const [accounts, tokens] = await Promise.all([w.accounts.list(), w.accounts.tokens()]);
  return renderPage(
    c,
    { title: 'Tài khoản', staff, section: '/admin/accounts', status: (extra.status ?? 200) as 200 },
    <>
      <h1>Tài khoản cán bộ</h1>
      <Flash code={c.req.query('done')} />
      <Problem message={extra.error} />
      {extra.token && (
        <div class="notice" role="status">
          <p>
            Mã truy cập "{extra.token.name}" đã được tạo. <strong>Sao chép ngay: mã chỉ hiện một lần.</strong> Dùng trong tiêu đề <code>Authorization: Bearer …</code>.
          </p>
          <p class="secret">{extra.token.value}</p>
        </div>
      )}
      <p>
        Vai trò: <strong>Quản trị</strong> (tài khoản, cài đặt, nhật ký, và mọi việc khác), <strong>Biên tập</strong> (viết FAQ, trả lời câu hỏi), <strong>Duyệt</strong> (duyệt và xuất bản), <strong>Xem</strong> (chỉ đọc). Không ai tự duyệt được mục mình viết.
      </p>
      <TableRegion label="Các tài khoản" columns={['Tên đăng nhập', 'Vai trò, trạng thái', 'Thay đổi']}>
        {accounts.map((a) => (
          <tr>
            <td>{a.username}</td>
            <td>
              {ROLE_LABELS[a.role]}
              {a.disabled && ' · đã khoá'}
            </td>
            <td>
              <form method="post" action={`/admin/accounts/${a.username}`} aria-label={`Thay đổi tài khoản ${a.username}`}>
                <Csrf token={staff.csrf} />
                <label for={`role-${a.username}`}>Vai trò</label>
                <select id={`role-${a.username}`} name="role">
                  {roleOptions.map(([value, label]) => (
                    <option value={value} selected={value === a.role}>
                      {label}
                    </option>
                  ))}
                </select>
                <label for={`pw-${a.username}`}>
                  Mật khẩu mới<span class="hint">Để trống: giữ nguyên.</span>
                </label>
                <input id={`pw-${a.username}`} type="password" name="password" autocomplete="new-password" />
                <input type="hidden" name="disabled" value={a.disabled ? 'true' : 'false'} />
                <button type="submit">Lưu</button>
                <button type="submit" name="disabled" value={a.disabled ? 'false' : 'true'} class={a.disabled ? 'secondary' : 'danger'}>
                  {a.disabled ? 'Mở khoá' : 'Khoá tài khoản'}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </TableRegion>
      <h2>Thêm tài khoản</h2>
      <form method="post" action="/admin/accounts">
        <Csrf token={staff.csrf} />
        <div class="row">
          <Field name="username" label="Tên đăng nhập" autocomplete="off" hint="Chữ thường không dấu; không đổi được về sau." required />
          <Select name="role" label="Vai trò" value="viewer" options={roleOptions} />
        </div>
        <Field name="password" label="Mật khẩu ban đầu" type="password" autocomplete="new-password" hint="Ít nhất 12 ký tự. Người dùng nên đổi sau lần đăng nhập đầu." required />
        <button type="submit">Thêm tài khoản</button>
      </form>
      <h2>Mã truy cập API (cho tập lệnh)</h2>
      <p>Một mã truy cập làm việc với quyền của tài khoản gắn với nó. Chỉ lưu bản băm; mất mã thì thu hồi và tạo mã mới.</p>
      {tokens.length > 0 && (
        <TableRegion label="Các mã truy cập" columns={['Tên', 'Tài khoản', 'Tạo, dùng lần cuối', 'Trạng thái']}>
          {tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.username}</td>
              <td>
                {formatTime(t.createdAt)} ({t.createdBy})<br />
                {formatTime(t.lastUsedAt)}
              </td>
              <td>
                {t.revokedAt ? (
                  `đã thu hồi ${formatTime(t.revokedAt)}`
                ) : (
                  <form method="post" action={`/admin/tokens/${t.id}/revoke`}>
                    <Csrf token={staff.csrf} />
                    <button type="submit" class="danger" aria-label={`Thu hồi mã ${t.name}`}>
                      Thu hồi
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </TableRegion>
      )}
      <form method="post" action="/admin/tokens">
        <Csrf token={staff.csrf} />
        <div class="row">
          <Field name="name" label="Tên mã" hint="Ví dụ: đồng bộ FAQ hằng đêm" required />
          <Select name="username" label="Tài khoản" value={staff.user.username} options={accounts.filter((a) => !a.disabled).map((a): [string, string] => [a.username, a.username])} />
        </div>
        <button type="submit">Tạo mã truy cập</button>
      </form>
    </>,
  );
}

async function orPage(c: Context, w: Workspace, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const problem = formProblem(error, ['not_found']);
    if (problem) return accountsPage(c, w, { error: problem.message, status: problem.status });
    throw error;
  }
}

export function registerAccountsPages(app: Hono, w: Workspace): void {
  /** A form post of an admin: a refusal is shown on the accounts page. */
  const post = <P extends string>(path: P, run: (c: Context<BlankEnv, P>) => Promise<Response>) => app.post(path, limitForm, w.staff('accounts'), (c) => orPage(c, w, () => run(c)));
  app.get('/admin/accounts', w.staff('accounts'), (c) => accountsPage(c, w));
  post('/admin/accounts', async (c) => {
    await w.accounts.create(c.get('staff'), parseWith(createAccountSchema, await formFields(c)));
    return redirectAfterPost(c, '/admin/accounts', 'created');
  });
  post('/admin/accounts/:username', async (c) => {
    const fields = await formFields(c);
    if (!fields.password) delete fields.password;
    await w.accounts.update(c.get('staff'), c.req.param('username'), parseWith(updateAccountSchema, fields));
    return redirectAfterPost(c, '/admin/accounts', 'saved');
  });
  post('/admin/tokens', async (c) => {
    const input = parseWith(createTokenSchema, await formFields(c));
    const created = await w.accounts.createToken(c.get('staff'), input.username, input.name);
    return accountsPage(c, w, { token: { name: input.name, value: created.token }, status: 201 });
  });
  post('/admin/tokens/:id/revoke', async (c) => {
    await w.accounts.revokeToken(c.get('staff'), c.req.param('id'));
    return redirectAfterPost(c, '/admin/accounts', 'revoked');
  });
}
