/**
 * @module
 * Renders a staff page: the shared frame (skip link, navigation by permission, who is
 * signed in and the logout button), under a strict Content-Security-Policy: no script at
 * all, styles only from the nonce'd stylesheet, forms only to this origin, never framed.
 * Pages are `no-store`: they show unpublished answers and personal staff data.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { StaffPrincipal } from '../auth/authenticate.ts';
import { can, ROLE_LABELS, type Permission } from '../auth/roles.ts';
import { STAFF_CSS } from './styles.ts';

const NAV: Array<{ href: string; label: string; permission: Permission }> = [
  { href: '/admin', label: 'Tổng quan', permission: 'read' },
  { href: '/admin/faq', label: 'Câu hỏi thường gặp', permission: 'read' },
  { href: '/admin/queue', label: 'Câu hỏi chờ xử lý', permission: 'read' },
  { href: '/admin/stats', label: 'Thống kê', permission: 'read' },
  { href: '/admin/report', label: 'Báo cáo', permission: 'read' },
  { href: '/admin/citizens', label: 'Dữ liệu người dân', permission: 'personal-data' },
  { href: '/admin/accounts', label: 'Tài khoản', permission: 'accounts' },
  { href: '/admin/settings', label: 'Cài đặt', permission: 'settings' },
  { href: '/admin/audit', label: 'Nhật ký', permission: 'audit' },
];

export interface PageOptions {
  title: string;
  staff?: StaffPrincipal | null;
  status?: ContentfulStatusCode;
  /** The navigation entry this page belongs to. */
  section?: string;
  /** Styles of this page beside the shared stylesheet (under the same nonce). */
  css?: string;
}

function securePage(c: Context, nonce: string): void {
  c.header('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
}

export function renderPage(c: Context, options: PageOptions, body: Child) {
  const nonce = crypto.randomUUID().replace(/-/g, '');
  securePage(c, nonce);
  const staff = options.staff ?? null;
  const page = (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${options.title} · Khu vực cán bộ · Hỏi đáp NQ57`}</title>
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: STAFF_CSS + (options.css ?? '') }} />
      </head>
      <body>
        <a class="skip" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        <header>
          <a class="brand" href={staff ? '/admin' : '/admin/login'}>
            Hỏi đáp NQ57 · Khu vực cán bộ
          </a>
          {staff && (
            <nav aria-label="Khu vực cán bộ">
              <ul>
                {NAV.filter((n) => can(staff.user.role, n.permission)).map((n) => (
                  <li>
                    <a href={n.href} aria-current={options.section === n.href ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {staff && staff.session && (
            <form method="post" action="/admin/logout">
              <span class="who">
                <a href="/admin/password">{staff.user.username}</a> ({ROLE_LABELS[staff.user.role]}){' '}
              </span>
              <input type="hidden" name="_csrf" value={staff.csrf ?? ''} />
              <button type="submit">Đăng xuất</button>
            </form>
          )}
        </header>
        <main id="noi-dung" tabindex={-1}>
          {body}
        </main>
        <footer>Hỏi đáp NQ57 · mọi thay đổi được ghi vào nhật ký.</footer>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${page.toString()}`, options.status ?? 200);
}
