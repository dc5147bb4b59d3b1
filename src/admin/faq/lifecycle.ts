/**
 * @module
 * The FAQ lifecycle: draft → in review → published → archived. Editors write and submit;
 * reviewers approve (publish), return with a note, or archive; an archived entry comes
 * back as a draft. Nobody approves a version they wrote or submitted, whatever their role:
 * an editor cannot publish their own entry alone. Editing a published entry starts a new
 * draft while the published version keeps answering.
 */
import type { FaqRecord, FaqStatus } from '../../store/faq/types.ts';
import type { Permission } from '../auth/roles.ts';

export type FaqAction = 'submit' | 'publish' | 'return' | 'archive' | 'restore';
export const FAQ_ACTIONS: readonly FaqAction[] = ['submit', 'publish', 'return', 'archive', 'restore'];

interface Transition {
  from: readonly FaqStatus[];
  to: FaqStatus;
  permission: Permission;
  label: string;
}

export const TRANSITIONS: Record<FaqAction, Transition> = {
  submit: { from: ['draft'], to: 'in_review', permission: 'faq:write', label: 'Gửi duyệt' },
  publish: { from: ['in_review'], to: 'published', permission: 'faq:review', label: 'Duyệt và xuất bản' },
  return: { from: ['in_review'], to: 'draft', permission: 'faq:review', label: 'Trả lại để sửa' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived', permission: 'faq:review', label: 'Lưu trữ (ngừng dùng)' },
  restore: { from: ['archived'], to: 'draft', permission: 'faq:write', label: 'Khôi phục thành bản nháp' },
};

export const STATUS_LABELS: Record<FaqStatus, string> = {
  draft: 'Bản nháp',
  in_review: 'Chờ duyệt',
  published: 'Đã xuất bản',
  archived: 'Đã lưu trữ',
};

/** Why the action cannot be taken on this entry by this person (a state conflict, or four eyes), or null when it can. */
export function refusal(action: FaqAction, entry: FaqRecord, username: string): { code: 'conflict' | 'forbidden'; message: string } | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(entry.status)) {
    return { code: 'conflict', message: `Không thể "${t.label.toLowerCase()}" một mục đang ở trạng thái "${STATUS_LABELS[entry.status].toLowerCase()}".` };
  }
  if (action === 'publish' && (entry.submittedBy === username || entry.current.author === username)) {
    return { code: 'forbidden', message: 'Người viết hoặc người gửi duyệt không tự duyệt được: cần một người duyệt khác.' };
  }
  return null;
}

/** The state an edit leaves the entry in: a published or submitted entry becomes a draft again. */
export function statusAfterEdit(entry: FaqRecord): FaqStatus | null {
  return entry.status === 'archived' ? null : 'draft';
}

/** The actions this role could take now (shown as buttons). */
export function availableActions(entry: FaqRecord, allowed: (p: Permission) => boolean): FaqAction[] {
  return FAQ_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(entry.status) && allowed(TRANSITIONS[a].permission));
}
