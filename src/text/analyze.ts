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
import { ABBREVIATIONS, DOMAIN_TERMS, FOLDED_STOP_WORDS, OTHER_MEANINGS, QUESTION_PHRASES, STOP_WORD_COMPOUNDS, STOP_WORDS, SYNONYMS } from './dictionary.ts';
import { hashString } from './hash.ts';
import { foldDiacritics, hasDiacritics, normalizeVietnamese, readCapitals } from './normalize.ts';

const CODE_VERSION = 19;
// A Map, not the object: "constructor" typed by a citizen must not find Object.prototype.
const ABBREVIATION_MAP = new Map(Object.entries(ABBREVIATIONS));
/** Changes whenever the analysis code or the dictionary changes; recorded in the index manifest. */
export const TEXT_VERSION = `${CODE_VERSION}-${hashString(
  JSON.stringify([ABBREVIATIONS, SYNONYMS, [...STOP_WORDS], [...FOLDED_STOP_WORDS], QUESTION_PHRASES, DOMAIN_TERMS, [...STOP_WORD_COMPOUNDS], OTHER_MEANINGS]),
).slice(0, 10)}`;

const DOC_TYPES: Record<string, string> = {
  'nq': 'nq', 'qđ': 'qđ', 'qd': 'qđ', 'kh': 'kh', 'nđ': 'nđ', 'nd': 'nđ', 'tb': 'tb', 'ct': 'ct', 'qđ-ttg': 'qđ',
};
const TYPE_ALT = 'nq|qđ|qd|kh|nđ|nd|tb|ct';
// "57-NQ/TW", "57/NQ-TW", "1169/QĐ-TTg", "01-KH/BCĐTW", "71/NQ-CP"
const NUMBER_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,4})\\s*[-/]\\s*(${TYPE_ALT})(?:\\s*[-/]\\s*[\\p{L}&\\d]+)?(?![\\p{L}\\p{N}])`, 'gu');
// "NQ57", "NQ 57", "QĐ 1169", "NQ71/NQ-CP" (the type repeated after the number)
const TYPE_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(${TYPE_ALT})\\s*(?:số\\s*|so\\s*)?(\\d{1,4})(?:\\/(?:${TYPE_ALT})(?:-[\\p{L}\\d]+)?(?![\\p{L}\\p{N}]))?(?![\\p{N}/])`, 'gu');
// "nghị quyết (số) 57", "quyết định 1169", "kế hoạch 252" (words kept, code added)
// A number at the end of a sentence ("theo Nghị quyết 57.") is a code; "57,5" or "57.3" is not.
const WORDS_FIRST = /(nghị quyết|nghi quyet|quyết định|quyet dinh|kế hoạch|ke hoach|nghị định|nghi dinh)\s+(?:số\s+|so\s+)?(\d{1,4})(?![\p{N}/]|[.,]\p{N})/gu;
const WORD_TYPES: Record<string, string> = {
  'nghị quyết': 'nq', 'nghi quyet': 'nq', 'quyết định': 'qđ', 'quyet dinh': 'qđ',
  'kế hoạch': 'kh', 'ke hoach': 'kh', 'nghị định': 'nđ', 'nghi dinh': 'nđ',
};
// Dates "10/10", "ngày 10-10", "10.10.2025", "10 tháng 10". A dot or hyphen without a year
// is a decimal ("12.5%"), a range ("5-10 năm") or a section ("mục 2.3"), not a date.
const DATE = /(?<![\p{N}/.,-])(\d{1,2})(?:\s*\/|\s+tháng\s+|\s+thang\s+)(\d{1,2})(?:(?:\s*\/|\s+năm\s+|\s+nam\s+)(\d{4}))?(?![\p{N}])/gu;
const DATE_WITH_YEAR = /(?<![\p{N}/.,-])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\p{N}])/gu;
// "10-10" typed for a date, but not a range followed by its unit ("5-10 năm", "3-5%").
const DATE_DASH = /(?<![\p{N}/.,-])(\d{1,2})-(\d{1,2})(?![\p{N}.,/%-])(?!\s*(?:năm|nam|tháng|thang|ngày|ngay|người|nguoi|lần|lan|giờ|gio|phút|phut|km|triệu|trieu|tỷ|ty|nghìn|nghin)(?![\p{L}]))/gu;
// "tháng 3/2025", "tháng 03 năm 2025": a month of a year, one token "3/2025", as "ngày 10 tháng 10" is one "10/10".
// (A full date is not also read as its month: "10/10/2025" would match every passage of October 2025. A question's
// "tháng" before it is phrasing, and its "tháng 4 năm 2023" names the year too: see `stripQuestionPhrasing`.)
const MONTH_YEAR = /(?<![\p{N}/.,-])(\d{1,2})(?:\s*\/\s*|(?<=(?:tháng|thang)\s+\d{1,2})\s+(?:năm|nam)\s+)(\d{4})(?![\p{N}/])/gu;
// "54 tr đồng", "3tr": millions as citizens type them.
const MILLIONS_SHORT = /(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)?)\s*tr(?=\s+(?:đồng|đ|vnđ|vnd|dong)(?![\p{L}\p{N}])|\s*[?.,!]|\s*$)/gu;
const TOKEN = /\d+(?:[/.,]\d+)+%?|[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)*%?/gu;
const SEGMENT_BREAK = /[.;:!?()[\]{}"“”‘’…\n]+/;

function code(type: string, num: string): string {
  return `${DOC_TYPES[type] ?? type}${String(Number(num))}`;
}

/** Rewrites document numbers and dates into canonical tokens. Input is normalised text. */
/** "thứ 6" as the documents write it, "thứ sáu" (typed without marks, "thu 6": "thu sau"): the seven groups, the five viewpoints. */
const ORDINAL_DIGIT = /(?<![\p{L}\p{N}])(thứ|thu)\s+(10|[1-9])(?![\p{N}/.,%:]|\s*(?:%|tỷ|ty|triệu|trieu|nghìn|nghin|đồng|dong)(?!\p{L}))/giu;
const ORDINAL_NAMES = ['', 'nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

export function canonicalize(text: string): string {
  return text
    .replace(ORDINAL_DIGIT, (_m, word: string, n: string) => {
      const name = ORDINAL_NAMES[Number(n)] as string;
      return `${word} ${hasDiacritics(word) ? name : foldDiacritics(name)}`;
    })
    .replace(NUMBER_FIRST, (_m, num: string, type: string) => ` ${code(type, num)} `)
    .replace(TYPE_FIRST, (_m, type: string, num: string) => ` ${code(type, num)} `)
    .replace(WORDS_FIRST, (m, words: string, num: string) => `${m} ${code(WORD_TYPES[words] ?? 'x', num)} `)
    .replace(DATE_WITH_YEAR, (_m, d: string, mo: string, y: string) => `${d}/${mo}/${y}`)
    .replace(DATE_DASH, (m, d: string, mo: string) => (Number(d) >= 1 && Number(d) <= 31 && Number(mo) >= 1 && Number(mo) <= 12 ? `${d}/${mo}` : m))
    .replace(MONTH_YEAR, (m, mo: string, y: string) => (Number(mo) >= 1 && Number(mo) <= 12 ? ` ${Number(mo)}/${y} ` : m))
    .replace(MILLIONS_SHORT, '$1 triệu')
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

// "binhdanhocvuso.gov.vn": a host name is its labels, without the top-level domain ("vn" is not Việt Nam here).
const HOST = /(?<![\p{L}\p{N}.-])((?:[a-z0-9-]+\.)+)(?:vn|com|net|org|edu|gov|info)(?![\p{L}\p{N}])/gu;

/** Word-level tokens in reading order, split into segments at punctuation (no bigram crosses one). */
export function tokenizeSegments(rawText: string): string[][] {
  const text = canonicalize(normalizeVietnamese(readCapitals(rawText)).replace(HOST, (_m, labels: string) => labels.replace(/\./g, ' ')));
  const segments: string[][] = [];
  for (const part of text.split(SEGMENT_BREAK)) {
    const tokens: string[] = [];
    // The matched strings alone (`match`, not `matchAll`'s match objects): this runs on every question and every passage.
    for (const match of part.match(TOKEN) ?? []) {
      // "59%" is also read as "phần trăm", the way citizens ask ("bao nhiêu phần trăm").
      if (match.endsWith('%')) tokens.push(match.slice(0, -1), 'phần', 'trăm');
      else pushToken(tokens, match);
    }
    if (tokens.length > 0) segments.push(tokens);
  }
  return segments;
}

/**
 * Whether a token is a function word to leave out of the terms. In text typed without tone
 * marks only the folded forms no content word shares are (FOLDED_STOP_WORDS): "do" may be
 * "độ", "bao" "bảo", "trong" "trọng", and dropping them lost the topic of one unmarked
 * question in six on public Vietnamese QA sets.
 */
function isStopWord(token: string, unaccented: boolean): boolean {
  // A word with marks (one an abbreviation expands to) is what it is, whatever the text around it.
  return unaccented && !hasDiacritics(token) ? FOLDED_STOP_WORDS.has(token) : STOP_WORDS.has(token);
}

/** Whether the token at `i` is a function word to leave out: not the first syllable of a word ("thế giới"). */
function droppedAt(segment: readonly string[], i: number, unaccented: boolean): boolean {
  const token = segment[i] as string;
  return isStopWord(token, unaccented) && !STOP_WORD_COMPOUNDS.has(`${token} ${segment[i + 1] ?? ''}`);
}

/** Every stop word folded: typed without marks, these may be stop words or content words ("do": do, độ). */
export const FOLDED_STOP_FORMS: ReadonlySet<string> = new Set([...STOP_WORDS].map(foldDiacritics));

/** "^a b" for unmarked syllables a, b with only folded stop forms between them, at least one kept as a term (ambiguous). */
function pairsAcrossAmbiguous(segment: string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < segment.length; i++) {
    const token = segment[i] as string;
    if (FOLDED_STOP_FORMS.has(token)) continue;
    let k = i + 1;
    let ambiguous = false;
    while (k < segment.length && FOLDED_STOP_FORMS.has(segment[k] as string)) {
      if (!FOLDED_STOP_WORDS.has(segment[k] as string)) ambiguous = true;
      k++;
    }
    const after = segment[k];
    // Words an abbreviation stands for are written with their marks: nothing there is ambiguous.
    if (ambiguous && after !== undefined && !segment.slice(i, k + 1).some(hasDiacritics)) pairs.push(`^${token} ${after}`);
  }
  return pairs;
}

/** Words after which "là" starts a definition ("An ninh mạng là …"): the "X là" bigram is kept. */
const COPULA = new Set(['là', 'la']);

interface SynonymPhrase {
  words: string[];
  folded: string[];
  group: number;
}

/** Synonym phrases by their first word (as written and folded), longest first: a text is scanned once. */
const SYNONYM_PHRASES: SynonymPhrase[] = SYNONYMS.flatMap((group, i) =>
  group.map((phrase) => ({ words: phrase.split(' '), folded: foldDiacritics(phrase).split(' '), group: i })),
).sort((a, b) => b.words.length - a.words.length);
const byFirst = <T>(items: T[], first: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(first(item), [...(map.get(first(item)) ?? []), item]);
  return map;
};
const SYNONYMS_WRITTEN = byFirst(SYNONYM_PHRASES, (p) => p.words[0] ?? '');
const SYNONYMS_FOLDED = byFirst(SYNONYM_PHRASES, (p) => p.folded[0] ?? '');

/** Longer terms a synonym may sit inside without being meant ("nhân dân" in "ủy ban nhân dân"), folded, by first word. */
const COMPOUNDS = byFirst(
  [...new Set([...Object.values(ABBREVIATIONS), ...DOMAIN_TERMS].map(foldDiacritics))].map((t) => t.split(' ')).filter((t) => t.length >= 3),
  (t) => t[0] ?? '',
);
/** …and words as written that give a member another meaning: "phạt tiền" (a fine), not "phát tiền" (money handed out). */
const OTHER_MEANING_WORDS = byFirst(
  OTHER_MEANINGS.map((t) => t.split(' ')),
  (t) => t[0] ?? '',
);

/** Positions of the tokens that belong to a longer known term (folded), or to a word giving a member another meaning (as written). */
function insideCompounds(folded: string[], written: string[]): Set<number> {
  const covered = new Set<number>();
  for (const [sequence, terms] of [[folded, COMPOUNDS], [written, OTHER_MEANING_WORDS]] as const) {
    for (let i = 0; i < sequence.length; i++) {
      for (const compound of terms.get(sequence[i] as string) ?? []) {
        if (!compound.every((w, k) => sequence[i + k] === w)) continue;
        for (let k = 0; k < compound.length; k++) covered.add(i + k);
      }
    }
  }
  return covered;
}

/**
 * The other members of each synonym group a text names, matched as whole phrases on the
 * tokens as written (before stop words are dropped, so "nguyên nhân nào dẫn" never reads
 * as "nhân dân"), never inside a longer term ("ủy ban nhân dân" is not "người dân"). Typed
 * without marks, a one-syllable member is too ambiguous to expand ("tien" is "tiền",
 * "tiến" or "tiên").
 */
function withSynonyms(tokens: string[], unaccented: boolean): string[] {
  const folded = tokens.map(foldDiacritics);
  const sequence = unaccented ? folded : tokens;
  const phrases = unaccented ? SYNONYMS_FOLDED : SYNONYMS_WRITTEN;
  let covered: Set<number> | null = null;
  const groups = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of phrases.get(sequence[i] as string) ?? []) {
      const form = unaccented ? phrase.folded : phrase.words;
      if (unaccented && form.length < 2) continue;
      if (!form.every((w, k) => sequence[i + k] === w)) continue;
      covered ??= insideCompounds(folded, tokens);
      if (form.some((_w, k) => covered?.has(i + k))) continue;
      groups.add(phrase.group);
    }
  }
  const extra: string[] = [];
  for (const group of groups) {
    for (const phrase of SYNONYMS[group] ?? []) extra.push(...phrase.split(' '));
  }
  return extra;
}

