/**
 * @module
 * Unicode and spelling normalisation for Vietnamese.
 *
 * Citizens type both tone placements ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe"), with or
 * without tone marks, and sometimes in decomposed Unicode (NFD). A mismatch is a hard miss
 * in BM25, so index and query text go through the same functions.
 */
import { memoized } from './memo.ts';

/** New-style → old-style tone placement for open syllables ending in oa, oe, uy (15 pairs). */
const TONE_PLACEMENT: Record<string, string> = {
  'oà': 'òa', 'oá': 'óa', 'oả': 'ỏa', 'oã': 'õa', 'oạ': 'ọa',
  'oè': 'òe', 'oé': 'óe', 'oẻ': 'ỏe', 'oẽ': 'õe', 'oẹ': 'ọe',
  'uỳ': 'ùy', 'uý': 'úy', 'uỷ': 'ủy', 'uỹ': 'ũy', 'uỵ': 'ụy',
};
// Only at the end of a syllable ("hoàn" keeps its tone on a) and never after "q":
// in "quý", "quỹ" the u belongs to the consonant, so the tone is already on y.
const TONE_PLACEMENT_RE = new RegExp(`(?<!q)(${Object.keys(TONE_PLACEMENT).join('|')})(?![\\p{L}\\p{M}])`, 'gu');

/** NFC, lower case, one tone placement, Latin "Ð" (U+00D0) read as "Đ". */
export function normalizeVietnamese(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00D0\u0110]/g, 'đ')
    .replace(/²/g, '2')
    .replace(/³/g, '3')
    .toLowerCase()
    .replace(TONE_PLACEMENT_RE, (pair) => TONE_PLACEMENT[pair] ?? pair);
}

const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    if (foldedChars.size < 10_000) foldedChars.set(ch, folded);
  }
  return folded;
}

/** Printable ASCII has nothing to fold and is its own NFC: folding runs on every token of every question. */
const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * Removes every diacritic, đ → d. Character by character with a memo; a short string (a
 * syllable, a code) is folded once and remembered: folding runs on every token of every
 * question and of every sentence read, and NFD on whole strings dominated answer time.
 */
export function foldDiacritics(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.length <= MAX_REMEMBERED_WORD ? foldWord(text) : foldText(text);
}

/**
 * A syllable has at most 7 letters. Kept at 12 UTF-16 units: V8 keeps a piece of 13 or more
 * cut from a longer string as a view of it, so a remembered key would keep a citizen's whole
 * message alive.
 */
const MAX_REMEMBERED_WORD = 12;
const foldWord = memoized(50_000, (word) => foldText(word));

function foldText(text: string): string {
  const nfc = text.normalize('NFC');
  let out = '';
  let plainFrom = 0;
  for (let i = 0; i < nfc.length; i++) {
    if (nfc.charCodeAt(i) < 128) continue;
    const ch = nfc[i] as string;
    out += nfc.slice(plainFrom, i) + foldChar(ch);
    plainFrom = i + 1;
  }
  return plainFrom === 0 ? nfc : out + nfc.slice(plainFrom);
}

/** True when the text has at least one Vietnamese letter with a diacritic (one folding changes). */
export function hasDiacritics(text: string): boolean {
  if (PRINTABLE_ASCII.test(text)) return false;
  const nfc = text.normalize('NFC');
  for (let i = 0; i < nfc.length; i++) {
    if (nfc.charCodeAt(i) < 128) continue;
    const ch = nfc[i] as string;
    if (foldChar(ch) !== ch) return true;
  }
  return false;
}

/**
 * Upper-case "AI" and "TU" (Tỉnh ủy) read before lower-casing, where they cannot be told from
 * "ai" (who) and "tu" (từ, tự, tư): "chatbot AI", "Bí thư TU". Written as the rest of the text
 * is, with or without marks. A text all in capitals ("AI KÝ NGHỊ QUYẾT 57?") is left as it is.
 */
