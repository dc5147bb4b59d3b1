/**
 * @module
 * Metadata for a PDF or DOCX dropped in without a `.meta.yaml`: the title and type are read
 * from the document itself, where Vietnamese administrative documents print them (the
 * "KẾ HOẠCH" line and the subject under it). Number, date, issuer and signer stay unknown
 * (null): they are never guessed. All-capitals titles and DOCX headings are put in
 * sentence case here, as the text cleaner does for headings.
 */
import { looseForm } from '../text/index.ts';
import type { Block } from './clean.ts';
import type { CorpusFile } from './corpus.ts';

const DOCUMENT_TYPES = ['Kế hoạch', 'Quyết định', 'Nghị quyết', 'Công văn', 'Thông báo', 'Chỉ thị', 'Hướng dẫn', 'Báo cáo'];
const DEFAULT_TYPE = 'Văn bản';
const MAX_TITLE_WORDS = 60;
const FALLBACK_TITLE_WORDS = 20;
/** Lines that start the body, never part of the title: outline labels, bullets, "Số:", "Căn cứ". */
const NOT_TITLE = /^(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})\.\s|^[-–•+*]\s|^Số\s*:|^Căn cứ\b/;

const isUpperCase = (text: string) => text === text.toUpperCase() && text !== text.toLowerCase();
const wordCount = (text: string) => text.split(' ').length;

/** The document type printed in capitals at the start of the line ("KẾ HOẠCH …"), if any. */
function printedType(line: string): string | undefined {
  return DOCUMENT_TYPES.find((type) => line === type.toUpperCase() || line.startsWith(`${type.toUpperCase()} `));
}

function continuesTitle(parts: string[], line: string): boolean {
  if (NOT_TITLE.test(line) || !/\p{L}/u.test(line) || wordCount([...parts, line].join(' ')) > MAX_TITLE_WORDS) return false;
  // "KẾ HOẠCH" alone on its line: the subject follows on the next.
  if (parts.length === 1 && printedType(parts[0] ?? '')?.toUpperCase() === parts[0]) return true;
  if (/^\p{Ll}/u.test(line)) return true;
  return parts.every(isUpperCase) && isUpperCase(line);
}

/** "V. TỔ CHỨC THỰC HIỆN" → "V. Tổ chức thực hiện", numbers such as "57-NQ/TW" kept; text not all in capitals is left as it is. */
export function sentenceCase(text: string): string {
  if (!isUpperCase(text)) return text;
  const [, label = '', rest = text] = /^((?:[IVXL]+|\d+(?:\.\d+)*)\.\s+)?(\S.*|)$/su.exec(text) ?? [];
  const lower = rest
    .split(' ')
    .map((w) => (/[\d/]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
  return label + lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "KẾ HOẠCH" + "Triển khai …" → "Kế hoạch triển khai …"; an all-capitals title in sentence case. */
function titleCase(parts: string[]): string {
  const joined = parts.join(' ');
  if (isUpperCase(joined)) return sentenceCase(joined);
  const type = printedType(joined) ?? '';
  const subject = joined.slice(type.length).trim();
  const firstWord = subject.split(' ')[0] ?? '';
  const lowered = isUpperCase(firstWord) ? subject : subject.charAt(0).toLowerCase() + subject.slice(1);
  return [type, lowered].filter(Boolean).join(' ');
}

function printedTitle(content: string): string | undefined {
  const lines = content
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s+/, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const start = lines.findIndex((l) => printedType(l) !== undefined);
  if (start < 0) return undefined;
  const parts = [(lines[start] ?? '').replace(/:$/, '')];
  for (const line of lines.slice(start + 1)) {
    if (!continuesTitle(parts, line)) break;
    parts.push(line);
  }
  return titleCase(parts);
}

function typeOf(title: string): string {
  const loose = looseForm(title);
  return DOCUMENT_TYPES.find((type) => loose === looseForm(type) || loose.startsWith(`${looseForm(type)} `)) ?? DEFAULT_TYPE;
}

/** Title and type of an extracted document: its own Title property, else its printed title, else its first heading or words. */
export function deriveMeta(file: CorpusFile, blocks: Block[]): { title: string; type: string } {
  const first = blocks.find((b) => b.kind === 'heading') ?? blocks[0];
  const title =
    file.title ??
    printedTitle(file.content) ??
    first?.text.replace(/^-\s+/, '').split(' ').slice(0, FALLBACK_TITLE_WORDS).join(' ') ??
    file.path;
  return { title, type: typeOf(title) };
}
