/**
 * @module
 * The FAQ pages: the list with search and filters, a new entry, an entry (what citizens
 * get now, the working version and its form, the lifecycle actions, the history), import
 * and export. Forms post to the same service as the JSON API.
 */
import type { Context, Hono } from 'hono';
import { AppError } from '../../errors.ts';
import { FAQ_STATUSES, type FaqRecord } from '../../store/faq/types.ts';
import { can } from '../auth/roles.ts';
import { formFields, formProblem, limitForm, parseWith, query, redirectAfterPost } from '../http.ts';
import { Csrf, Field, FilterForm, Flash, formatTime, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import { TableRegion } from '../ui/table.tsx';
import type { Workspace } from '../workspace.ts';
import { FaqForm, type FaqFormValues } from './form.tsx';
import { availableActions, STATUS_LABELS, TRANSITIONS } from './lifecycle.ts';
import { registerFaqImportPages } from './import-pages.tsx';
import { createFaqSchema, faqListQuerySchema, fromForm, transitionSchema, updateFaqSchema } from './schemas.ts';

function StatusBadge(props: { entry: FaqRecord }) {
  const e = props.entry;
  return (
    <span>
      <span class={`badge ${e.status}`}>{STATUS_LABELS[e.status]}</span>
      {e.published && e.status !== 'published' && <span class="badge published">đang dùng bản {e.published.version}</span>}
    </span>
  );
}

/** A form error is shown on the form with what was typed; anything else is the error page. */
async function orFormError<T>(run: () => Promise<T>): Promise<T | { error: AppError }> {
  try {
    return await run();
  } catch (error) {
    const problem = formProblem(error);
    if (problem) return { error: problem };
    throw error;
  }
}

function listPage(c: Context, w: Workspace, entries: FaqRecord[], filter: Record<string, string>, agencies: string[]) {
  const staff = c.get('staff');
  return renderPage(
    c,
    { title: 'Câu hỏi thường gặp', staff, section: '/admin/faq' },
    <>
      <h1>Câu hỏi thường gặp (FAQ)</h1>
      <Flash code={c.req.query('done')} />
      <p>
        {can(staff.user.role, 'faq:write') && (
          <a class="button" href="/admin/faq/new">
            Tạo mục mới
          </a>
        )}
        {can(staff.user.role, 'faq:import') && (
          <a class="button secondary" href="/admin/faq/import">
            Nhập từ YAML
          </a>
        )}
        <a class="button secondary" href="/admin/faq/export">
          Tải FAQ đã xuất bản (YAML)
        </a>
      </p>
      <FilterForm action="/admin/faq" label="Tìm trong FAQ">
        <Field name="q" type="search" label="Tìm (có dấu hoặc không dấu)" value={filter.q} />
        <Select name="status" label="Trạng thái" value={filter.status} options={[['', 'Tất cả'], ...FAQ_STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]]), ['due', 'Đến hạn rà soát']]} />
        <Select name="agency" label="Cơ quan phụ trách" value={filter.agency} options={[['', 'Tất cả'], ...agencies.map((a): [string, string] => [a, a])]} />
      </FilterForm>
      <p role="status">{entries.length} mục.</p>
      <TableRegion label="Danh sách mục FAQ" columns={['Câu hỏi', 'Trạng thái', 'Cơ quan', 'Hạn rà soát']}>
        {entries.map((e) => (
          <tr>
            <td>
              <a href={`/admin/faq/${e.id}`}>{e.current.question}</a>
              <br />
              <span class="muted">{e.id}</span>
            </td>
            <td>
              <StatusBadge entry={e} />
            </td>
            <td>{e.current.agency}</td>
            <td>{e.current.reviewBy}</td>
          </tr>
        ))}
      </TableRegion>
    </>,
  );
}

function newPage(c: Context, w: Workspace, values: FaqFormValues, error?: string, status?: 400 | 409) {
  const staff = c.get('staff');
  return renderPage(
    c,
    { title: 'Tạo mục FAQ', staff, section: '/admin/faq', status },
    <>
      <h1>Tạo mục FAQ mới</h1>
      <p>Mục mới là bản nháp: người dân chỉ nhận câu trả lời sau khi một người duyệt khác duyệt và xuất bản.</p>
      <FaqForm action="/admin/faq" csrf={staff.csrf} values={values} engine={w.ctx.engine()} withId error={error} submit="Lưu bản nháp" />
    </>,
  );
}

