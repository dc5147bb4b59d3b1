/**
 * @module
 * Form pieces for the staff pages: labelled fields with hints and errors tied to them
 * (aria-describedby, aria-invalid), the CSRF field every form carries, and flash notices.
 */
import type { Child } from 'hono/jsx';

export function Csrf(props: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

/** A field's label with its hint, which the field names in aria-describedby (`<id>-hint`). */
function FieldLabel(p: { id: string; label: string; hint?: string }) {
  return (
    <label for={p.id}>
      {p.label}
      {p.hint && (
        <span class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      )}
    </label>
  );
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | null;
  hint?: string;
  error?: string | null;
  type?: 'text' | 'password' | 'search' | 'date' | 'number';
  required?: boolean;
  autocomplete?: string;
  readonly?: boolean;
  rows?: number;
  multiline?: boolean;
}

export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: p.name, 'aria-describedby': described, 'aria-invalid': p.error ? 'true' : undefined, required: p.required, readonly: p.readonly };
  return (
    <div>
      <FieldLabel id={id} label={p.label} hint={p.hint} />
      {p.error && (
        <span class="field-error" id={`${id}-error`}>
          {p.error}
        </span>
      )}
      {p.multiline ? <textarea {...common} rows={p.rows ?? 5}>{p.value ?? ''}</textarea> : <input {...common} type={p.type ?? 'text'} value={p.value ?? ''} autocomplete={p.autocomplete} />}
    </div>
  );
}

export function Select(p: { name: string; label: string; value?: string | null; options: Array<[string, string]>; hint?: string }) {
  const id = `f-${p.name}`;
  return (
    <div>
      <FieldLabel id={id} label={p.label} hint={p.hint} />
      <select id={id} name={p.name} aria-describedby={p.hint ? `${id}-hint` : undefined}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={value === (p.value ?? '')}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filters over a list: a GET form whose fields sit in one row with its button. */
export function FilterForm(props: { action: string; label: string; children?: Child }) {
  return (
    <form method="get" action={props.action} role="search" aria-label={props.label}>
      <div class="row">
        {props.children}
        <div class="narrow">
          <button type="submit">Lọc</button>
        </div>
      </div>
    </form>
  );
}

/** A problem with what was sent, announced when the page loads. */
export function Problem(props: { message?: string | null; children?: Child }) {
  if (!props.message && !props.children) return null;
  return (
    <div class="error" role="alert">
      <p>
        <strong>Chưa lưu được.</strong> {props.message}
      </p>
      {props.children}
    </div>
  );
}

const FLASH: Record<string, string> = {
  saved: 'Đã lưu.',
  created: 'Đã tạo.',
  submit: 'Đã gửi duyệt.',
  publish: 'Đã duyệt và xuất bản: câu trả lời có hiệu lực ngay.',
  return: 'Đã trả lại để sửa.',
  archive: 'Đã lưu trữ: mục không còn được dùng để trả lời.',
  restore: 'Đã khôi phục thành bản nháp.',
  answered: 'Đã gửi câu trả lời tới người dân trong nhóm.',
  resolved: 'Đã cập nhật trạng thái nhóm.',
  split: 'Đã tách câu hỏi thành nhóm riêng.',
  imported: 'Đã nhập FAQ.',
  revoked: 'Đã thu hồi mã truy cập.',
  password: 'Đã đổi mật khẩu. Hãy đăng nhập lại.',
};

export function Flash(props: { code: string | undefined }) {
  const text = props.code ? FLASH[props.code] : undefined;
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Vietnam time (UTC+7, no daylight saving), as staff read it.
  const local = new Date(d.getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
