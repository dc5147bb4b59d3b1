/**
 * @module
 * Turns Vietnamese text into index terms: the same function for passages and queries.
 *
 * Two term streams share one index (research: "dual" BM25 keeps unmarked queries at
 * ~99% of accented accuracy at no cost to accented ones):
 * - accented syllables and adjacent-syllable bigrams, as written (after normalisation);
 * - the same streams with diacritics folded, prefixed with "~" so the namespaces never collide.
 * Document numbers ("57-NQ/TW", "NQ 57", "nghị quyết số 57") become one canonical token
 * ("nq57"), dates one "d/m" token, and abbreviations expand to their words.
 */
import { ABBREVIATIONS, FOLDED_STOP_WORDS, QUESTION_PHRASES, STOP_WORDS, SYNONYMS } from './dictionary.ts';
import { hashString } from './hash.ts';
import { foldDiacritics, normalizeVietnamese } from './normalize.ts';

const CODE_VERSION = 3;
// A Map, not the object: "constructor" typed by a citizen must not find Object.prototype.
const ABBREVIATION_MAP = new Map(Object.entries(ABBREVIATIONS));
/** Changes whenever the analysis code or the dictionary changes; recorded in the index manifest. */
export const TEXT_VERSION = `${CODE_VERSION}-${hashString(
  JSON.stringify([ABBREVIATIONS, SYNONYMS, [...STOP_WORDS], [...FOLDED_STOP_WORDS], QUESTION_PHRASES]),
).slice(0, 10)}`;

const DOC_TYPES: Record<string, string> = {
  'nq': 'nq', 'qđ': 'qđ', 'qd': 'qđ', 'kh': 'kh', 'nđ': 'nđ', 'nd': 'nđ', 'tb': 'tb', 'ct': 'ct', 'qđ-ttg': 'qđ',
};
const TYPE_ALT = 'nq|qđ|qd|kh|nđ|nd|tb|ct';
// "57-NQ/TW", "57/NQ-TW", "1169/QĐ-TTg", "01-KH/BCĐTW", "71/NQ-CP"
const NUMBER_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,4})\\s*[-/]\\s*(${TYPE_ALT})(?:\\s*[-/]\\s*[\\p{L}&\\d]+)?(?![\\p{L}\\p{N}])`, 'gu');
// "NQ57", "NQ 57", "QĐ 1169"
const TYPE_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(${TYPE_ALT})\\s*(?:số\\s*|so\\s*)?(\\d{1,4})(?![\\p{N}/])`, 'gu');
// "nghị quyết (số) 57", "quyết định 1169", "kế hoạch 252" (words kept, code added)
const WORDS_FIRST = /(nghị quyết|nghi quyet|quyết định|quyet dinh|kế hoạch|ke hoach|nghị định|nghi dinh)\s+(?:số\s+|so\s+)?(\d{1,4})(?![\p{N}/.,])/gu;
const WORD_TYPES: Record<string, string> = {
  'nghị quyết': 'nq', 'nghi quyet': 'nq', 'quyết định': 'qđ', 'quyet dinh': 'qđ',
  'kế hoạch': 'kh', 'ke hoach': 'kh', 'nghị định': 'nđ', 'nghi dinh': 'nđ',
};
// Dates "10/10", "ngày 10-10", "10.10.2025", "10 tháng 10". A dot or hyphen without a year
// is a decimal ("12.5%"), a range ("5-10 năm") or a section ("mục 2.3"), not a date.
const DATE = /(?<![\p{N}/.,-])(\d{1,2})\s*(?:\/|\s+tháng\s+|\s+thang\s+)(\d{1,2})(?:\s*(?:\/|\s+năm\s+|\s+nam\s+)(\d{4}))?(?![\p{N}])/gu;
const DATE_WITH_YEAR = /(?<![\p{N}/.,-])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\p{N}])/gu;
// "10-10" typed for a date, but not a range followed by its unit ("5-10 năm", "3-5%").
const DATE_DASH = /(?<![\p{N}/.,-])(\d{1,2})-(\d{1,2})(?![\p{N}.,/%-])(?!\s*(?:năm|nam|tháng|thang|ngày|ngay|người|nguoi|lần|lan|giờ|gio|phút|phut|km|triệu|trieu|tỷ|ty|nghìn|nghin)(?![\p{L}]))/gu;
const TOKEN = /\d+(?:[/.,]\d+)+%?|[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)*%?/gu;
const SEGMENT_BREAK = /[.;:!?()[\]{}"“”‘’…\n]+/;

function code(type: string, num: string): string {
  return `${DOC_TYPES[type] ?? type}${String(Number(num))}`;
}

/** Rewrites document numbers and dates into canonical tokens. Input is normalised text. */
export function canonicalize(text: string): string {
  return text
    .replace(NUMBER_FIRST, (_m, num: string, type: string) => ` ${code(type, num)} `)
    .replace(TYPE_FIRST, (_m, type: string, num: string) => ` ${code(type, num)} `)
    .replace(WORDS_FIRST, (m, words: string, num: string) => `${m} ${code(WORD_TYPES[words] ?? 'x', num)} `)
    .replace(DATE_WITH_YEAR, (_m, d: string, mo: string, y: string) => `${d}/${mo}/${y}`)
    .replace(DATE_DASH, (m, d: string, mo: string) => (Number(d) >= 1 && Number(d) <= 31 && Number(mo) >= 1 && Number(mo) <= 12 ? `${d}/${mo}` : m))
    .replace(DATE, (m, d: string, mo: string, y: string | undefined) => {
      const day = Number(d);
      const month = Number(mo);
      if (day < 1 || day > 31 || month < 1 || month > 12) return m;
      return y ? ` ${day}/${month}/${y} ` : ` ${day}/${month} `;
    });
}

function pushToken(tokens: string[], token: string): void {
  const expansion = ABBREVIATION_MAP.get(foldDiacritics(token));
  if (expansion && expansion !== token) tokens.push(...expansion.split(' '));
  else if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(token)) tokens.push(token, token.replace(/\/\d{4}$/, ''), token.slice(-4));
  else tokens.push(token);
}

