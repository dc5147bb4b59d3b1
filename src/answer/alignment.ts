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
  /** Days of the year the question names ("21/4"), as day/month without leading zeros. */
  days?: string[];
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
const DAY = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?![\d.])(?:\/(?:19|20)\d{2})?/g;
/** The days of the year a text names ("21/4", "01/10", also inside "22/12/2024"), as "21/4", "1/10" (not "7/2025"). */
export const daysIn = (text: string): string[] =>
  [...text.matchAll(DAY)].filter((m) => Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1 && Number(m[1]) <= 31).map((m) => `${Number(m[1])}/${Number(m[2])}`);
const daysOfSentence = memoized(20_000, (text: string) => daysIn(text));
// "muốn tới 2030 … được bao nhiêu phần trăm": what is wanted by a year is a target ("muốn hỏi đến nay" is not).
const TARGET_WORDS = /muc tieu|chi tieu|phan dau|dat ra|den nam \d{4}|(?:^|\s)muon (?:toi|den|dat)(?=\s)|(?:toi|den) 20[3-9]\d/;
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

export function alignmentOf(question: string, followsUp?: string): Alignment | null {
  const folded = foldDiacritics(normalizeVietnamese(question));
  const years = [...new Set(yearsIn(folded))];
  const target = TARGET_WORDS.test(folded);
  const result = RESULT_WORDS.test(folded);
  const wants = target === result ? null : target ? 'target' : 'result';
  const codes = [...new Set(documentCodes(question))];
  // (A day of a full date, "ngày 10/10/2022", is often quoted to be checked: only a day named alone is asked about.)
  const days = [...new Set(daysIn(folded.replace(/\d{1,2}\/\d{1,2}\/(?:19|20)\d{2}/g, ' ')))];
  if (years.length === 0 && wants === null && codes.length === 0 && days.length === 0) return null;
  // "Thế còn đến 2045?" after a question about 2030: the sentences the previous answer was made of are of the year left behind.
  const leftBehind = followsUp && years.length > 0 ? yearsIn(foldDiacritics(followsUp)).filter((y) => !years.includes(y)) : [];
  return { years, wants, codes, ...(leftBehind.length > 0 ? { leftBehind } : {}), ...(days.length > 0 ? { days } : {}) };
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
  if (alignment.years.length > 0) {
    // A target asked is not answered by a sentence of a target's section that names only a past period ("trong giai
    // đoạn 2019–2024" under "Mục tiêu đến năm 2030" is the past the target is measured against).
    const own = yearsIn(text);
    const past = own.length > 0 && own.every((y) => Number(y) < PRESENT_YEAR && alignment.years.every((a) => Number(y) < Number(a)));
    const earlier = alignment.wants === 'target' && past && yearsIn(path).some((y) => alignment.years.includes(y));
    const named = yearsIn(`${path} ${text}`);
    if (earlier) factor *= YEAR_OTHER;
    else if (named.some((y) => alignment.years.includes(y))) factor *= YEAR_MATCH;
    else if (named.some((y) => alignment.leftBehind?.includes(y))) factor *= YEAR_OTHER * YEAR_OTHER;
    else if (named.some((y) => Number(y) >= 2025)) factor *= YEAR_OTHER;
  }
  // "… sự kiện vào 21/4 vì tưởng đó là ngày hội ĐMST của VN": the sentences about that day, not those naming only other days.
  if (alignment.days) {
    const named = daysOfSentence(`${path} ${text}`);
    const asked = alignment.days;
    if (named.some((d) => asked.includes(d))) factor *= YEAR_MATCH;
    else if (named.length > 0) factor *= YEAR_OTHER;
  }
  // "NQ71 ban hành ngày nào?" is not answered by the sentence about NQ03 in the same document.
  if (alignment.codes.length > 0) {
    const named = codesOfSentence(`${path} ${text}`);
    if (!named.some((c) => alignment.codes.includes(c)) && named.some((c) => alignment.codes.some((a) => typeOf(a) === typeOf(c)))) factor *= CODE_OTHER;
  }
  if (alignment.wants) {
    const stated = kindStated(text, path);
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
