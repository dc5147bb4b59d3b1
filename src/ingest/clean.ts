/**
 * @module
 * Cleans text extracted from PDF into logical blocks (headings, bullets, paragraphs).
 *
 * Extracted text breaks lines where the page did, not where sentences end. Traps seen in
 * the Điện Biên plan, each handled here rather than by editing the source:
 * - every line is followed by a blank line, so single blank lines do not mark paragraphs;
 * - a lone page number ("9") sits mid-sentence;
 * - document numbers break as "57-" / "NQ/TW": a line-end hyphen glued to a word is part
 *   of the token and the lines join without a space;
 * - the closing formula ("Trên đây là …") and the signature block are not content; the
 *   distribution list ("Nơi nhận:") becomes a section of its own.
 */

export type BlockKind = 'heading' | 'bullet' | 'paragraph';

export interface Block {
  kind: BlockKind;
  text: string;
  /** 1 for I./Chương, 2 for 1./Điều, 3 for 1.1., … (headings only). */
  level: number;
  /** 1-based line in the source file where the block starts. */
  line: number;
}

interface Line {
  text: string;
  line: number;
  /** A paragraph break precedes this line. */
  breakBefore: boolean;
}

const PAGE_NUMBER = /^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*-)?\s*$/i;
const ROMAN_HEADING = /^([IVXL]{1,5})\.\s+\S/;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.\s+\S/;
const LEGAL_HEADING = /^(Chương|Mục|Điều)\s+[\dIVXL]+\b/;
const BULLET = /^[-–•+*]\s*\S/;
const POINT = /^[a-zđ]\)\s+\S/;
const END_OF_SENTENCE = /[.:;!?…]["”»)]?$/;
const RECIPIENTS_HEADING = 'Nơi nhận';
// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH": the signature block ends the document.
const SIGNATURE = /^(TM|KT|TL|TUQ|Q)\.\s|^[\p{Lu}\s.]{6,}$/u;

function normalizeCharacters(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[“”„‟«»]/g, '"')
    .replace(/[‘’‚‛]/g, "'");
}

/** Lines with page numbers, running headers and the closing block removed, paragraph breaks marked. */
function significantLines(raw: string): Line[] {
  const lines = normalizeCharacters(raw).split('\n').map((l) => l.trimEnd());
  const nonEmpty = lines.filter((l) => l.trim() !== '').length;
  let followedByBlank = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]?.trim() !== '' && lines[i + 1]?.trim() === '') followedByBlank++;
  }
  // In double-spaced extractions a single blank line is layout; it takes a longer run to mark a paragraph.
  const blankRunForBreak = nonEmpty > 0 && followedByBlank / nonEmpty > 0.8 ? 3 : 1;

  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.trim();
    if (t.length > 0 && t.length < 60) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const isRunningHeader = (t: string) =>
    (counts.get(t) ?? 0) >= 3 && !BULLET.test(t) && !NUMBERED.test(t) && !/[.;:]$/.test(t);

  const out: Line[] = [];
  let blankRun = 0;
  let pageBreak = false;
  let part: 'body' | 'closing' | 'recipients' = 'body';
  for (let i = 0; i < lines.length; i++) {
    let text = (lines[i] ?? '').trim();
    if (text === '') {
      blankRun++;
      continue;
    }
    if (PAGE_NUMBER.test(text) || isRunningHeader(text)) {
      pageBreak = true;
      continue;
    }
    if (/^Trên đây là/i.test(text)) part = 'closing';
    if (/^Nơi nhận\s*:/i.test(text)) {
      part = 'recipients';
      text = RECIPIENTS_HEADING;
    } else if (part === 'recipients' && SIGNATURE.test(text)) {
      break;
    }
    if (part === 'closing') continue;
    out.push({ text, line: i + 1, breakBefore: !pageBreak && blankRun >= blankRunForBreak });
    blankRun = 0;
    pageBreak = false;
  }
  return out;
}