/** Word-level tokens in reading order, split into segments at punctuation (no bigram crosses one). */
export function tokenizeSegments(rawText: string): string[][] {
  // Upper-case "AI" is read before lower-casing.
  const text = canonicalize(normalizeVietnamese(rawText.replace(/\bAI\b/g, ' trí tuệ nhân tạo ')));
  const segments: string[][] = [];
  for (const part of text.split(SEGMENT_BREAK)) {
    const tokens: string[] = [];
    for (const match of part.matchAll(TOKEN)) {
      const token = match[0].replace(/%$/, '');
      // "59%" is also read as "phần trăm", the way citizens ask ("bao nhiêu phần trăm").
      if (match[0].endsWith('%')) tokens.push(token, 'phần', 'trăm');
      else 
      pushToken(tokens, token);
    }
    if (tokens.length > 0) segments.push(tokens);
  }
  return segments;
}

function isStopWord(token: string): boolean {
  if (STOP_WORDS.has(token)) return true;
  const folded = foldDiacritics(token);
  return folded === token && FOLDED_STOP_WORDS.has(folded);
}

function withSynonyms(tokens: string[]): string[] {
  const joined = ` ${tokens.join(' ')} `;
  const extra: string[] = [];
  for (const group of SYNONYMS) {
    const present = group.some((w) => joined.includes(` ${w} `) || joined.includes(` ${foldDiacritics(w)} `));
    if (!present) continue;
    for (const w of group) if (!joined.includes(` ${w} `)) extra.push(...w.split(' '));
  }
  return extra;
}

export interface Analysis {
  /** All terms, with repetitions (term frequency matters for BM25). */
  terms: string[];
  /** Folded content syllables, the unit for coverage and answer scoring. */
  content: string[];
}

/** Index terms of a text: accented and folded syllables plus bigrams, stop words removed. */
export function analyze(text: string): Analysis {
  const terms: string[] = [];
  const content: string[] = [];
  const segments = tokenizeSegments(text);
  const extra = withSynonyms(segments.flat().filter((t) => !isStopWord(t)));
  if (extra.length > 0) segments.push(extra);
  for (const segment of segments) {
    const kept = segment.filter((t) => !isStopWord(t));
    for (let i = 0; i < kept.length; i++) {
      const token = kept[i] as string;
      const folded = foldDiacritics(token);
      terms.push(token, `~${folded}`);
      content.push(folded);
      const next = kept[i + 1];
      if (next !== undefined) terms.push(`${token} ${next}`, `~${folded} ${foldDiacritics(next)}`);
    }
  }
  return { terms, content };
}

// One pass over the folded text; longer phrases first so "cho minh hoi" wins over "cho hoi".
const QUESTION_PHRASE_RE = new RegExp(
  `(?<![\\p{L}])(?:${[...QUESTION_PHRASES].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`,
  'gu',
);

/** Removes question phrasing ("cho mình hỏi", "là gì", "vậy ad") from a query. */
export function stripQuestionPhrasing(query: string): string {
  const normal = normalizeVietnamese(query);
  const folded = foldDiacritics(normal);
  // Spans are found on folded text and cut from the normalised text: folding keeps the
  // length of NFC Vietnamese letters (checked, else the text is returned as it is).
  if (folded.length !== normal.length) return normal;
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(QUESTION_PHRASE_RE)) {
    out += `${normal.slice(last, m.index)} `;
    last = (m.index ?? 0) + m[0].length;
  }
  return (out + normal.slice(last)).replace(/\s+/g, ' ').trim();
}
