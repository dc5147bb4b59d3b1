/**
 * @module
 * The review queue pages: groups with counts, reasons and first/last seen (search and
 * filters), and a group: who asked what, the bot's answer, and the actions (answer
 * everyone, make an FAQ draft, out of scope, dismiss, move a question out).
 */
import type { Context, Hono } from 'hono';
import { GROUP_STATUSES, REVIEW_REASONS, type ReviewReason } from '../../store/review/types.ts';
import { can } from '../auth/roles.ts';
import { FaqForm, type FaqFormValues } from '../faq/form.tsx';
import { fromForm } from '../faq/schemas.ts';
import { formFields, formProblem, limitForm, parseWith, query, redirectAfterPost } from '../http.ts';
import { Csrf, Field, FilterForm, Flash, formatTime, Problem, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import { TableRegion } from '../ui/table.tsx';
import type { Workspace } from '../workspace.ts';
import { answerSchema, draftSchema, queueListQuerySchema, REASON_LABELS, resolveSchema, splitSchema, STATUS_LABELS } from './schemas.ts';

const reasons = (r: Record<ReviewReason, number>) =>
  REVIEW_REASONS.filter((k) => r[k] > 0)
    .map((k) => `${REASON_LABELS[k]}: ${r[k]}`)
    .join('; ');

async function listPage(c: Context, w: Workspace) {
  const staff = c.get('staff');
  const filter = parseWith(queueListQuerySchema, query(c));
  const groups = await w.queue.list(filter);
  return renderPage(
    c,
    { title: 'Câu hỏi chờ xử lý', staff, section: '/admin/queue' },
    <>
      <h1>Câu hỏi chờ xử lý</h1>
      <p>Câu hỏi trợ lý chưa trả lời được, bị đánh giá chưa hữu ích hoặc trả lời với độ tin cậy thấp, gộp theo câu hỏi giống nhau (có dấu hay không dấu). Một câu trả lời của cán bộ đến mọi người đã hỏi trong nhóm.</p>
      <Flash code={c.req.query('done')} />
      <FilterForm action="/admin/queue" label="Tìm câu hỏi">
        <Field name="q" type="search" label="Tìm (có dấu hoặc không dấu)" value={filter.q} />
        <Select name="status" label="Trạng thái" value={filter.status} options={[...GROUP_STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]]), ['all', 'Tất cả']]} />
        <Select name="reason" label="Lý do" value={filter.reason} options={[['', 'Mọi lý do'], ...REVIEW_REASONS.map((r): [string, string] => [r, REASON_LABELS[r]])]} />
      </FilterForm>
      <p role="status">{groups.length} nhóm.</p>
      <TableRegion label="Các nhóm câu hỏi" columns={['Câu hỏi', 'Số lần hỏi', 'Lý do', 'Lần đầu, lần cuối', 'Trạng thái']}>
        {groups.map((g) => (
          <tr>
            <td>
              <a href={`/admin/queue/${g.id}`}>{g.question}</a>
            </td>
            <td>{g.count}</td>
            <td>{reasons(g.reasons)}</td>
            <td>
              {formatTime(g.firstSeen)}
              <br />
              {formatTime(g.lastSeen)}
            </td>
            <td>{STATUS_LABELS[g.status]}</td>
          </tr>
        ))}
      </TableRegion>
    </>,
  );
}

