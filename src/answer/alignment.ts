/**
 * @module
 * Keeping the answer on the year and the kind of figure asked. A question about 2030 must
 * not be answered with the 2045 target when a sentence for 2030 exists, and "hiện đạt tới
 * đâu" asks for a result, not a target. Units (with their section headings) that name the
 * asked year, or another target year only, are weighted up or down accordingly.
 */
import { documentCodes, foldDiacritics, normalizeVietnamese } from '../text/index.ts';
import { memoized } from '../text/memo.ts';
import { POLICY } from './policy.ts';

export interface Alignment {
  /** Years the question names ("2030"). */
  years: string[];
  /** "mục tiêu / chỉ tiêu" (a target) or "kết quả / đạt được / hiện nay" (a result), or neither. */
  wants: 'target' | 'result' | null;
  /** Documents the question names by number, as canonical codes ("nq71"). */
  codes: string[];
  /** A follow-up's years that replace the previous question's ("Thế còn 2045?" after a 2030 question): those left behind. */
  leftBehind?: string[];
  /** The question asks of the past too ("trước đây", "giai đoạn trước"): a past period is not set aside for a target. */
  past?: boolean;
}

/**
 * The codes a sentence of the corpus names, read once: every question naming a document checks
 * every candidate sentence. Bounded (a corpus has a bounded number of sentences; cleared when full).
 */
const codesOfSentence = memoized(20_000, documentCodes);

export const typeOf = (code: string): string => code.replace(/\d+$/, '');

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
/** The years a text names ("2025", also inside "01/7/2025"). */
export const yearsIn = (text: string): string[] => text.match(YEAR) ?? [];
// "muốn tới 2030 … được bao nhiêu phần trăm": what is wanted by a year is a target ("muốn hỏi đến nay" is not).
const TARGET_WORDS = /muc tieu|chi tieu|phan dau|dat ra|(?:^|\s)yeu cau (?:\S+ ){0,10}?(?:tang|dat|chiem|giam)(?: \S+){0,3}? (?:bao nhieu|bn)(?=\s|$)|den nam \d{4}|(?:^|\s)muon (?:toi|den|dat)(?=\s)|(?:toi|den) 20[3-9]\d/;
/**
 * "hiện" alone, folded ("hiện người giữ chức … là ai"): what is now. "thực hiện", "thể hiện",
 * "cống hiến", "hiện đại", "Hiến pháp" are other words.
 */
export const NOW = String.raw`(?<![a-z])(?<!(?:thuc|the|xuat|phat|bieu|trinh|cong|tai) )hien(?! (?:dai|thuc|ra|dien|hanh|tuong|vat|trang|ke|phap|thi))(?![a-z])`;
const RESULT_WORDS = new RegExp(String.raw`ket qua|da dat|dat duoc|hien dat|hien nay|den nay|tinh den|thuc te|da lam duoc|dat toi dau|dat den dau|${NOW}`);
const TARGET_IN_TEXT = /mục tiêu|chỉ tiêu|phấn đấu|đến năm \d{4}|định hướng/iu;
const RESULT_IN_TEXT = /kết quả|đã đạt|đạt được|tính đến|đến nay|hiện nay|hiện có|đã có|đã (?:thu hút|hình thành|tạo|kết nối|triển khai)/iu;

const { yearMatch: YEAR_MATCH, yearOther: YEAR_OTHER, kindMatch: KIND_MATCH, kindOther: KIND_OTHER, codeOther: CODE_OTHER } = POLICY;

/** Years before it are the past: results and comparisons, never a target. */
const PRESENT_YEAR = 2025;
/** "trước đây", "những năm qua", "so với trước": the past is asked too. */
const PAST_WORDS = /truoc day|truoc kia|thoi gian qua|nhung nam qua|giai doan truoc|so voi truoc|hien trang|thuc trang/;