export interface Analysis {
  /** All terms, with repetitions (term frequency matters for BM25). */
  terms: string[];
  /** Folded content syllables, the unit for coverage and answer scoring. */
  content: string[];
  /** The tokens as read, segment by segment (stop words kept, synonyms not added). */
  segments: string[][];
}

/**
 * Index terms of a text: accented and folded syllables plus bigrams of syllables that stand
 * side by side in the text (never across a dropped stop word, which would invent words:
 * "nhân nào dẫn" is not "nhân dân"), stop words removed, synonyms added, and "X là" kept
 * where a definition starts.
 */
export function analyze(text: string): Analysis {
  const terms: string[] = [];
  const content: string[] = [];
  const unaccented = !hasDiacritics(text);
  const segments = tokenizeSegments(text);
  const extra = withSynonyms(segments.flatMap((s) => [...s, '\u0000']), unaccented).filter((t) => !isStopWord(t, unaccented));
  for (const segment of extra.length > 0 ? [...segments, extra] : segments) {
    for (let i = 0; i < segment.length; i++) {
      const token = segment[i] as string;
      if (droppedAt(segment, i, unaccented)) continue;
      const folded = foldDiacritics(token);
      terms.push(token, `~${folded}`);
      content.push(folded);
      const next = segment[i + 1];
      if (next === undefined) continue;
      if (!droppedAt(segment, i + 1, unaccented) || COPULA.has(next)) {
        terms.push(`${token} ${next}`, `~${folded} ${foldDiacritics(next)}`);
        continue;
      }
      // Across a stop word ("kế hoạch của tỉnh" → "hoạch tỉnh") as written, and folded in a
      // namespace of its own ("^"): in the "~" one the pair may spell a word the text never had
      // ("nhân nào dẫn" → "nhan dan", nhân dân).
      let k = i + 1;
      while (k < segment.length && droppedAt(segment, k, unaccented)) k++;
      const after = segment[k];
      if (after !== undefined) terms.push(`^${folded} ${foldDiacritics(after)}`);
    }
    // Typed without marks, "do", "bao", "trong"… may be stop words or content words: they stay
    // terms, and the pair across them is added too, as marked text would have it.
    if (unaccented) terms.push(...pairsAcrossAmbiguous(segment));
  }
  return { terms, content, segments };
}

