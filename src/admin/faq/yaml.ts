/**
 * @module
 * The FAQ to and from the YAML of `corpus/faq/`, so it can stay under version control. An
 * import is checked whole before anything is applied: a YAML error, a missing or invalid
 * field, an id used twice (in one file or across files) or a source the corpus does not
 * hold is reported with its file and line, and then nothing is imported.
 */
import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { ReadyEngine } from '../../app.ts';
import type { IngestIssue } from '../../ingest/types.ts';
import type { AuditRecord } from '../../store/audit/types.ts';
import type { FaqContent, FaqRecord, FaqWrite } from '../../store/faq/types.ts';
import { auditRecord } from '../context.ts';
import { addDays } from '../reports/period.ts';
import { faqAuditContent } from './audit.ts';
import { faqContentSchema, faqIdSchema, isoDate } from './schemas.ts';
import { checkSource } from './sources.ts';

export interface FaqFile {
  file: string;
  text: string;
}

export interface ImportedEntry {
  id: string;
  content: FaqContent;
  /** When it was last reviewed (the YAML's `reviewed`): its approval date once imported. */
  reviewed: string;
  file: string;
  line: number;
}

/** `reviewed` may be written as a YAML date; the corpus schema turns it into text too. */
function dateText(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function parseEntry(raw: Record<string, unknown>, reviewDays: number): { id: string; content: FaqContent; reviewed: string } | { problem: string } {
  for (const field of ['id', 'question', 'answer', 'document', 'agency', 'reviewed']) {
    if (raw[field] === undefined || raw[field] === null || raw[field] === '') return { problem: `thiếu trường "${field}"` };
  }
  const id = faqIdSchema.safeParse(raw.id);
  if (!id.success) return { problem: `id: ${id.error.issues[0]?.message}` };
  const reviewed = isoDate.safeParse(dateText(raw.reviewed));
  if (!reviewed.success) return { problem: `reviewed: ${reviewed.error.issues[0]?.message}` };
  const reviewBy = dateText(raw.reviewBy) ?? addDays(reviewed.data, reviewDays);
  const content = faqContentSchema.safeParse({ ...raw, reviewBy, alternatives: raw.alternatives ?? [] });
  if (!content.success) {
    const issue = content.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'mục'}: ${issue?.message ?? 'không hợp lệ'}` };
  }
  return { id: id.data, content: content.data, reviewed: reviewed.data };
}

/** Every entry of the files, or every problem with its file and line. */
export function parseFaqFiles(files: FaqFile[], engine: ReadyEngine, reviewDays: number): { entries: ImportedEntry[]; problems: IngestIssue[] } {
  const entries: ImportedEntry[] = [];
  const problems: IngestIssue[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    const lines = new LineCounter();
    const doc = parseDocument(text.normalize('NFC'), { lineCounter: lines, prettyErrors: false });
    for (const error of doc.errors) problems.push({ file, line: lines.linePos(error.pos[0]).line, message: `YAML: ${error.message.split('\n')[0]}` });
    if (doc.errors.length > 0) continue;
    if (!isSeq(doc.contents)) {
      problems.push({ file, line: 1, message: 'tệp FAQ phải là một danh sách YAML các mục' });
      continue;
    }
    for (const item of doc.contents.items) {
      const line = isMap(item) && item.range ? lines.linePos(item.range[0]).line : 1;
      if (!isMap(item)) {
        problems.push({ file, line, message: 'mỗi mục phải là một bảng (id, question, answer…)' });
        continue;
      }
      const parsed = parseEntry(item.toJSON() as Record<string, unknown>, reviewDays);
      if ('problem' in parsed) {
        problems.push({ file, line, message: parsed.problem });
        continue;
      }
      const first = seen.get(parsed.id);
      if (first) problems.push({ file, line, message: `trùng id "${parsed.id}" (đã có ở ${first})` });
      seen.set(parsed.id, first ?? `${file}:${line}`);
      const checked = checkSource(engine, parsed.id, parsed.content, parsed.reviewed);
      if ('problem' in checked) problems.push({ file, line, message: checked.problem });
      if (!first && !('problem' in checked)) entries.push({ ...parsed, file, line });
    }
  }
  return { entries, problems };
}

function sameContent(a: FaqContent, b: FaqContent): boolean {
  return JSON.stringify([a.question, a.alternatives, a.answer, a.document, a.section, a.agency, a.reviewBy]) === JSON.stringify([b.question, b.alternatives, b.answer, b.document, b.section, b.agency, b.reviewBy]);
}

/** The writes that make the imported entries the published ones (new entries, new versions), with one audit record each. */
export function importPlan(entries: ImportedEntry[], existing: Map<string, FaqRecord>, actor: string, ctx: { now(): Date; newId(): string }) {
  const at = ctx.now().toISOString();
  const writes: FaqWrite[] = [];
  const audit: AuditRecord[] = [];
  const summary = { created: [] as string[], updated: [] as string[], unchanged: 0 };
  for (const e of entries) {
    const known = existing.get(e.id);
    if (known?.status === 'published' && known.published && sameContent(known.published, e.content) && known.reviewedOn === e.reviewed) {
      summary.unchanged++;
      continue;
    }
    (known ? summary.updated : summary.created).push(e.id);
    const note = `nhập từ ${e.file}:${e.line}`;
    writes.push({ id: e.id, expectedVersion: known?.current.version ?? null, status: 'published', content: { ...e.content, author: actor, note }, publish: { reviewedOn: e.reviewed }, submittedBy: null, at });
    audit.push(auditRecord(ctx, actor, 'faq.import', e.id, known?.published ? faqAuditContent(known.published) : null, { ...faqAuditContent(e.content), reviewed: e.reviewed }));
  }
  return { writes, audit, summary };
}

/** The published FAQ as `corpus/faq/` holds it (plus `reviewBy`), in its order. */
export function exportFaqYaml(published: Array<FaqContent & { id: string; reviewedOn: string }>, at: Date): string {
  const header = [
    '# Bộ câu hỏi thường gặp (FAQ) đã xuất bản, xuất từ khu vực cán bộ của Hỏi đáp NQ57',
    `# lúc ${at.toISOString()}. Nhập lại: npm run faq -- import --file <tệp> (hoặc trang /admin/faq/import).`,
    '# Mỗi mục liên kết tới một đoạn trong kho văn bản (document + section = đường dẫn đề mục).',
    '',
  ].join('\n');
  const list = published.map((e) => ({
    id: e.id,
    question: e.question,
    alternatives: e.alternatives,
    answer: e.answer,
    document: e.document,
    section: e.section,
    agency: e.agency,
    reviewed: e.reviewedOn,
    reviewBy: e.reviewBy,
  }));
  return `${header}\n${list.length === 0 ? '[]\n' : stringify(list, { lineWidth: 100 }).replace(/\n- id:/g, '\n\n- id:')}`;
}
