/**
 * @module
 * The audit log (admins): `GET /api/admin/audit` and the page, newest first, filtered by
 * kind of change, person or target, paged by id.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AuditRecord } from '../../store/audit/types.ts';
import { parseWith, query } from '../http.ts';
import { Field, FilterForm, formatTime, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import { TableRegion } from '../ui/table.tsx';
import type { Workspace } from '../workspace.ts';

const PAGE = 50;
const filterSchema = z.object({
  action: z.string().max(40).regex(/^[a-z._]*$/, { error: 'Loại thay đổi không hợp lệ.' }).optional(),
  actor: z.string().max(120).optional(),
  target: z.string().max(200).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(PAGE),
});

const KINDS: Array<[string, string]> = [
  ['', 'Mọi thay đổi'],
  ['faq', 'FAQ'],
  ['answer', 'Câu trả lời đã gửi'],
  ['queue', 'Hàng chờ câu hỏi'],
  ['account', 'Tài khoản'],
  ['token', 'Mã truy cập'],
  ['settings', 'Cài đặt'],
  ['citizen', 'Yêu cầu của người dân về dữ liệu'],
  ['retention', 'Xoá dữ liệu hết thời hạn lưu giữ'],
];

const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 1));

function auditPage(c: Context, entries: AuditRecord[], filter: z.infer<typeof filterSchema>) {
  const staff = c.get('staff');
  const last = entries.at(-1);
  const next = new URLSearchParams(Object.entries({ action: filter.action, actor: filter.actor, target: filter.target, before: last?.id }).filter((e): e is [string, string] => !!e[1]));
  return renderPage(
    c,
    { title: 'Nhật ký thay đổi', staff, section: '/admin/audit' },
    <>
      <h1>Nhật ký thay đổi</h1>
      <p>Mọi thay đổi FAQ, câu trả lời gửi tới người dân, tài khoản và cài đặt: ai, lúc nào, trước và sau. Nhật ký chỉ được ghi thêm, không sửa hay xoá được.</p>
      <FilterForm action="/admin/audit" label="Lọc nhật ký">
        <Select name="action" label="Loại thay đổi" value={filter.action} options={KINDS} />
        <Field name="actor" label="Người thực hiện" value={filter.actor} />
        <Field name="target" label="Đối tượng (mã mục, tên đăng nhập…)" value={filter.target} />
      </FilterForm>
      <TableRegion label="Nhật ký" columns={['Lúc', 'Người', 'Thay đổi', 'Trước', 'Sau']}>
        {entries.map((e) => (
          <tr>
            <td>{formatTime(e.at)}</td>
            <td>{e.actor}</td>
            <td>
              {e.action}
              {e.target && (
                <>
                  <br />
                  <span class="muted">{e.target}</span>
                </>
              )}
            </td>
            <td>
              <pre class="quote">{show(e.before)}</pre>
            </td>
            <td>
              <pre class="quote">{show(e.after)}</pre>
            </td>
          </tr>
        ))}
      </TableRegion>
      {entries.length === filter.limit && last && <a href={`/admin/audit?${next.toString()}`}>Cũ hơn →</a>}
    </>,
  );
}

export function registerAuditRoutes(app: Hono, w: Workspace): void {
  app.get('/api/admin/audit', w.staff('audit'), async (c) => c.json({ entries: await w.ctx.stores().audit.list(parseWith(filterSchema, query(c))) }));
  app.get('/admin/audit', w.staff('audit'), async (c) => {
    const filter = parseWith(filterSchema, query(c));
    return auditPage(c, await w.ctx.stores().audit.list(filter), filter);
  });
}
