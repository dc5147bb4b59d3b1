/**
 * @module
 * An entry's source must exist in the corpus being served: its document, and a section
 * whose path starts with what the entry names (the passage its answer is shown with).
 * Checked when an entry is saved, imported and served; problems are sentences staff can act on.
 */
import type { ReadyEngine } from '../../app.ts';
import { faqEntrySchema, type FaqEntry } from '../../ingest/types.ts';
import type { FaqContent } from '../../store/faq/types.ts';

export function checkSource(engine: ReadyEngine, id: string, content: FaqContent, reviewed: string): { entry: FaqEntry } | { problem: string } {
  if (!engine.documents.has(content.document)) return { problem: `Không có văn bản "${content.document}" trong kho văn bản.` };
  const fields = { id, question: content.question, alternatives: content.alternatives, answer: content.answer, document: content.document, section: content.section, agency: content.agency, reviewed };
  // The corpus's own schema is the last gate: whatever is saved stays readable by ingestion.
  const valid = faqEntrySchema.safeParse(fields);
  if (!valid.success) return { problem: `Mục không hợp lệ: ${valid.error.issues[0]?.path.join('.') ?? ''} ${valid.error.issues[0]?.message ?? ''}`.trim() };
  const linked = engine.linkFaq(valid.data);
  if ('problem' in linked) return { problem: `Văn bản "${content.document}" không có mục bắt đầu bằng "${content.section ?? ''}".` };
  return { entry: linked };
}