/**
 * How a text with tone marks writes its function words, for reading marks back into a
 * question typed without them (`retrieval/marks.ts`): each stop word ("%có") and each pair
 * of neighbouring words one of which is a stop word ("%có thể", "%cơ thể" is a plain pair),
 * in a namespace of their own ("%"). The index holds them for their document frequency
 * only: they are never searched and do not lengthen a passage. A text without marks says
 * nothing about marks and gives none.
 */
export function markEvidence(segments: readonly string[][]): string[] {
  const evidence: string[] = [];
  if (!segments.some((segment) => segment.some(hasDiacritics))) return evidence;
  for (const segment of segments) {
    segment.forEach((token, i) => {
      const stop = STOP_WORDS.has(token);
      if (stop) evidence.push(evidenceTerm(token));
      const next = segment[i + 1];
      if (next !== undefined && (stop || STOP_WORDS.has(next))) evidence.push(evidenceTerm(`${token} ${next}`));
    });
  }
  return evidence;
}

/**
 * The index term that counts how often passages write `words` (a word or two as written),
 * the way `markEvidence` records them: a function word, or a pair holding one, is counted
 * through its "%" evidence term; any other word or pair is one of the index's own terms.
 */
export function countedAs(words: string): string {
  const space = words.indexOf(' ');
  const stop = space < 0 ? STOP_WORDS.has(words) : STOP_WORDS.has(words.slice(0, space)) || STOP_WORDS.has(words.slice(space + 1));
  return stop ? evidenceTerm(words) : words;
}