export function alignmentOf(question: string, followsUp?: string): Alignment | null {
  const folded = foldDiacritics(normalizeVietnamese(question));
  const years = [...new Set(yearsIn(folded))];
  const target = TARGET_WORDS.test(folded);
  const result = RESULT_WORDS.test(folded);
  const wants = target === result ? null : target ? 'target' : 'result';
  const codes = [...new Set(documentCodes(question))];
  if (years.length === 0 && wants === null && codes.length === 0) return null;
  const past = PAST_WORDS.test(folded);
  // "Thế còn đến 2045?" after a question about 2030: the sentences the previous answer was made of are of the year left behind.
  const leftBehind = followsUp && years.length > 0 ? yearsIn(foldDiacritics(followsUp)).filter((y) => !years.includes(y)) : [];
  return { years, wants, codes, ...(leftBehind.length > 0 ? { leftBehind } : {}), ...(past ? { past } : {}) };
}

/**
 * The alignment of one question of a message: its own year and kind when it names them, else
 * the message's ("QĐ 1169: năm 2025 …? chuyên mục về NQ57 phải đặt ở đâu?" asks the second about 2025 too).
 */
export function partAlignment(part: string, message: string): Alignment | null {
  const own = alignmentOf(part);
  const whole = alignmentOf(message);
  if (!own || !whole || own.years.length > 0 || own.wants !== null) return own ?? whole;
  return { ...whole, codes: own.codes };
}

/** The weight of a unit (its text and its section path) for the question's year and kind. */
export function alignmentFactor(alignment: Alignment | null, text: string, path: string): number {
  if (!alignment) return 1;
  let factor = 1;
  // The sentence's own years, when all are past ("trong giai đoạn 2019–2024"): what was, never a target.
  const own = yearsIn(text);
  const pastOnly = own.length > 0 && own.every((y) => Number(y) < PRESENT_YEAR);
  if (alignment.years.length > 0) {
    // A target asked is not answered by a sentence of a target's section that names only a past period ("trong giai
    // đoạn 2019–2024" under "Mục tiêu đến năm 2030" is the past the target is measured against).
    const ofThePast = pastOnly && own.every((y) => alignment.years.every((a) => Number(y) < Number(a)));
    const earlier = alignment.wants === 'target' && !alignment.past && ofThePast && yearsIn(path).some((y) => alignment.years.includes(y));
    const named = yearsIn(`${path} ${text}`);
    if (earlier) factor *= YEAR_OTHER;
    else if (named.some((y) => alignment.years.includes(y))) factor *= YEAR_MATCH;
    else if (named.some((y) => alignment.leftBehind?.includes(y))) factor *= YEAR_OTHER * YEAR_OTHER;
    else if (named.some((y) => Number(y) >= PRESENT_YEAR)) factor *= YEAR_OTHER;
  }
  // "NQ71 ban hành ngày nào?" is not answered by the sentence about NQ03 in the same document.
  if (alignment.codes.length > 0) {
    const named = codesOfSentence(`${path} ${text}`);
    if (!named.some((c) => alignment.codes.includes(c)) && named.some((c) => alignment.codes.some((a) => typeOf(a) === typeOf(c)))) factor *= CODE_OTHER;
  }
  if (alignment.wants) {
    // "Để so sánh với mục tiêu …, trong giai đoạn 2019–2024, số đơn … chỉ tăng khoảng 12,4%" is what was, not a target,
    // whatever word it compares with (unless the past is asked too).
    const stated = pastOnly && !alignment.past ? 'result' : kindStated(text, path);
    if (stated === alignment.wants) factor *= KIND_MATCH;
    else if (stated !== null) factor *= KIND_OTHER;
  }
  return factor;
}

/** Whether a sentence (with its section path) states a target only, a result only, or neither or both (null). */
export function kindStated(text: string, path = ''): 'target' | 'result' | null {
  const both = `${path} ${text}`;
  const isTarget = TARGET_IN_TEXT.test(both);
  const isResult = RESULT_IN_TEXT.test(both);
  return isTarget === isResult ? null : isTarget ? 'target' : 'result';
}
