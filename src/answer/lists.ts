/**
 * @module
 * A list asked of things the question counts: "11 công nghệ chiến lược … là những công nghệ
 * nào?" asks their names, and "Chính phủ đã phê duyệt 11 công nghệ chiến lược." only says
 * again how many there are. An answer leading with such a sentence answers nothing asked:
 * a sentence that names them leads instead, or the question is declined honestly.
 * Matching is on folded text, so tone marks do not change what is asked.
 */
import { foldedQuestion, looseForm } from '../text/index.ts';

/** A count the question states and asks the members of: its number and the syllable it counts ("cong"). */
export interface CountedList {
  count: number;
  /** What is counted, folded, in one or two syllables: "11 công nghệ" → "cong nghe", "3 phường của" → "phuong" (a group or a kind, "11 nhóm công nghệ", counts the same). */
  noun: string;
}

const COUNT_WORDS = ['', 'mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi'];

/** "11 công nghệ", "35 sản phẩm", "16 cơ sở dữ liệu": a small count (not a year, a date, a figure or a document's number, "nghị quyết 57") and what follows it. */
const COUNTED = /(?:^|\s)(?<!(?:nghi quyet|quyet dinh|ke hoach|nghi dinh|thong bao|chi thi|thong tu|de an|van ban|luat|chuong|dieu|(?<!danh )muc|so|nq|qd|kh|nd|tb|ct|tt|ttg|cp) )(\d{1,3})\s(?!(?:nam|thang|ngay|gio|phut|tuoi|lan|phan|%)(?:\s|$))(?:(?:nhom|loai) )?([a-z]+)(?: ([a-z]+))?/g;

/** Asking for the members: "là những … nào", "gồm những gì", "kể tên", "tên từng …", "tên là gì", "danh sách … gồm", "cụ thể là gì". */
const MEMBERS_ASKED =
  /(?:^|\s)nhung (?:\S+ ){0,3}nao(?=\s|$|[?.,!])|gom (?:nhung )?(?:gi|cai gi|\S+ nao)(?=\s|$|[?.,!])|ke ten|ten (?:cu the )?(?:tung|cac|nhung)(?=\s|$|[?.,!])|(?:^|\s)ten (?:la )?gi(?=\s|$|[?.,!])|tung cai|(?:^|\s)danh sach (?:\S+ ){0,5}(?:gom|la|nhu the nao)(?=\s|$|[?.,!])|cu the la (?:nhung |cac )?(?:gi|\S+ nao)(?=\s|$|[?.,!])/;

/** Words that end what is counted: "3 phường của tỉnh" counts "phường". */
const FUNCTION_WORDS = new Set(['la', 'cua', 'o', 'tai', 'duoc', 'da', 'co', 'gom', 'nay', 'do', 'ma', 'thi', 'va', 'trong', 'nao', 'deu', 'sau', 'ten', 'nhu', 'cu', 'vay', 'a', 'moi', 'khac', 'tren', 'voi', 'de', 'lam', 'chinh', 'dung', 'nhung', 'cac', 'ay', 'kia', 'nua']);

/** The count the question states and asks the members of, or null. */
export function countedListAsked(question: string): CountedList | null {
  const folded = foldedQuestion(question);
  if (!MEMBERS_ASKED.test(folded)) return null;
  for (const match of folded.matchAll(COUNTED)) {
    const count = Number(match[1]);
    const second = match[3];
    if (count >= 2) return { count, noun: second && !FUNCTION_WORDS.has(second) ? `${match[2]} ${second}` : (match[2] as string) };
  }
  return null;
}

/** A leading circumstance ("Tính đến quý III/2025, …", "Theo Nghị quyết …, …") is not part of a list. */
const LEADING_CIRCUMSTANCE = /^(?:tinh den|tinh toi|theo|tu ngay|tu|den|toi|tai|trong|nam|sau|hien nay)\s[^,:;]*,\s/;

/** The separators of a list: a colon, a semicolon, a comma, "và". */
function separators(folded: string): number {
  return (folded.match(/[,;:]|\sva\s/g) ?? []).length;
}

function statesCount(folded: string, list: CountedList): boolean {
  const word = COUNT_WORDS[list.count];
  return new RegExp(String.raw`(?:^|\s)(?:${list.count}${word ? `|${word}` : ''}) (?:(?:nhom|loai) )?${list.noun}(?:\s|$|[.,;:])`).test(folded);
}

/**
 * Whether a sentence only says how many there are: it states the count ("11 công nghệ",
 * "ba phường") and lists nothing (fewer than two separators once a leading circumstance is set aside).
 */
export function onlyCounts(text: string, list: CountedList): boolean {
  const folded = looseForm(text);
  return statesCount(folded, list) && separators(folded.replace(LEADING_CIRCUMSTANCE, '')) < 2;
}

/**
 * Whether a sentence names the members: it states the count and lists ("ba phường … là phường Điện Biên Phủ, phường
 * Mường Thanh và phường Mường Lay"), or names what is counted three times over ("phường A, phường B, phường C").
 * ("khoa học, công nghệ, đổi mới sáng tạo" lists, but not the "11 công nghệ chiến lược".)
 */
export function namesMembers(text: string, list: CountedList): boolean {
  const folded = looseForm(text);
  const listed = separators(folded.replace(LEADING_CIRCUMSTANCE, '')) >= 2;
  const named = (folded.match(new RegExp(String.raw`(?:^|\s)${list.noun}(?=\s|$)`, 'g')) ?? []).length;
  return listed && (statesCount(folded, list) || named >= 3);
}