function evidenceTerm(words: string): string {
  return `%${words}`;
}

/** A canonical document code as the analyzer writes it, folded ("nq57", "qd1169"). */
export function isDocumentCode(term: string): boolean {
  return /^(?:nq|qd|kh|nd|tb|ct)\d+$/.test(term);
}

const CANONICAL_CODE = /(?<![\p{L}\p{N}])(?:nq|qđ|qd|kh|nđ|nd|tb|ct)\d+(?![\p{L}\p{N}])/gu;

/** The documents a text names by number, as folded canonical codes ("Nghị quyết 57-NQ/TW" → "nq57"), without analysing the rest. */
export function documentCodes(text: string): string[] {
  return (canonicalize(normalizeVietnamese(readCapitals(text))).match(CANONICAL_CODE) ?? []).map(foldDiacritics);
}

// One pass over the folded text; longer phrases first so "cho minh hoi" wins over "cho hoi".
const QUESTION_PHRASE_RE = new RegExp(
  `(?<![\\p{L}])(?:${[...QUESTION_PHRASES].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`,
  'gu',
);

/** A question's "(cuối) tháng 3/2025", "tháng 4 năm 2023": the month of a year asked, read as the date it names. */
const MONTH_WORD = /(?<!\d\s*)(?<!\p{L})(?:(?:cuối|cuoi|đầu|dau|giữa|giua)\s+)?(?:tháng|thang)\s+(\d{1,2})(?:\s+(?:năm|nam)\s+(\d{4})|\s*\/\s*(\d{4}))(?!\d)/giu;
/** Removes question phrasing ("cho mình hỏi", "là gì", "vậy ad") from a query. */
export function stripQuestionPhrasing(query: string): string {
  const normal = normalizeVietnamese(readCapitals(query));
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
  // "tính đến cuối tháng 3/2025": the month is the date, whose passage writes "26/3/2025", not the word "tháng".
  // ("tháng 4 năm 2023" names its year too, as a passage's "21/4/2023" does.)
  return (out + normal.slice(last))
    .replace(MONTH_WORD, (_m, mo: string, year: string | undefined, slashed: string | undefined) => (year ? ` ${mo}/${year} ${year} ` : ` ${mo}/${slashed} `))
    .replace(/\s+/g, ' ')
    .trim();
}