function startsBlock(text: string): boolean {
  return text === RECIPIENTS_HEADING || ROMAN_HEADING.test(text) || NUMBERED.test(text) || LEGAL_HEADING.test(text) || BULLET.test(text) || POINT.test(text);
}

function isHeadingLine(text: string): boolean {
  const words = text.split(/\s+/).length;
  return (ROMAN_HEADING.test(text) || NUMBERED.test(text) || LEGAL_HEADING.test(text)) && words <= 14 && !/[.;,]$/.test(text);
}

function join(previous: string, next: string): string {
  // "57-" + "NQ/TW": the hyphen belongs to the document number.
  if (/[\p{L}\p{N}]-$/u.test(previous)) return previous + next;
  return `${previous} ${next}`;
}

/** Sentence case for all-caps headings: "V. TỔ CHỨC THỰC HIỆN" → "V. Tổ chức thực hiện". */
function headingCase(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3 || letters !== letters.toUpperCase()) return text;
  const match = /^((?:[IVXL]+|\d+(?:\.\d+)*)\.\s+)(\S.*|)$/u.exec(text);
  const label = match?.[1] ?? '';
  const rest = (match?.[2] ?? text).toLowerCase();
  return label + rest.charAt(0).toUpperCase() + rest.slice(1);
}

function classify(text: string, line: number): Block {
  const trimmedText = text.replace(/\s+/g, ' ').trim();
  if (trimmedText === RECIPIENTS_HEADING) return { kind: 'heading', level: 1, text: trimmedText, line };
  const words = trimmedText.split(' ').length;
  const shortTitle = words <= 14 && !/[.;,]$/.test(trimmedText);
  if (ROMAN_HEADING.test(trimmedText) && shortTitle) {
    return { kind: 'heading', level: 1, text: headingCase(trimmedText.replace(/:$/, '')), line };
  }
  if (LEGAL_HEADING.test(trimmedText) && words <= 30) {
    const level = trimmedText.startsWith('Chương') ? 1 : trimmedText.startsWith('Mục') ? 2 : 3;
    return { kind: 'heading', level, text: trimmedText.replace(/:$/, ''), line };
  }
  const numbered = NUMBERED.exec(trimmedText);
  if (numbered && shortTitle) {
    const depth = (numbered[1] ?? '').split('.').length;
    return { kind: 'heading', level: 1 + depth, text: headingCase(trimmedText.replace(/:$/, '')), line };
  }
  if (BULLET.test(trimmedText)) {
    return { kind: 'bullet', level: 0, text: `- ${trimmedText.replace(/^[-–•+*]\s*/, '')}`, line };
  }
  return { kind: 'paragraph', level: 0, text: trimmedText, line };
}

/** Cleans PDF-extracted plain text into blocks in reading order. */
export function cleanExtractedText(raw: string): Block[] {
  const blocks: Block[] = [];
  let current: { text: string; line: number } | null = null;
  const flush = () => {
    if (current) blocks.push(classify(current.text, current.line));
    current = null;
  };
  let currentLines = 0;
  for (const { text, line, breakBefore } of significantLines(raw)) {
    const startsUpper = /^["'(]?[\p{Lu}\d]/u.test(text);
    const open = current as { text: string } | null;
    // A new sentence after a finished one starts a paragraph, but a bullet runs on until the next marker.
    const newSentence = open !== null && !BULLET.test(open.text) && END_OF_SENTENCE.test(open.text) && startsUpper;
    // A short numbered line followed by a capitalised line is a heading on its own line.
    const afterHeading = open !== null && currentLines === 1 && startsUpper && isHeadingLine(open.text);
    if (current === null || breakBefore || startsBlock(text) || newSentence || afterHeading) {
      flush();
      current = { text, line };
      currentLines = 1;
    } else {
      current.text = join(current.text, text);
      currentLines++;
    }
  }
  flush();
  return blocks;
}