async function entryPage(c: Context, w: Workspace, id: string, form?: { values: FaqFormValues; error: string }, status?: 400 | 409) {
  const staff = c.get('staff');
  const entry = await w.faq.get(id);
  const history = await w.faq.history(id);
  const allowed = (p: Parameters<typeof can>[1]) => can(staff.user.role, p);
  const editable = allowed('faq:write') && entry.status !== 'archived';
  const actions = availableActions(entry, allowed);
  return renderPage(
    c,
    { title: entry.current.question, staff, section: '/admin/faq', status },
    <>
      <p>
        <a href="/admin/faq">← Danh sách FAQ</a>
      </p>
      <h1>{entry.current.question}</h1>
      <Flash code={c.req.query('done')} />
      <dl class="meta">
        <dt>Mã mục</dt>
        <dd>{entry.id}</dd>
        <dt>Trạng thái</dt>
        <dd>
          <StatusBadge entry={entry} />
        </dd>
        <dt>Phiên bản đang sửa</dt>
        <dd>
          {entry.current.version}, bởi {entry.current.author}, {formatTime(entry.current.createdAt)}
        </dd>
        <dt>Duyệt lần cuối</dt>
        <dd>{entry.reviewedOn ?? 'chưa duyệt'}</dd>
        {entry.submittedBy && entry.status === 'in_review' && (
          <>
            <dt>Người gửi duyệt</dt>
            <dd>{entry.submittedBy}</dd>
          </>
        )}
      </dl>
      <h2>Người dân đang nhận</h2>
      {entry.published ? <p class="quote">{entry.published.answer}</p> : <p>Chưa có phiên bản nào được xuất bản: mục này chưa được dùng để trả lời.</p>}
      {actions.length > 0 && (
        <>
          <h2>Thao tác</h2>
          <form method="post" action={`/admin/faq/${entry.id}/transition`}>
            <Csrf token={staff.csrf} />
            <input type="hidden" name="version" value={String(entry.current.version)} />
            <Field name="note" label="Ghi chú (không bắt buộc)" hint="Ví dụ: lý do trả lại, điều đã kiểm tra." />
            {actions.map((a) => (
              <button type="submit" name="action" value={a} class={a === 'archive' ? 'danger' : a === 'return' ? 'secondary' : undefined}>
                {TRANSITIONS[a].label}
              </button>
            ))}
          </form>
        </>
      )}
      <h2>{editable ? 'Sửa phiên bản đang làm' : 'Phiên bản đang làm'}</h2>
      {entry.status === 'published' && editable && <p class="muted">Lưu thay đổi sẽ tạo một bản nháp mới; người dân vẫn nhận bản đã xuất bản cho đến khi bản mới được duyệt.</p>}
      <FaqForm
        action={`/admin/faq/${entry.id}`}
        csrf={staff.csrf}
        values={form?.values ?? { ...entry.current, version: entry.current.version, note: '' }}
        engine={w.ctx.engine()}
        withId={false}
        error={form?.error}
        submit="Lưu bản nháp"
        readonly={!editable}
      />
      <h2>Lịch sử phiên bản</h2>
      <TableRegion label="Lịch sử phiên bản" columns={['Phiên bản', 'Người viết, lúc', 'Câu trả lời', 'Ghi chú']}>
        {history.map((v) => (
          <tr>
            <td>
              {v.version}
              {entry.published?.version === v.version && ' (đang dùng)'}
            </td>
            <td>
              {v.author}, {formatTime(v.createdAt)}
            </td>
            <td>{v.answer}</td>
            <td>{v.note ?? ''}</td>
          </tr>
        ))}
      </TableRegion>
    </>,
  );
}

export function registerFaqPages(app: Hono, w: Workspace): void {
  app.get('/admin/faq', w.staff('read'), async (c) => {
    const filter = query(c);
    // One read: the agencies offered are every entry's, the entries listed those the filter keeps.
    const parsed = parseWith(faqListQuerySchema, filter);
    const all = await w.faq.list({});
    const entries = w.faq.filter(all, parsed);
    const agencies = [...new Set(all.map((e) => e.current.agency))].sort();
    return listPage(c, w, entries, filter, agencies);
  });
  app.get('/admin/faq/new', w.staff('faq:write'), async (c) => {
    const reviewBy = await w.faq.defaultReviewBy();
    return newPage(c, w, { agency: w.ctx.defaultAgency, reviewBy });
  });
  app.post('/admin/faq', limitForm, w.staff('faq:write'), async (c) => {
    const values = fromForm(await formFields(c));
    const result = await orFormError(async () => w.faq.create(c.get('staff'), parseWith(createFaqSchema, values)));
    if ('error' in result) return newPage(c, w, values as FaqFormValues, result.error.message, result.error.status as 400 | 409);
    return redirectAfterPost(c, `/admin/faq/${result.id}`, 'created');
  });
  registerFaqImportPages(app, w);
  app.get('/admin/faq/:id', w.staff('read'), (c) => entryPage(c, w, c.req.param('id')));
  app.post('/admin/faq/:id', limitForm, w.staff('faq:write'), async (c) => {
    const id = c.req.param('id');
    const values = fromForm(await formFields(c));
    const result = await orFormError(async () => w.faq.update(c.get('staff'), id, parseWith(updateFaqSchema, values)));
    if ('error' in result) return entryPage(c, w, id, { values: values as FaqFormValues, error: result.error.message }, result.error.status as 400 | 409);
    return redirectAfterPost(c, `/admin/faq/${id}`, 'saved');
  });
  app.post('/admin/faq/:id/transition', limitForm, w.staff('read'), async (c) => {
    const id = c.req.param('id');
    const input = parseWith(transitionSchema, await formFields(c));
    await w.faq.transition(c.get('staff'), id, input);
    return redirectAfterPost(c, `/admin/faq/${id}`, input.action);
  });
}
