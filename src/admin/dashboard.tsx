/**
 * @module
 * `/admin`: what needs doing. Open queue groups, entries waiting for review, drafts,
 * entries past their review-by date, published entries whose source left the corpus.
 */
import type { Hono } from 'hono';
import { can } from './auth/roles.ts';
import { checkSource } from './faq/sources.ts';
import { Flash } from './ui/forms.tsx';
import { renderPage } from './ui/page.tsx';
import type { Workspace } from './workspace.ts';

export function registerDashboard(app: Hono, w: Workspace): void {
  app.get('/admin', w.staff('read'), async (c) => {
    const staff = c.get('staff');
    const entries = await w.faq.list({});
    const groups = await w.queue.list({ status: 'open' });
    const today = w.ctx.now().toISOString().slice(0, 10);
    const engine = w.ctx.engine();
    const lost = entries.filter((e) => e.published && 'problem' in checkSource(engine, e.id, e.published, e.reviewedOn ?? today));
    const count = (status: string) => entries.filter((e) => e.status === status).length;
    const cards: Array<[string, number, string]> = [
      ['Nhóm câu hỏi chờ xử lý', groups.length, '/admin/queue'],
      ['Mục chờ duyệt', count('in_review'), '/admin/faq?status=in_review'],
      ['Bản nháp', count('draft'), '/admin/faq?status=draft'],
      ['Đến hạn rà soát', entries.filter((e) => e.status !== 'archived' && e.current.reviewBy <= today).length, '/admin/faq?status=due'],
      ['Mục đang trả lời người dân', entries.filter((e) => e.published).length, '/admin/faq?status=published'],
    ];
    return renderPage(
      c,
      { title: 'Tổng quan', staff, section: '/admin' },
      <>
        <h1>Tổng quan</h1>
        <Flash code={c.req.query('done')} />
        <div class="cards">
          {cards.map(([label, n, href]) => (
            <a class="card" href={href}>
              <strong>{n}</strong>
              {label}
            </a>
          ))}
        </div>
        {lost.length > 0 && (
          <div class="error" role="alert">
            <p>
              <strong>{lost.length} mục đã xuất bản đang không được dùng</strong>: văn bản hoặc mục nguồn của chúng không còn trong kho văn bản. Hãy sửa nguồn rồi gửi duyệt lại.
            </p>
            <ul>
              {lost.map((e) => (
                <li>
                  <a href={`/admin/faq/${e.id}`}>{e.id}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <h2>Quy trình</h2>
        <ol>
          <li>Câu hỏi trợ lý chưa trả lời tốt vào hàng chờ, gộp theo câu hỏi giống nhau.</li>
          <li>{can(staff.user.role, 'queue:answer') ? 'Bạn' : 'Biên tập viên'} trả lời nhóm (người dân nhận ngay trong cuộc trò chuyện của mình) hoặc tạo bản nháp FAQ.</li>
          <li>Bản nháp được gửi duyệt; một người duyệt khác (không phải người viết) duyệt và xuất bản.</li>
          <li>Mục đã xuất bản trả lời người dân trong vài giây, không cần khởi động lại.</li>
        </ol>
      </>,
    );
  });
}
