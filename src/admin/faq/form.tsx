/**
 * @module
 * The form of an FAQ entry's content, for a new entry, an edit, or a draft made from a
 * queue group. The source document is a list of the corpus's documents; the section is
 * the start of an outline path, checked when saved.
 */
import type { ReadyEngine } from '../../app.ts';
import type { FaqContent } from '../../store/faq/types.ts';
import { Csrf, Field, Problem, Select } from '../ui/forms.tsx';

export interface FaqFormValues extends Partial<Omit<FaqContent, 'alternatives'>> {
  id?: string;
  alternatives?: string[] | string;
  version?: number;
  note?: string | null;
}

export function FaqForm(props: { action: string; csrf: string | null; values: FaqFormValues; engine: ReadyEngine | null; withId: boolean; error?: string | null; submit: string; readonly?: boolean }) {
  const v = props.values;
  const documents = [...(props.engine?.documents.values() ?? [])].map((d): [string, string] => [d.id, d.shortTitle ?? d.title]);
  if (v.document && !documents.some(([id]) => id === v.document)) documents.unshift([v.document, `${v.document} (không còn trong kho văn bản)`]);
  const alternatives = Array.isArray(v.alternatives) ? v.alternatives.join('\n') : (v.alternatives ?? '');
  const headings = [...new Set([...(props.engine?.outlines.values() ?? [])].flat())];
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrf} />
      <Problem message={props.error} />
      {v.version !== undefined && <input type="hidden" name="version" value={String(v.version)} />}
      {props.withId && <Field name="id" label="Mã mục (id)" value={v.id} hint="Chữ thường không dấu, số, gạch ngang; không đổi được sau khi tạo. Ví dụ: wifi-mien-phi-ban" required />}
      <Field name="question" label="Câu hỏi" value={v.question} required />
      <Field name="alternatives" label="Các cách hỏi khác" value={alternatives} multiline rows={4} hint="Mỗi dòng một cách hỏi; nên có cách viết không dấu và cách nói thường ngày." />
      <Field name="answer" label="Câu trả lời" value={v.answer} multiline rows={5} hint="Tối đa 80 từ, văn bản thuần; người dân đọc trên điện thoại." required />
      <div class="row">
        <Select name="document" label="Văn bản nguồn" value={v.document} options={documents} />
        <div>
          <Field name="section" label="Mục nguồn" value={v.section ?? ''} hint="Đầu đường dẫn đề mục trong văn bản, ví dụ: V. Tổ chức thực hiện. Để trống: phần đầu văn bản." />
        </div>
      </div>
      {headings.length > 0 && (
        <details>
          <summary>Các đề mục lớn trong kho văn bản</summary>
          <ul>
            {headings.slice(0, 60).map((h) => (
              <li>{h}</li>
            ))}
          </ul>
        </details>
      )}
      <div class="row">
        <div>
          <Field name="agency" label="Cơ quan phụ trách" value={v.agency} required />
        </div>
        <div>
          <Field name="reviewBy" label="Hạn rà soát" type="date" value={v.reviewBy} hint="Ngày cần xem lại câu trả lời." required />
        </div>
      </div>
      <Field name="note" label="Ghi chú cho người duyệt (không bắt buộc)" value={v.note ?? ''} />
      {!props.readonly && <button type="submit">{props.submit}</button>}
    </form>
  );
}
