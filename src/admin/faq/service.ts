/**
 * @module
 * FAQ curation: list and search, create and edit drafts, move entries through the
 * lifecycle, import and export YAML. Each change is one transaction with its audit record
 * (ids and a digest of the content, not its text: audit.ts); a change to what is published
 * reaches answers at once (live.ts).
 */
import { AppError } from '../../errors.ts';
import { foldDiacritics, normalizeVietnamese } from '../../text/index.ts';
import { contentOf } from '../../store/faq/rows.ts';
import { FaqConflictError, type FaqContent, type FaqRecord, type FaqStatus } from '../../store/faq/types.ts';
import type { StaffPrincipal } from '../auth/authenticate.ts';
import { can } from '../auth/roles.ts';
import { auditRecord, type WorkspaceContext } from '../context.ts';
import { faqAuditContent } from './audit.ts';
import { refusal, statusAfterEdit, TRANSITIONS } from './lifecycle.ts';
import { applyPublishedFaq } from './live.ts';
import type { CreateFaqInput, TransitionInput, UpdateFaqInput } from './schemas.ts';
import { addDays } from '../reports/period.ts';
import { checkSource } from './sources.ts';
import { exportFaqYaml, importPlan, parseFaqFiles, type FaqFile } from './yaml.ts';

export interface FaqFilter {
  status?: FaqStatus | 'due';
  q?: string;
  agency?: string;
}

const fold = (text: string) => foldDiacritics(normalizeVietnamese(text));

/** A version conflict as the 409 staff see. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FaqConflictError) throw new AppError('conflict', 'Mục này vừa được người khác thay đổi (hoặc mã mục đã có). Hãy tải lại trang rồi làm lại.', undefined, { cause: error });
    throw error;
  }
}

export function createFaqService(ctx: WorkspaceContext, settings: () => Promise<{ reviewDays: number }>) {
  const faq = () => ctx.stores().faq;
  const today = () => ctx.now().toISOString().slice(0, 10);
  const republish = () => applyPublishedFaq(ctx.engine(), faq(), ctx.logger);

  const requireSource = (id: string, content: FaqContent) => {
    const checked = checkSource(ctx.engine(), id, content, today());
    if ('problem' in checked) throw new AppError('invalid_request', checked.problem);
  };

  function filterEntries(entries: FaqRecord[], filter: FaqFilter): FaqRecord[] {
    const words = fold(filter.q ?? '').split(/\s+/).filter(Boolean);
    const day = today();
    return entries.filter((e) => {
      if (filter.status === 'due') {
        if (e.status === 'archived' || e.current.reviewBy > day) return false;
      } else if (filter.status && e.status !== filter.status) return false;
      if (filter.agency && e.current.agency !== filter.agency) return false;
      if (words.length === 0) return true;
      const haystack = fold([e.id, e.current.question, ...e.current.alternatives, e.current.answer].join(' '));
      return words.every((w) => haystack.includes(w));
    });
  }

  async function get(id: string): Promise<FaqRecord> {
    const entry = await faq().get(id);
    if (!entry) throw new AppError('not_found', `Không có mục FAQ "${id}".`);
    return entry;
  }

  return {
    get,
    history: (id: string) => faq().history(id),

    /** The review-by date a new entry is offered: today plus the setting's days. */
    async defaultReviewBy(): Promise<string> {
      return addDays(today(), (await settings()).reviewDays);
    },

    /** Entries by state, owning agency, review date due, and words of any phrasing (with or without tone marks). */
    async list(filter: FaqFilter): Promise<FaqRecord[]> {
      return filterEntries(await faq().list(filter.status === 'due' ? undefined : filter.status), filter);
    },

    /** Entries already read (all of them), narrowed as `list` would. */
    filter: filterEntries,

    async create(actor: StaffPrincipal, input: CreateFaqInput): Promise<FaqRecord> {
      if (await faq().get(input.id)) throw new AppError('conflict', `Mã mục "${input.id}" đã có. Chọn một mã khác.`);
      const content = contentOf(input);
      requireSource(input.id, content);
      const at = ctx.now().toISOString();
      await guarded(() =>
        faq().save(
          [{ id: input.id, expectedVersion: null, status: 'draft', content: { ...content, author: actor.user.username, note: input.note ?? null }, at }],
          [auditRecord(ctx, actor.actor, 'faq.create', input.id, null, { status: 'draft', version: 1, ...faqAuditContent(content) })],
        ),
      );
      return get(input.id);
    },

    async update(actor: StaffPrincipal, id: string, input: UpdateFaqInput): Promise<FaqRecord> {
      const entry = await get(id);
      const status = statusAfterEdit(entry);
      if (!status) throw new AppError('conflict', 'Mục đã lưu trữ: hãy khôi phục thành bản nháp trước khi sửa.');
      const content = contentOf(input);
      requireSource(id, content);
      await guarded(() =>
        faq().save(
          [{ id, expectedVersion: input.version, status, content: { ...content, author: actor.user.username, note: input.note ?? null }, submittedBy: null, at: ctx.now().toISOString() }],
          [auditRecord(ctx, actor.actor, 'faq.update', id, { status: entry.status, version: entry.current.version, ...faqAuditContent(contentOf(entry.current)) }, { status, version: entry.current.version + 1, ...faqAuditContent(content) })],
        ),
      );
      return get(id);
    },

    async transition(actor: StaffPrincipal, id: string, input: TransitionInput): Promise<FaqRecord> {
      const entry = await get(id);
      const t = TRANSITIONS[input.action];
      if (!can(actor.user.role, t.permission)) throw new AppError('forbidden', 'Vai trò của bạn không được làm việc này.');
      const refused = refusal(input.action, entry, actor.user.username);
      if (refused) throw new AppError(refused.code, refused.message);
      if (input.action === 'publish') requireSource(id, entry.current);
      const wasServed = entry.published !== null;
      await guarded(() =>
        faq().save(
          [
            {
              id,
              expectedVersion: input.version,
              status: t.to,
              publish: input.action === 'publish' ? {} : undefined,
              unpublish: input.action === 'archive',
              submittedBy: input.action === 'submit' ? actor.user.username : input.action === 'publish' ? entry.submittedBy : null,
              at: ctx.now().toISOString(),
            },
          ],
          [auditRecord(ctx, actor.actor, `faq.${input.action}`, id, { status: entry.status, version: entry.current.version }, { status: t.to, version: entry.current.version, note: input.note ?? null })],
        ),
      );
      if (input.action === 'publish' || (input.action === 'archive' && wasServed)) await republish();
      return get(id);
    },

    async exportYaml(): Promise<string> {
      return exportFaqYaml(await faq().published(), ctx.now());
    },

    /** Imports YAML files whole, or reports every problem with its file and line and changes nothing. */
    async importYaml(actor: string, files: FaqFile[]) {
      const parsed = parseFaqFiles(files, ctx.engine(), (await settings()).reviewDays);
      if (parsed.problems.length > 0) return { ok: false as const, problems: parsed.problems };
      const existing = new Map((await faq().list()).map((e) => [e.id, e]));
      const plan = importPlan(parsed.entries, existing, actor, ctx);
      await guarded(() => faq().save(plan.writes, [...plan.audit, auditRecord(ctx, actor, 'faq.import', null, null, { files: files.map((f) => f.file), ...plan.summary })]));
      if (plan.writes.length > 0) await republish();
      return { ok: true as const, ...plan.summary };
    },
  };
}

export type FaqService = ReturnType<typeof createFaqService>;
