/**
 * @module
 * Import and export of the FAQ on the pages: download the published FAQ as YAML; upload or
 * paste a YAML file, which is imported whole or not at all (every problem listed with its
 * file and line).
 */
import type { Context, Hono } from 'hono';
import type { IngestIssue } from '../../ingest/types.ts';
import { formFields, limitImport } from '../http.ts';
import { Csrf, Field, Problem } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import type { Workspace } from '../workspace.ts';

function importPage(c: Context, result?: { problems?: IngestIssue[]; summary?: { created: string[]; updated: string[]; unchanged: number } }) {
  const staff = c.get('staff');
  const problems = result?.problems ?? [];
  return renderPage(
    c,
    { title: 'Nhập FAQ từ YAML', staff, section: '/admin/faq', status: problems.length > 0 ? 400 : 200 },
    <>
      <p>
        <a href="/admin/faq">← Danh sách FAQ</a>
      </p>
      <h1>Nhập FAQ từ YAML</h1>
      {result?.summary && (
        <p class="notice" role="status">
          Đã nhập: {result.summary.created.length} mục mới, {result.summary.updated.length} mục cập nhật, {result.summary.unchanged} mục không đổi. Các mục nhập vào được xuất bản ngay.
        </p>
      )}
      {problems.length > 0 && (
        <Problem message={`Tệp có ${problems.length} lỗi; chưa nhập mục nào. Sửa rồi nhập lại cả tệp.`}>
          <ul>
            {problems.map((p) => (
              <li>
                {p.file}, dòng {p.line ?? '?'}: {p.message}
              </li>
            ))}
          </ul>
        </Problem>
      )}
      <p>
        Tệp có dạng như <code>corpus/faq/faq.yaml</code> (đã qua xem xét trong kho mã): các mục được xuất bản ngay, mục trùng mã được cập nhật thành phiên bản mới, mục không có trong tệp giữ nguyên. Tệp có bất kỳ lỗi nào (thiếu trường, trùng mã, nguồn không có trong kho văn bản) thì không mục nào được nhập.
      </p>
      <form method="post" action="/admin/faq/import" enctype="multipart/form-data">
        <Csrf token={staff.csrf} />
        <label for="f-file">
          Tệp YAML<span class="hint">Hoặc dán nội dung vào ô bên dưới.</span>
        </label>
        <input id="f-file" type="file" name="file" accept=".yaml,.yml,text/yaml" />
        <Field name="yaml" label="Nội dung YAML" multiline rows={8} />
        <button type="submit">Nhập</button>
      </form>
    </>,
  );
}

export function registerFaqImportPages(app: Hono, w: Workspace): void {
  app.get('/admin/faq/export', w.staff('read'), async (c) =>
    c.body(await w.faq.exportYaml(), 200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Content-Disposition': 'attachment; filename="faq.yaml"', 'Cache-Control': 'no-store' }),
  );
  app.get('/admin/faq/import', w.staff('faq:import'), (c) => importPage(c));
  app.post('/admin/faq/import', limitImport, w.staff('faq:import'), async (c) => {
    const body = await c.req.parseBody();
    const upload = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const text = upload ? await upload.text() : ((await formFields(c)).yaml ?? '');
    if (!text.trim()) return importPage(c, { problems: [{ file: '(biểu mẫu)', line: null, message: 'chưa chọn tệp hoặc dán nội dung' }] });
    const result = await w.faq.importYaml(c.get('staff').actor, [{ file: upload?.name || 'faq.yaml', text }]);
    if (!result.ok) return importPage(c, { problems: result.problems });
    return importPage(c, { summary: result });
  });
}