async function groupPage(c: Context, w: Workspace, id: string, problem?: { form: 'answer' | 'draft'; message: string; values?: FaqFormValues; text?: string; status: number }) {
  const staff = c.get('staff');
  const detail = await w.queue.detail(id);
  const { group, items, answers } = detail;
  const mayAnswer = can(staff.user.role, 'queue:answer');
  const mayDraft = can(staff.user.role, 'faq:write');
  const open = group.status === 'open';
  const defaults = mayDraft && !group.faqEntryId ? { ...(await w.queue.draftDefaults(id, detail)), reviewBy: await w.faq.defaultReviewBy() } : null;
  return renderPage(
    c,
    { title: group.question, staff, section: '/admin/queue', status: (problem?.status ?? 200) as 200 },
    <>
      <p>
        <a href="/admin/queue">← Câu hỏi chờ xử lý</a>
      </p>
      <h1>{group.question}</h1>
      <Flash code={c.req.query('done')} />
      <dl class="meta">
        <dt>Trạng thái</dt>
        <dd>
          {STATUS_LABELS[group.status]}
          {group.resolvedBy && ` (${group.resolvedBy}, ${formatTime(group.resolvedAt)})`}
        </dd>
        <dt>Số lần hỏi</dt>
        <dd>{group.count}</dd>
        <dt>Lý do</dt>
        <dd>{reasons(group.reasons)}</dd>
        <dt>Lần đầu, lần cuối</dt>
        <dd>
          {formatTime(group.firstSeen)} – {formatTime(group.lastSeen)}
        </dd>
        {group.faqEntryId && (
          <>
            <dt>Bản nháp FAQ</dt>
            <dd>
              <a href={`/admin/faq/${group.faqEntryId}`}>{group.faqEntryId}</a>
            </dd>
          </>
        )}
      </dl>
      {answers.map((a) => (
        <>
          <h2>Câu trả lời đã gửi ({a.author}, {formatTime(a.createdAt)})</h2>
          <p class="quote">{a.text}</p>
        </>
      ))}
      <h2>Người dân đã hỏi ({items.length})</h2>
      <ol>
        {items.map((item) => (
          <li>
            <p>
              <strong>{item.question}</strong>
              <br />
              <span class="muted">
                {formatTime(item.askedAt)} · {item.channel} · {REASON_LABELS[item.reason]}
              </span>
            </p>
            {item.comment && <p>Góp ý: {item.comment}</p>}
            <details>
              <summary>Trợ lý đã trả lời</summary>
              <p class="quote">{item.answer}</p>
            </details>
            {open && mayAnswer && items.length > 1 && (
              <form method="post" action={`/admin/queue/${group.id}/split`}>
                <Csrf token={staff.csrf} />
                <input type="hidden" name="messageId" value={item.messageId} />
                <button type="submit" class="secondary">
                  Không cùng câu hỏi: tách ra nhóm riêng
                </button>
              </form>
            )}
          </li>
        ))}
      </ol>
      {open && mayAnswer && (
        <>
          <h2 id="tra-loi">Trả lời người dân</h2>
          <p>Câu trả lời được gửi vào cuộc trò chuyện của từng người đã hỏi, ghi rõ là cán bộ trả lời.</p>
          <form method="post" action={`/admin/queue/${group.id}/answer`}>
            <Csrf token={staff.csrf} />
            {problem?.form === 'answer' && <Problem message={problem.message} />}
            <Field name="text" label="Câu trả lời" multiline rows={5} value={problem?.text} required />
            <button type="submit">Gửi tới {new Set(items.map((i) => i.conversationId)).size} người</button>
          </form>
          <h2>Xếp loại</h2>
          <form method="post" action={`/admin/queue/${group.id}/resolve`}>
            <Csrf token={staff.csrf} />
            <button type="submit" name="status" value="out_of_scope" class="secondary">
              Ngoài phạm vi
            </button>
            <button type="submit" name="status" value="dismissed" class="danger">
              Bỏ qua
            </button>
          </form>
        </>
      )}
      {!open && group.status !== 'answered' && mayAnswer && (
        <form method="post" action={`/admin/queue/${group.id}/resolve`}>
          <Csrf token={staff.csrf} />
          <button type="submit" name="status" value="open" class="secondary">
            Mở lại
          </button>
        </form>
      )}
      {defaults && (
        <>
          <h2>Tạo bản nháp FAQ từ nhóm này</h2>
          <p>Bản nháp đi qua bước duyệt như mọi mục FAQ; sau khi xuất bản, trợ lý tự trả lời câu hỏi này.</p>
          <FaqForm
            action={`/admin/queue/${group.id}/draft`}
            csrf={staff.csrf}
            values={problem?.form === 'draft' && problem.values ? problem.values : defaults}
            engine={w.ctx.engine()}
            withId
            error={problem?.form === 'draft' ? problem.message : null}
            submit="Tạo bản nháp FAQ"
          />
        </>
      )}
    </>,
  );
}

export function registerQueuePages(app: Hono, w: Workspace): void {
  app.get('/admin/queue', w.staff('read'), (c) => listPage(c, w));
  app.get('/admin/queue/:id', w.staff('read'), (c) => groupPage(c, w, c.req.param('id')));
  app.post('/admin/queue/:id/answer', limitForm, w.staff('queue:answer'), async (c) => {
    const id = c.req.param('id');
    const fields = await formFields(c);
    try {
      await w.queue.answer(c.get('staff'), id, parseWith(answerSchema, fields).text);
    } catch (error) {
      const known = formProblem(error);
      if (!known) throw error;
      return groupPage(c, w, id, { form: 'answer', message: known.message, text: fields.text, status: known.status });
    }
    return redirectAfterPost(c, `/admin/queue/${id}`, 'answered');
  });
  app.post('/admin/queue/:id/draft', limitForm, w.staff('faq:write'), async (c) => {
    const id = c.req.param('id');
    const values = fromForm(await formFields(c));
    try {
      const entry = await w.queue.draft(c.get('staff'), id, parseWith(draftSchema, values));
      return redirectAfterPost(c, `/admin/faq/${entry.id}`, 'created');
    } catch (error) {
      const known = formProblem(error);
      if (!known) throw error;
      return groupPage(c, w, id, { form: 'draft', message: known.message, values: values as FaqFormValues, status: known.status });
    }
  });
  app.post('/admin/queue/:id/resolve', limitForm, w.staff('queue:answer'), async (c) => {
    const id = c.req.param('id');
    await w.queue.resolve(c.get('staff'), id, parseWith(resolveSchema, await formFields(c)).status);
    return redirectAfterPost(c, `/admin/queue/${id}`, 'resolved');
  });
  app.post('/admin/queue/:id/split', limitForm, w.staff('queue:answer'), async (c) => {
    const id = c.req.param('id');
    const group = await w.queue.split(c.get('staff'), id, parseWith(splitSchema, await formFields(c)).messageId);
    return redirectAfterPost(c, `/admin/queue/${group}`, 'split');
  });
}
