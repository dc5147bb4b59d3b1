/**
 * @module
 * Parses the curated FAQ (YAML). Each entry is validated on its own: a malformed entry is
 * reported with its file and line and left out, the others are kept.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { faqEntrySchema, type IngestIssue } from './types.ts';
import type { z } from 'zod';

export interface ParsedFaqEntry {
  entry: z.infer<typeof faqEntrySchema>;
  line: number;
}

export function parseFaq(file: string, source: string): { entries: ParsedFaqEntry[]; issues: IngestIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.normalize('NFC'), { lineCounter, prettyErrors: false });
  const issues: IngestIssue[] = [];
  for (const error of doc.errors) {
    issues.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (doc.errors.length > 0) return { entries: [], issues };
  if (!isSeq(doc.contents)) {
    issues.push({ file, line: 1, message: 'the FAQ file must be a YAML list of entries' });
    return { entries: [], issues };
  }
  const entries: ParsedFaqEntry[] = [];
  const ids = new Set<string>();
  for (const item of doc.contents.items) {
    const line = isMap(item) && item.range ? lineCounter.linePos(item.range[0]).line : 0;
    const parsed = faqEntrySchema.safeParse(isMap(item) ? item.toJSON() : item);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({ file, line, message: `FAQ entry: ${first?.path.join('.') || 'entry'}: ${first?.message ?? 'invalid'}` });
      continue;
    }
    if (ids.has(parsed.data.id)) {
      issues.push({ file, line, message: `FAQ entry: duplicate id "${parsed.data.id}"` });
      continue;
    }
    ids.add(parsed.data.id);
    entries.push({ entry: parsed.data, line });
  }
  return { entries, issues };
}
