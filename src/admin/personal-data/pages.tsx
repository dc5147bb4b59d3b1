/**
 * @module
 * `/admin/citizens` (admins): a citizen's request to see or erase their data, found by the
 * conversation id their widget shows or their Zalo / Messenger user id. The id travels in
 * form posts only, never in a URL (which logs and browser history keep). Also what the
 * retention purge last did. `POST /api/admin/citizens/export|erase` do the same for scripts.
 */
import type { Context, Hono } from 'hono';
import type { AuditRecord } from '../../store/audit/types.ts';
import { AppError } from '../../errors.ts';
import { formFields, jsonBody, limitForm, parseWith } from '../http.ts';
import { Csrf, Field, formatTime, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import type { Workspace } from '../workspace.ts';
import { citizenFormSchema, citizenRequestSchema, KINDS } from './schemas.ts';
import { createPersonalDataService, type CitizenSummary, type PersonalDataService } from './service.ts';

const KIND_LABELS: Record<(typeof KINDS)[number], string> = { conversation: 'Mã cuộc trò chuyện (trên trang web)', zalo: 'Mã người dùng Zalo', messenger: 'Mã người dùng Messenger (PSID)' };
const COUNT_LABELS: Array<[string, string]> = [
  ['conversations', 'cuộc trò chuyện'],
  ['exchanges', 'câu hỏi và câu trả lời'],
  ['feedback', 'đánh giá'],
  ['reviewItems', 'câu hỏi trong hàng chờ'],
  ['reviewGroups', 'nhóm câu hỏi không còn câu nào'],
  ['staffAnswers', 'câu trả lời của cán bộ cho các nhóm đó'],
  ['outbox', 'tin nhắn cán bộ gửi người dân'],
  ['webhookEvents', 'sự kiện Zalo, Messenger'],
];

type Fields = { kind: string; id: string; request: string };

function counts(after: unknown): string {
  const values = (after ?? {}) as Record<string, unknown>;
  return COUNT_LABELS.filter(([key]) => typeof values[key] === 'number' && values[key] > 0)
    .map(([key, label]) => `${values[key] as number} ${label}`)
    .join(', ');
}

function Problem(props: { message?: string }) {
  return props.message ? (
    <div class="error" role="alert">
      <p>{props.message}</p>
    </div>
  ) : null;
}

function Hidden(props: { fields: Fields; csrf: string | null }) {
  return (
    <>
      <Csrf token={props.csrf} />
      <input type="hidden" name="kind" value={props.fields.kind} />
      <input type="hidden" name="id" value={props.fields.id} />
      <input type="hidden" name="request" value={props.fields.request} />
    </>
  );
}

function Found(props: { found: CitizenSummary; fields: Fields; csrf: string | null; error?: string }) {
  const { found } = props;
  return (
    <section aria-labelledby="ket-qua">
      <h2 id="ket-qua">Dữ liệu đang lưu</h2>
      <dl class="meta">
        <dt>Mã tra cứu trong nhật ký</dt>
        <dd>{found.reference}</dd>
        <dt>Cuộc trò chuyện</dt>
        <dd>{found.conversations}</dd>
        <dt>Câu hỏi (mỗi câu kèm câu trả lời)</dt>
        <dd>{found.questions}</dd>
        <dt>Đánh giá</dt>
        <dd>{found.feedback}</dd>
        <dt>Tin nhắn cán bộ gửi</dt>
        <dd>{found.staffMessages}</dd>
        <dt>Sự kiện Zalo, Messenger</dt>
        <dd>{found.webhookEvents}</dd>
        <dt>Từ, đến</dt>
        <dd>
          {formatTime(found.firstAt)} – {formatTime(found.lastAt)}
        </dd>
      </dl>
      <h3>Cung cấp dữ liệu cho người dân</h3>
      <form method="post" action="/admin/citizens/export">
        <Hidden fields={props.fields} csrf={props.csrf} />
        <button type="submit">Tải toàn bộ dữ liệu (JSON)</button>
      </form>
      <h3>Xoá dữ liệu theo yêu cầu</h3>
      <form method="post" action="/admin/citizens/erase">
        <Hidden fields={props.fields} csrf={props.csrf} />
        {props.error && <Problem message={props.error} />}
        <p>
          <input type="checkbox" id="f-confirm" name="confirm" value="yes" required aria-describedby="f-confirm-hint" />{' '}
          <label for="f-confirm" class="inline">
            Tôi xác nhận xoá vĩnh viễn mọi dữ liệu trên của người này
          </label>
          <span class="hint" id="f-confirm-hint">
            Không khôi phục được. Nhật ký ghi người thực hiện, thời điểm và số lượng đã xoá, không ghi nội dung.
          </span>
        </p>
        <button type="submit" class="danger">
          Xoá toàn bộ dữ liệu
        </button>
      </form>
    </section>
  );
}

async function citizensPage(c: Context, svc: PersonalDataService, w: Workspace, shown: { found?: CitizenSummary; fields?: Fields; error?: string; eraseError?: string; status?: number } = {}) {
  const staff = c.get('staff');
  const audit = w.ctx.stores().audit;
  const [purge] = await audit.list({ action: 'retention.purge', limit: 1 });
  const erasedRef = c.req.query('done') === 'erased' ? c.req.query('ref') : undefined;
  const erased: AuditRecord | undefined = erasedRef ? (await audit.list({ action: 'citizen.erase', target: erasedRef, limit: 1 }))[0] : undefined;
  const fields = shown.fields ?? { kind: 'conversation', id: '', request: '' };
  return renderPage(
    c,
    { title: 'Dữ liệu người dân', staff, section: '/admin/citizens', status: (shown.status ?? 200) as 200, css: 'label.inline{display:inline;font-weight:600;margin:0}input[type=checkbox]{width:24px;height:24px;vertical-align:middle}' },
    <>
      <h1>Dữ liệu người dân</h1>
      <p>
        Khi người dân yêu cầu xem hoặc xoá dữ liệu của mình (Luật Bảo vệ dữ liệu cá nhân 2025), tìm theo mã cuộc trò chuyện (conversationId, do trình duyệt của người dân
        giữ trong phiên dùng tiện ích hỏi đáp) hoặc mã người dùng Zalo, Messenger của họ. Mỗi lần tải hay xoá được ghi vào nhật ký (người thực hiện, số lượng; không ghi nội
        dung, không ghi mã).
      </p>
      {erased && (
        <p class="notice" role="status">
          Đã xoá dữ liệu (mã tra cứu {erased.target}): {counts(erased.after)}.
        </p>
      )}
      <form method="post" action="/admin/citizens" aria-label="Tìm dữ liệu của một người dân">
        <Csrf token={staff.csrf} />
        {shown.error && <Problem message={shown.error} />}
        <div class="row">
          <Select name="kind" label="Loại mã" value={fields.kind} options={KINDS.map((k): [string, string] => [k, KIND_LABELS[k]])} />
          <Field name="id" label="Mã" value={fields.id} required />
        </div>
        <Field name="request" label="Số hồ sơ yêu cầu (không bắt buộc)" hint="Ghi vào nhật ký; không ghi họ tên, số điện thoại." value={fields.request} />
        <button type="submit">Tìm</button>
      </form>
      {shown.found && shown.fields && <Found found={shown.found} fields={shown.fields} csrf={staff.csrf} error={shown.eraseError} />}
      <h2>Thời hạn lưu giữ</h2>
      <p>
        Câu hỏi, câu trả lời, đánh giá, tin nhắn của cán bộ và sự kiện Zalo, Messenger cũ hơn thời hạn lưu giữ (RETENTION_DAYS) được xoá tự động mỗi ngày; nhật ký chỉ ghi số
        lượng.
      </p>
      {purge ? (
        <p>
          Lần xoá gần nhất: {formatTime(purge.at)}, dữ liệu trước {formatTime((purge.after as { cutoff?: string } | null)?.cutoff)} (lưu giữ {(purge.after as { retentionDays?: number } | null)?.retentionDays} ngày):{' '}
          {counts(purge.after) || 'không có gì'}.
        </p>
      ) : (
        <p>Chưa có lần xoá nào.</p>
      )}
    </>,
  );
}

/** A problem with the form (a missing id, nothing stored): the page again, with the problem said. */
function known(error: unknown): AppError | null {
  return error instanceof AppError && (error.code === 'invalid_request' || error.code === 'not_found') ? error : null;
}

export function registerPersonalDataRoutes(app: Hono, w: Workspace): void {
  const svc = createPersonalDataService(w.ctx);
  app.get('/admin/citizens', w.staff('personal-data'), (c) => citizensPage(c, svc, w));
  app.post('/admin/citizens', limitForm, w.staff('personal-data'), async (c) => {
    const raw = await formFields(c);
    try {
      const form = parseWith(citizenFormSchema, raw);
      return citizensPage(c, svc, w, { found: await svc.lookup(form.key), fields: form.fields });
    } catch (error) {
      const problem = known(error);
      if (!problem) throw error;
      return citizensPage(c, svc, w, { error: problem.message, fields: { kind: raw.kind ?? 'conversation', id: raw.id ?? '', request: raw.request ?? '' }, status: problem.status });
    }
  });
  app.post('/admin/citizens/export', limitForm, w.staff('personal-data'), async (c) => {
    const form = parseWith(citizenFormSchema, await formFields(c));
    const data = await svc.exportData(c.get('staff'), form.key, form.request);
    c.header('Content-Disposition', `attachment; filename="du-lieu-nguoi-dan-${data.reference.slice(7)}.json"`);
    c.header('Cache-Control', 'no-store');
    return c.body(JSON.stringify(data, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.post('/admin/citizens/erase', limitForm, w.staff('personal-data'), async (c) => {
    const form = parseWith(citizenFormSchema, await formFields(c));
    if (!form.confirmed) {
      return citizensPage(c, svc, w, { found: await svc.lookup(form.key), fields: form.fields, eraseError: 'Hãy đánh dấu ô xác nhận trước khi xoá.', status: 400 });
    }
    const { reference } = await svc.erase(c.get('staff'), form.key, form.request);
    return c.redirect(`/admin/citizens?done=erased&ref=${encodeURIComponent(reference)}`, 303);
  });
  app.post('/api/admin/citizens/export', limitForm, w.staff('personal-data'), async (c) => {
    const body = await jsonBody(c, citizenRequestSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await svc.exportData(c.get('staff'), body.key, body.request));
  });
  app.post('/api/admin/citizens/erase', limitForm, w.staff('personal-data'), async (c) => {
    const body = await jsonBody(c, citizenRequestSchema);
    return c.json(await svc.erase(c.get('staff'), body.key, body.request));
  });
}