export function readCapitals(text: string): string {
  if (!/\p{Ll}/u.test(text)) return text;
  const marked = hasDiacritics(text);
  return text
    .replace(/(?<![\p{L}\p{N}])AI(?![\p{L}\p{N}])/gu, marked ? ' trí tuệ nhân tạo ' : ' tri tue nhan tao ')
    .replace(/(?<![\p{L}\p{N}&/-])TU(?![\p{L}\p{N}&/-])/gu, marked ? ' tỉnh ủy ' : ' tinh uy ')
    .replace(DEPARTMENT_SHORT, (_m, so: string, short: string) => {
      const name = DEPARTMENTS[short.toLowerCase()] ?? short;
      return `${so} ${marked ? name : foldDiacritics(name)}`;
    });
}

/**
 * A provincial department typed by its initials after "Sở" ("Sở TC", "sở nv", "So TC"): alone, "TC" and "NV" are many
 * things. Without marks only in capitals: "so nv" is "số nhiệm vụ".
 */
const DEPARTMENTS: Readonly<Record<string, string>> = { tc: 'Tài chính', nv: 'Nội vụ' };
const DEPARTMENT_SHORT = /(?<![\p{L}\p{N}])([sS][ởỞ]|[sS][oO](?=\s+(?:TC|NV)))\s+([tT][cC]|[nN][vV])(?![\p{L}\p{N}&/-])/gu;

/** "GĐ Sở …": giám đốc, read before folding ("GD" is giáo dục). */
const GIAM_DOC = /(?<![\p{L}\p{N}])[Gg][Đđ](?![\p{L}\p{N}&])/gu;

/** Shorthand citizens type in chat, as the words it stands for (folded). */
const TEXTING: Array<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])j(?![\p{L}\p{N}])/gu, 'gi'],
  [/(?<![\p{L}\p{N}])(?:dc|đc)(?![\p{L}\p{N}])/gu, 'duoc'],
  [/(?<![\p{L}\p{N}])(?:ko|hok)(?![\p{L}\p{N}&])|(?<![\p{L}\p{N}])k(?=\s*(?:[?!.]+\s*)?$)/gu, 'khong'],
  [/(?<![\p{L}\p{N}])ntn(?![\p{L}\p{N}])/gu, 'nhu the nao'],
  // "cq nào quản lý": a body asked.
  [/(?<![\p{L}\p{N}])cq(?![\p{L}\p{N}])/gu, 'co quan'],
  [/(?<![\p{L}\p{N}])bao nhiu(?![\p{L}\p{N}])/gu, 'bao nhieu'],
  [/(?<![\p{L}\p{N}])d\/c(?![\p{L}\p{N}])/gu, 'dong chi'],
  [/(?<![\p{L}\p{N}])ptt(?![\p{L}\p{N}])/gu, 'pho thu tuong'],
  [/(?<![\p{L}\p{N}])pct(?![\p{L}\p{N}])/gu, 'pho chu tich'],
  // "ô ấy": "ông ấy" typed short.
  [/(?<![\p{L}\p{N}])o ay(?![\p{L}\p{N}])/gu, 'ong ay'],
  // "phó ban" is how a Phó Trưởng ban is called.
  [/(?<![\p{L}\p{N}])pho ban(?![\p{L}\p{N}])/gu, 'pho truong ban'],
  [/(?<![\p{L}\p{N}])ong(?:\/| hay )ba(?![\p{L}\p{N}])/gu, 'ong ba'],
  [/(?<=(?:^|\s)(?:gi|j|sao|nao|ai|dau|chua|khong|ko|the|roi|a)\s+)v(?=\s*(?:[?!.]+\s*)?$)/gu, 'vay'],
];

/**
 * A question folded, with chat shorthand read ("là j v?" → "la gi vay", "đc ko" → "duoc
 * khong"): what the question-word rules (kinds of fact, facets) are matched on.
 */
export function foldedQuestion(question: string): string {
  let folded = foldDiacritics(normalizeVietnamese(readCapitals(question)).replace(GIAM_DOC, 'giám đốc')).replace(/\s+/g, ' ').trim();
  for (const [pattern, words] of TEXTING) folded = folded.replace(pattern, words);
  return folded;
}

/** Folded, whitespace-collapsed, lower-case form used to compare facts and section paths. */
export function looseForm(text: string): string {
  return foldDiacritics(normalizeVietnamese(text)).replace(/\s+/g, ' ').trim();
}

/** Counts Unicode code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
