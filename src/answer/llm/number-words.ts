/**
 * @module
 * Vietnamese number words as digits, so that the checks compare "bốn mươi phần trăm" with
 * "40%" and "hai triệu rưỡi" with "2.500.000": a generated answer cannot state a figure in
 * words that its source does not hold. Only words that express a quantity become digits:
 * "một" alone is the article ("một số", "một cách"), "năm" alone is the year ("năm 2025",
 * "hằng năm") unless a counted noun follows ("năm nhiệm vụ"), "tư" alone is "private" or
 * "invest", and "tỷ"/"triệu"/"nghìn" are scales only after a number ("tỷ lệ" is a rate).
 * Input is normalised text (normalizeVietnamese: NFC, lower case).
 */

/** Digits that start a number. "không" only before "trăm" ("hai nghìn không trăm hai mươi lăm"). */
const START: Record<string, number> = { 'không': 0, 'một': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'năm': 5, 'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9 };
/** Units after "mươi"/"chục": "hai mươi mốt", "ba mươi tư", "bốn mươi lăm" ("năm" there is "years"). */
const AFTER_TENS: Record<string, number> = { 'một': 1, 'mốt': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'tư': 4, 'lăm': 5, 'nhăm': 5, 'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9 };
/** Units after "mười": "mười một", "mười lăm", "mười tư" ("mười năm" is ten years). */
const AFTER_TEN: Record<string, number> = { 'một': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'tư': 4, 'lăm': 5, 'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9 };
/** Units after "linh"/"lẻ": "một trăm linh năm". */
const AFTER_ODD: Record<string, number> = { 'một': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'tư': 4, 'năm': 5, 'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9 };
/** Digits read one by one after "phẩy" (the decimal comma). */
const DECIMAL: Record<string, number> = { ...START, 'lăm': 5 };
const SCALES: Record<string, number> = { 'nghìn': 1e3, 'ngàn': 1e3, 'triệu': 1e6, 'tỷ': 1e9, 'tỉ': 1e9 };
/** A scale word followed by one of these is another word: "tỷ lệ" (rate), "tỷ trọng", "tỷ giá", "triệu tập" (convene). */
const NOT_SCALE: Record<string, ReadonlySet<string>> = {
  'tỷ': new Set(['lệ', 'trọng', 'suất', 'giá']),
  'tỉ': new Set(['lệ', 'trọng', 'suất', 'giá']),
  'triệu': new Set(['tập', 'chứng', 'hồi']),
};
/** Nouns counted after a bare "năm" that make it five ("năm nhiệm vụ"), not a year ("năm học", "năm nay"). */
const COUNTED_AFTER_FIVE = new Set([
  'người', 'tỉnh', 'xã', 'huyện', 'lần', 'nhóm', 'nhiệm', 'giải', 'mục', 'trụ', 'lĩnh', 'doanh', 'tổ', 'điểm', 'bước', 'ngày', 'tuần',
  'giờ', 'phút', 'đơn', 'chỉ', 'nội', 'loại', 'văn', 'đề', 'chương', 'điều', 'khoản', 'nguyên', 'yêu', 'ngành', 'trường', 'đợt', 'lớp',
]);

interface Group {
  value: number;
  end: number;
  /** Made of more than one bare digit ("mười", "hai mươi", "ba trăm"): a quantity wherever it stands. */
  strong: boolean;
  /** What "rưỡi" right after it adds half of: 100 after "trăm", else 1. */
  unit: number;
}

function scaleAt(words: readonly string[], k: number): number | null {
  const word = words[k];
  if (word === undefined) return null;
  const scale = SCALES[word];
  if (scale === undefined) return null;
  const next = words[k + 1];
  if (next !== undefined && NOT_SCALE[word]?.has(next)) return null;
  return scale;
}

/** Reads a number below 1,000 at `j`: "mười lăm", "bốn mươi", "ba trăm linh năm", "hai trăm hai mươi mốt", or a bare digit. */
function readGroup(words: readonly string[], j: number): Group | null {
  const word = words[j];
  if (word === undefined) return null;
  if (word === 'mười') {
    const unit = AFTER_TEN[words[j + 1] ?? ''];
    return unit === undefined ? { value: 10, end: j + 1, strong: true, unit: 1 } : { value: 10 + unit, end: j + 2, strong: true, unit: 1 };
  }
  const digit = START[word];
  if (digit === undefined) return null;
  const next = words[j + 1];
  if (next === 'trăm') {
    let value = digit * 100;
    let k = j + 2;
    const odd = words[k] === 'linh' || words[k] === 'lẻ' ? AFTER_ODD[words[k + 1] ?? ''] : undefined;
    if (odd !== undefined) return { value: value + odd, end: k + 2, strong: true, unit: 1 };
    const tens = readTens(words, k);
    if (tens) {
      value += tens.value;
      k = tens.end;
      return { value, end: k, strong: true, unit: 1 };
    }
    return { value, end: k, strong: true, unit: 100 };
  }
  if (digit === 0) return null;
  const tens = readTens(words, j);
  if (tens) return { ...tens, strong: true, unit: 1 };
  return { value: digit, end: j + 1, strong: false, unit: 1 };
}

/** "mười (lăm)" or "X mươi/chục (Y)" at `k`. */
function readTens(words: readonly string[], k: number): { value: number; end: number } | null {
  if (words[k] === 'mười') {
    const unit = AFTER_TEN[words[k + 1] ?? ''];
    return unit === undefined ? { value: 10, end: k + 1 } : { value: 10 + unit, end: k + 2 };
  }
  const digit = START[words[k] ?? ''];
  const word = words[k + 1];
  if (!digit || (word !== 'mươi' && word !== 'chục') || (word === 'mươi' && digit < 2)) return null;
  const unit = AFTER_TENS[words[k + 2] ?? ''];
  return unit === undefined ? { value: digit * 10, end: k + 2 } : { value: digit * 10 + unit, end: k + 3 };
}

interface Found {
  /** The first word after the number. */
  end: number;
  text: string;
  /** A word to drop after the next one ("hai năm rưỡi" → "2,5 năm"). */
  dropAfterNext?: boolean;
}

/** The number that starts at `i`; null when the words there are not a quantity. */
function readNumber(words: readonly string[], i: number): Found | null {
  const first = readGroup(words, i);
  if (!first) return null;
  let total = 0;
  let largest = 0;
  let group = first.value;
  let k = first.end;
  let strong = first.strong;
  let half = first.unit;
  for (;;) {
    const scale = scaleAt(words, k);
    if (scale === null) break;
    // "một nghìn tỷ": a larger scale multiplies all before it; "hai tỷ ba trăm triệu" adds.
    total = largest > 0 && scale > largest ? (total + group) * scale : total + group * scale;
    largest = Math.max(largest, scale);
    group = 0;
    half = scale;
    k++;
    strong = true;
    const odd = words[k] === 'linh' || words[k] === 'lẻ' ? AFTER_ODD[words[k + 1] ?? ''] : undefined;
    if (odd !== undefined) {
      group = odd;
      half = 1;
      k += 2;
      continue;
    }
    const next = readGroup(words, k);
    if (next && (next.strong || scaleAt(words, next.end) !== null)) {
      group = next.value;
      half = next.unit;
      k = next.end;
      continue;
    }
    break;
  }
  const value = total + group;
  // "mười bốn phẩy năm" is 14,5; "ba phẩy hai lăm" 3,25.
  if (words[k] === 'phẩy' && DECIMAL[words[k + 1] ?? ''] !== undefined) {
    const tens = readTens(words, k + 1);
    if (tens) return { end: tens.end, text: `${format(value)},${tens.value}` };
    let decimals = '';
    let d = k + 1;
    for (let digit = DECIMAL[words[d] ?? '']; digit !== undefined; digit = DECIMAL[words[++d] ?? '']) decimals += String(digit);
    return { end: d, text: `${format(value)},${decimals}` };
  }
  const bare = !strong;
  const digit = first.value;
  if (words[k] === 'rưỡi' && !(bare && digit === 5)) return { end: k + 1, text: format(value + half / 2) };
  if (!bare || (words[k] === 'phần' && words[k + 1] === 'trăm')) return { end: k, text: format(value) };
  const noun = words[k];
  // A bare digit, a noun, "rưỡi": "hai năm rưỡi" is two and a half years.
  if (noun !== undefined && words[k + 1] === 'rưỡi' && (noun === 'năm' || START[noun] === undefined) && SCALES[noun] === undefined) {
    return { end: k, text: format(value + 0.5), dropAfterNext: true };
  }
  if (digit === 1) return null;
  if (digit === 5 && !(noun !== undefined && COUNTED_AFTER_FIVE.has(noun)) && words[i - 1] !== 'thứ') return null;
  return { end: k, text: format(value) };
}

function format(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(0) : String(rounded).replace('.', ',');
}

/** Number words of one run of words (no digits or punctuation in between) as digits. */
function convertRun(run: string): string {
  const words = run.split(/\s+/);
  const out: string[] = [];
  let lastWasNumber = false;
  for (let i = 0; i < words.length; ) {
    const found = readNumber(words, i);
    if (!found) {
      out.push(words[i] ?? '');
      lastWasNumber = false;
      i++;
      continue;
    }
    // Two numbers in a row ("hai ba trăm người") stay two numbers.
    if (lastWasNumber) out.push(';');
    out.push(found.text);
    lastWasNumber = true;
    i = found.end;
    if (found.dropAfterNext) {
      out.push(words[i] ?? '');
      lastWasNumber = false;
      i += 2;
    }
  }
  return out.join(' ');
}

const SCALE_ALT = Object.keys(SCALES).join('|');
const NOT_SCALE_ALT = [...new Set(Object.values(NOT_SCALE).flatMap((words) => [...words]))].join('|');
const DIGITS_THEN_SCALE = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d+(?:[.,]\\d+)*)\\s+(${SCALE_ALT})(?:\\s+(${SCALE_ALT}))?(?:\\s+(rưỡi))?(?![\\p{L}\\p{M}])(?!\\s+(?:${NOT_SCALE_ALT})(?![\\p{L}\\p{M}]))`,
  'gu',
);

/** "1.400" (thousands), "1,4" and "1.4" (decimals) as numbers; null when unclear. */
function parseDigits(token: string): number | null {
  if (/^\d{1,3}(?:\.\d{3})+$/.test(token)) return Number(token.replace(/\./g, ''));
  if (/^\d+(?:[.,]\d+)?$/.test(token)) return Number(token.replace(',', '.'));
  return null;
}

/**
 * Number words and digits followed by a scale as plain digits: "bốn mươi phần trăm" →
 * "40 phần trăm", "hai triệu rưỡi" → "2500000", "1,4 triệu" → "1400000", "mười tháng mười"
 * → "10 tháng 10". Words that are not a quantity are kept.
 */
export function numberWordsToDigits(normalized: string): string {
  const words = normalized.replace(/[\p{L}\p{M}]+(?:[ \t\u00a0]+[\p{L}\p{M}]+)*/gu, convertRun);
  return words.replace(DIGITS_THEN_SCALE, (match, digits: string, first: string, second: string | undefined, half: string | undefined) => {
    const n = parseDigits(digits);
    const a = SCALES[first];
    if (n === null || a === undefined) return match;
    const b = second === undefined ? undefined : SCALES[second];
    // "2 nghìn tỷ" is 2×10¹²; a second scale that is not larger is not part of this number.
    if (b !== undefined && b > a) return format(n * a * b + (half ? (a * b) / 2 : 0));
    if (b !== undefined) return `${format(n * a)} ${second}${half ? ' rưỡi' : ''}`;
    return format(n * a + (half ? a / 2 : 0));
  });
}
