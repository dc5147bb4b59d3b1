/**
 * @module
 * What kind of answer a question asks for. The composer prefers a sentence that holds
 * that kind of fact (a date for "ngày nào", a number for "bao nhiêu", a body for
 * "cơ quan nào"), and declines when the passages hold none.
 */
import { foldDiacritics, foldedQuestion, hasDiacritics, normalizeVietnamese } from '../text/index.ts';
import { readCapitals } from '../text/normalize.ts';
import type { FacetKind } from './facets.ts';
import { memoized } from '../text/memo.ts';
import { HOW_OFTEN_ASKED } from '../retrieval/query.ts';

export type QuestionType = 'contact' | 'code' | 'date' | 'quantity' | 'who' | 'definition' | 'general';

/** A phone number is asked ("tổng đài số mấy"): a website does not answer it. */
const PHONE_QUESTION = /so dien thoai|(?:^|\s)sdt(?:\s|$)|hotline|tong dai|duong day nong|so fax/;
/** Asks for a phone number, an e-mail, an address, opening hours or the like (folded text); the facets use it too. */
export const CONTACT_QUESTION = new RegExp(`${PHONE_QUESTION.source}|lien he (?:\\S+ )?so (?:nao|may)|goi so (?:nao|may)|e-?mail|dia chi (?:lien he|tru so|co quan|website|trang web|web|truy cap|nao|o dau|la gi|cu the|chinh xac)|zalo cua|(?:^|\\s)gio (?:lam viec|mo cua|tiep dan)|(?:^|\\s)(?:o|tai|so nha) (?:duong|pho) nao|(?:^|\\s)so nha(?:(?: la)? (?:bao nhieu|nao|gi|may)(?=\\s|$|[?.,!])|(?=\\s*[?.,!]|$))`);
/** "<post> tên là gì" asks for a person (folded text); the facets use it too. */
export const POST_NAME_QUESTION = /(?:giam doc|truong ban|chu tich|bi thu|thu tuong|bo truong|nguoi dung dau|nguoi ky|lanh dao)(?: \S+){0,12}? ten (?:la )?gi/;

/** "bn" asking how many ("… là bn?"); "chào bn," is "bạn". */
export const BN_ASKS = String.raw`(?:^|\s)bn(?=\s|$|[?!])`;
/**
 * "ai" asking who ("ai ký", "là ai?", "ai cung cấp", "cử ai"), not "ai cũng" (everyone), "không ai" (no one) nor
 * "bất kỳ ai" (anyone): "có phải ai cũng được miễn thuế không?" asks yes or no.
 */
export const WHO_WORD = String.raw`(?<!(?:^|\s)(?:khong|bat ky|bat cu))(?:^|\s)ai(?! (?:cung(?! (?:cap|ung))|ai)(?:\s|$))(?:\s|$|\?)`;
/** A person asked by how one addresses them: "ông nào", "là ông bà nào", "đồng chí nào". */
export const PERSON_WORDS = String.raw`(?:^|\s)ong (?:ba )?nao|(?:^|\s)la ba nao|dong chi nao`;

/** What "mấy …" counts when it asks a number ("mấy xã", "mấy chương"); the facets add a few of their own. */
export const MAY_COUNTS = 'phan tram|%|nguoi|ty|nhom|quan diem|muc tieu|xa|phuong|don vi|doanh nghiep|chi tieu|lan|nam|trieu|nghin|dan toc|khoa hoc|hoc vien|to|dieu|chuong|khoan|trang|phu luc|tram|can bo|tieng|tuan|phut|thanh vien|thang|ngay|quy';

/** "mấy giờ": a time of day is asked (folded). */
const CLOCK_QUESTION = /(?:^|\s)(?:may gio|gio nao)(?=\s|$|[?.,!])/;

/** Documents that always carry a number ("Quyết định 229-QĐ/TW"), folded; a law is named by its title. */
const NUMBERED_KINDS = 'quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|ke hoach|huong dan|cong van|qd|nq|nd|kh';
/**
 * A document's number asked: "quyết định số mấy", "bằng quyết định nào", "theo nghị quyết nào của …", "số hiệu là gì"
 * (folded). The kind asked is the first group that matched. "số nào" only right after the kind: folded, "sở nào" (which
 * department: "Kế hoạch này do sở nào chủ trì?") reads the same.
 */
export const CODE_QUESTION = new RegExp(
  String.raw`(?:^|\s)(${NUMBERED_KINDS}) (?:\S+ ){0,2}?(?:so (?:may|bao nhieu)|so hieu (?:la )?(?:gi|bao nhieu|may|nao))(?=\s|$|[?.,!])|(?:^|\s)(${NUMBERED_KINDS}) so nao(?=\s|$|[?.,!])|(?:^|\s)(?:theo|bang|tai|can cu(?: vao)?|thuc hien|trien khai|cu the hoa) (${NUMBERED_KINDS}) (?:so )?(?:nao|gi|may)(?=\s|$|[?.,!])`,
);

/**
 * "Chủ tịch nước nào ký …", "Thủ tướng nào": a post only one person holds at a time, followed by "nào", asks which person
 * (folded); "bộ trưởng nào", "chủ tịch nào tổ chức thực hiện" may ask a ministry or a level.
 */
export const POST_WHICH = /(?:^|\s)(?:chu tich nuoc|pho thu tuong|thu tuong|tong bi thu) nao(?=\s|$|[?.,!])/;
/** A deadline asked ("thời hạn", "hạn chót là khi nào"), not whether there is one ("có … hạn chót không"): folded, for the types and the facets. */
export const DEADLINE_ASKED = String.raw`thoi han|(?:han chot|han nop)(?! (?:khong|chua)(?:\s|$|[?.,!]))`;

const TYPES: Array<[QuestionType, RegExp]> = [
  ['contact', CONTACT_QUESTION],
  ['code', CODE_QUESTION],
  ['date', new RegExp(String.raw`ngay nao|hom nao|ngay may|ngay bao nhieu|khi nao|bao gio|luc nao|nam nao|thang nao|${DEADLINE_ASKED}|truoc ngay|tu ngay nao|tu khi nao|thoi diem nao|ngay gi|${CLOCK_QUESTION.source}`)],
  ['quantity', new RegExp(String.raw`bao nhieu|${BN_ASKS}|(?:^|\s)may (?:${MAY_COUNTS})|(?:xep|dung) (?:thu|hang) (?:may|bao nhieu)|(?:^|\s)hang may|so luong|ty le|phan tram|bao lau|muc bao|chiem bao`)],
  ['who', new RegExp(String.raw`${WHO_WORD}|${PERSON_WORDS}|${POST_WHICH.source}|co quan nao|don vi nao|(?:^|\s)so nao|ben nao|nguoi nao|lanh dao nao|to chuc nao|bo nao|ban nao|chu tri|phu trach|chiu trach nhiem|giao cho|do ai|cua ai|ai ky|${POST_NAME_QUESTION.source}`)],
  ['definition', /la gi|nghia la|y nghia|khai niem|hieu the nao|noi dung chinh|gom nhung gi|gom nhung|bao gom/],
];

/**
 * "Ngày 01/10 là ngày gì?": a question that names its date asks what the day is, not when (folded): "ngày gì" reads "gì".
 */
export function dayNamed(folded: string): string {
  // (A date, not the digits of a number such as "193/2025/QH15".)
  const day = /(?<![\d/])\d{1,2}\/\d{1,2}(?!\d)/.test(folded) ? folded.replace(/(?<=^|\s)ngay gi(?=\s|$|[?.,!])/g, 'gi') : folded;
  // …and "Con số 98% … là tỷ lệ gì?", naming its figure, asks what the figure measures, not how much.
  return /\d\s?%/.test(day) ? day.replace(/(?<=^|\s)ty le (?:gi|nao)(?=\s|$|[?.,!])/g, 'gi') : day;
}

/** A choice that is a post, not a person: "Thủ tướng", "Phó TTg", "CT", "PCT" (folded, the whole choice; "pct" is read as "pho chu tich"). */
const POST_CHOICE = /^(?:la |ong |ba )?(?:pho )?(?:thu tuong|ttg|chu tich|ct|bo truong|tong bi thu|bi thu|truong ban|giam doc|chu nhiem)(?: [a-z]+){0,3}?\s*[?.!]*$/;

export function classifyQuestion(question: string): QuestionType {
  const folded = dayNamed(foldedQuestion(question));
  // "… thường xuyên hay có thời hạn?": an either/or question names its own answers.
  // (…unless a question who comes first, the choices after it: "NQ03 ai ký vậy, Thủ tướng hay Phó TTg?" asks who.)
  if (/\s(hay|hoac)\s(la\s)?(co\s)?[a-z]/.test(folded) && !/hay khong|hay chua/.test(folded)) {
    const asked = /^(.*\S)\s*,[^,]*\s(?:hay|hoac)\s[^,]*$/.exec(folded)?.[1];
    // (Only who, and only when each choice is a post: "ông Dũng hay ông Chính" names its own answers; "từ bao giờ, trước hay
    // sau khi có NQ57" chooses a relation, not a date.)
    const first = asked && !/\s(hay|hoac)\s/.test(asked) ? TYPES.find(([, pattern]) => pattern.test(asked))?.[0] : undefined;
    const choices = folded.slice((asked ?? '').length).replace(/^\s*,/, '').split(/\s(?:hay|hoac)\s/);
    return first === 'who' && choices.every((c) => POST_CHOICE.test(c.trim())) ? first : 'general';
  }
  for (const [type, pattern] of TYPES) if (pattern.test(folded)) return type;
  return 'general';
}

const DATE_IN_TEXT = /(?<!\d)\d{1,2}\/\d{1,2}(?:\/\d{4})?(?!\d)|tháng \d{1,2}(?!\d)|(?<!\d)(?:19|20)\d{2}(?!\d)/u;
const DATES_IN_TEXT = new RegExp(DATE_IN_TEXT.source, 'gu');
/** A time of day: "20 giờ", "8h30", "19:45". */
const TIME_IN_TEXT = /(?<!\d)\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?(?![\p{L}\d])|(?<![\d/])\d{1,2}:\d{2}(?!\d)/u;
/** The date of a source of figures: "tư liệu tổng hợp đến khoảng tháng 3/2026", "số liệu … công bố tháng 12/2025". */
const SOURCE_DATE = /(?<!\p{L})(?:tư liệu|số liệu)(?: [^,.;:]{0,50}?)? (?:tổng hợp|công bố|cập nhật)(?: (?:đến|vào|tới))?(?: khoảng)? (?:ngày |tháng |quý )?\d{1,2}(?:\/\d{4}|\/\d{1,2}(?:\/\d{4})?)?/giu;
/** When something will be, asked (folded): "khi nào thì", "bao giờ thì", "dự kiến năm nào", "sẽ … khi nào". */
const FUTURE_ASKED = /bao gio thi|khi nao thi|den khi nao|du kien (?:khi nao|bao gio|nam nao|thang nao)|khi nao se|bao gio se|(?:^|\s)se (?:\S+ ){0,6}?(?:khi nao|bao gio|nam nao)/;
/** A date things are counted by: "Tính đến ngày 26/3/2025", "tính đến quý III/2025". */
const AS_OF_DATE = /(?<!\p{L})tính (?:đến|tới) (?:hết |cuối |khoảng )?(?:ngày |tháng |quý |năm )?[\dIVX]+(?:\/\d{4}|\/\d{1,2}(?:\/\d{4})?)?/giu;
/** A day asked, not only a year: "ngày nào", "hôm nào". */
const DAY_QUESTION = /ngay nao|hom nao|ngay may|ngay bao nhieu|ngay thang(?: nam)? (?:nao|bao nhieu|may)/;
const DAY_IN_TEXT = /(?<!\d)\d{1,2}\/\d{1,2}(?!\d)|ngày \d{1,2} tháng \d{1,2}/u;
/** "bao lâu" (how long), not "bao lâu một lần" (how often). */
const DURATION_QUESTION = /bao lau(?!(?: \S+){0,4}? (?:mot|1) lan)/;
const DURATION_IN_TEXT = /(?<!\p{L})\d+(?:[.,]\d+)?\s*(?:ngày|tháng|năm|tuần|giờ|tiếng|phút)(?!\p{L})/u;
const SPAN_IN_TEXT = /(?<!\p{L})từ(?: ngày)? \d{1,2}\/\d{1,2}(?:\/\d{4})? đến(?: ngày)? \d{1,2}\/\d{1,2}/u;
/** "bao lâu (phải báo cáo) một lần", "mấy lần", "mấy tháng (họp) một lần". */
const HOW_OFTEN = String.raw`${HOW_OFTEN_ASKED.source}|(?:may|bao nhieu|bn) lan(?=\s|$|[?.,!])`;
const FREQUENCY_QUESTION = new RegExp(String.raw`${HOW_OFTEN}|dinh ky|thuong xuyen khong`);
/** A question only how often answers ("định kỳ", "hằng năm", "2 lần"; not a count, nor a rate "8,76% mỗi năm"). */
const HOW_OFTEN_QUESTION = new RegExp(HOW_OFTEN);
const HOW_OFTEN_IN_TEXT = /(?<!\p{L})(?:\d+|một|hai|ba|bốn) lần|định kỳ|(?<!\p{L})(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày)/iu;
const FREQUENCY_IN_TEXT = /(?<!\p{L})(?:hằng|hàng|mỗi) (?:năm|quý|tháng|tuần|ngày)|định kỳ|(?<!\p{L})(?:\d+|một|hai|ba) lần/iu;
const NUMBER_IN_TEXT = /\d/;
/** A count written in words before what it counts: "ba lĩnh vực", "bốn nhóm" ("năm" is left out: it is also "year"). */
const COUNT_IN_WORDS = /(?<!\p{L})(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|hàng trăm|hàng nghìn)\s\p{Ll}/u;
const MONEY_QUESTION = /bao nhieu (tien|ty|trieu|dong|nghin)|(ty|trieu|nghin) dong|kinh phi bao nhieu|bao nhieu kinh phi|(?:^|\s)(?:kinh phi|du toan)(?: \S+){0,9}? (?:la )?(?:bao nhieu|bn)(?=\s|$|[?.,!])|so tien|tien (?:la )?(?:bao nhieu|bn)|muc thuong|tri gia|muc phat(?=\s|$|[?.,!])|phat (?:bao nhieu|bn|may)/;
/** "lương … là bao nhiêu": a wage. Typed with marks it must be "lương" (not "lượng", nor Lê Văn Lương); without, not a known "… lượng" word. */
const WAGE_QUESTION = /(?:^|\s)(?<!(?:so|chat|dung|khoi|nang|luc|ham|dai|san|trong|luu|uoc|thuong|van) )luong(?: \S+){0,9}? (?:la )?(?:bao nhieu|bn)(?=\s|$|[?.,!])/;
const MONEY_IN_TEXT = /\d[\d.,]*\s*(?:đồng|tỷ|triệu|nghìn|USD|usd|VNĐ|vnđ)/u;
const BODY_IN_TEXT = /(?<!\p{L})(Sở|Ban|Bộ|Báo|Hội|Ủy ban|UBND|Đài|Chính phủ|Thủ tướng|Phó Thủ tướng|Tổng Bí thư|Bộ Chính trị|Quốc hội|Đoàn|Trung tâm|Tỉnh ủy|Chủ tịch)(?!\p{L})/u;

const CONTACT_IN_TEXT = /@|https?:\/\/|\.gov\.vn|(?<!\d)0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?!\d)/;
const PHONE_IN_TEXT = /(?<!\d)(?:0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}|1[89]00[ .]?\d{3,4}(?:[ .]?\d{2,3})?)(?!\d)/;

/**
 * What "bao nhiêu …" / "mấy …" counts, when it is a unit a number stands before in the text
 * ("73 điều", "45 xã", "80%"): "Luật có bao nhiêu chương?" is not answered by "gồm 73 điều".
 * Folded; only units whose count the documents write next to them.
 */
const COUNTED = /(?:bao nhieu|(?:^|\s)bn|(?:^|\s)may)\s(ho so|dieu|chuong|trang|khoan|phan tram|xa|phuong|tinh|huyen|nuoc|doanh nghiep|thanh vien|khoa hoc|hoc vien|to|nhom|bac|linh vuc|nhiem vu|giai phap|quan diem|muc tieu|dan toc|can bo|nhan vien|hoc sinh|sinh vien|giao vien|tram|chung chi|phu luc|nguoi|san pham|de tai|van ban|ba con|lan|buoi|tieng|gio|phut|tuan|hoi nghi|lop|dai bieu|chi tieu|thon|cai|chiec|%)(?=\s|$|[?,.!])/;
/** Counts written in words, with their marks ("sáu", not "sau": after). "năm" (five, or year) counts only right before its unit. */
const COUNT_WORDS = new Set(['hai', 'ba', 'bốn', 'sáu', 'bảy', 'tám', 'chín', 'mười']);
/** "bao nhiêu người" is counted in people of any kind: "gần 1 triệu cán bộ, đảng viên", "14.000 giáo viên". */
const PEOPLE = 'nguoi|ba con|hoc vien|can bo|dang vien|giao vien|hoc sinh|sinh vien|nha khoa hoc|chuyen gia|luot|thanh vien|doan vien|hoi vien';
/** A unit's pattern, built once per unit (a handful: COUNTED's). */
const UNIT_FORMS: Record<string, string> = { nguoi: PEOPLE, 'ba con': PEOPLE };
const unitPattern = memoized(100, (unit) => new RegExp(`(?<![\\p{L}])(?:${UNIT_FORMS[unit] ?? unit})(?![\\p{L}])`, 'gu'));

/**
 * Whether a text gives a count of `unit` (folded): a number one to three words before it, or a
 * count in words right before it ("năm quan điểm"). The unit is found on the folded text and the
 * count read on the text as written, so "sau đó các xã" is not six communes.
 */
function countsUnit(text: string, unit: string, ofCorpus: boolean): boolean {
  const { written, folded, same } = ofCorpus ? formsOf(text) : readForms(text);
  if (unit === 'phan tram' && /\d\s*%/.test(written)) return true;
  // "bao nhiêu cái" counts what the question named before ("Trong 50 nhiệm vụ … bao nhiêu cái đã nghiệm thu"): any
  // number of things answers, a share does not.
  if (unit === 'cai' || unit === 'chiec') return /(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,])(?!\s*%)/.test(written);
  for (const match of folded.matchAll(unitPattern(unit))) {
    const before = (same ? written : folded).slice(Math.max(0, match.index - 40), match.index).split(/\s+/).filter(Boolean).slice(-3);
    if (before.some((w) => /^\d[\d.,–-]*%?$/.test(w))) return true;
    const last = before.at(-1);
    if (same && last !== undefined && (COUNT_WORDS.has(last) || last === 'năm')) return true;
  }
  return false;
}

/** A sentence as written (normalised) and folded; folding keeps the length of NFC text letter for letter, else only numbers count. */
function readForms(text: string): { written: string; folded: string; same: boolean } {
  const written = normalizeVietnamese(text);
  const folded = foldDiacritics(written);
  return { written, folded, same: folded.length === written.length };
}
const formsOf = memoized(20_000, readForms);

/** What a question counts by its unit: "mấy" as written (not "máy", a machine), or "bao nhiêu". */
function countedUnit(question: string): string | null {
  const normal = normalizeVietnamese(readCapitals(question));
  // Typed with marks, a word folding to "may" is "mấy" only as written: "máy tính" counts no province.
  const text = hasDiacritics(normal) ? normal.replace(/(?<!\p{L})(?:máy|mây|mày|mầy|mẩy|mạy|mảy|mãy|may)(?!\p{L})/gu, '_') : normal;
  const unit = COUNTED.exec(foldedQuestion(text))?.[1] ?? null;
  // "bn %" asks a percentage, as "bao nhiêu phần trăm" does.
  return unit === '%' ? 'phan tram' : unit;
}

// The composer checks every unit against the same question: derive its facts once.
interface QuestionFacts {
  question: string;
  asked: string[];
  money: boolean;
  frequency: boolean;
  /** Only how often answers it ("mấy tháng một lần"). */
  howOften: boolean;
  person: boolean;
  group: boolean;
  counted: string | null;
  phone: boolean;
  /** "năm nào", "năm bao nhiêu": a year is asked. */
  year: boolean;
  /** "xã nào", "huyện nào": the kind of place asked (folded), or null. */
  place: string | null;
  /** "mấy giờ": a time of day is asked. */
  clock: boolean;
  /** "ngày nào": a day is asked, not only a year. */
  day: boolean;
  /** "quyết định số mấy": a document's number is asked, of that kind (folded; "" for any), or null. */
  code: string | null;
  /** "số liệu … công bố khi nào": the figures themselves are asked about. */
  source: boolean;
  /** "khi nào thì …", "bao giờ thì … sẽ …": when something will be is asked. */
  future: boolean;
  /** "bao lâu": a length of time is asked. */
  duration: boolean;
  /** "ai ký", "thủ tướng hay phó thủ tướng ký": who signed is asked, not who holds a post. */
  signer: boolean;
  /** "của ai ban hành", "cơ quan nào ban hành": who issued a document is asked. */
  issuer: boolean;
}
let lastQuestion: QuestionFacts | null = null;

function questionFacts(question: string): QuestionFacts {
  if (lastQuestion?.question !== question) {
    const folded = foldedQuestion(question);
    lastQuestion = {
      question,
      asked: question.match(/\d+(?:[/.,]\d+)*/g) ?? [],
      counted: countedUnit(question),
      phone: PHONE_QUESTION.test(folded),
      money: MONEY_QUESTION.test(folded) || (WAGE_QUESTION.test(folded) && (!hasDiacritics(question) || /(?<!\p{L})lương(?!\p{L})/u.test(normalizeVietnamese(question)))),
      frequency: FREQUENCY_QUESTION.test(folded),
      howOften: HOW_OFTEN_QUESTION.test(folded),
      person: PERSON_QUESTION.test(folded) || POST_ASKED.test(folded) || POST_WHICH.test(folded) || postOfBodyAsked(folded) !== null,
      group: GROUP_QUESTION.test(folded),
      year: YEAR_ASKED.test(folded),
      place: PLACE_UNIT_ASKED.exec(folded)?.[1] ?? null,
      clock: CLOCK_QUESTION.test(folded),
      day: DAY_QUESTION.test(folded),
      duration: DURATION_QUESTION.test(folded),
      code: codeKind(folded),
      source: /(?:^|\s)(?:so lieu|tu lieu|cong bo|tong hop)(?:\s|$|[?.,!])/.test(folded),
      future: FUTURE_ASKED.test(folded),
      signer: SIGNER_ASKED.test(folded),
      issuer: ISSUER_ASKED.test(folded),
    };
  }
  return lastQuestion;
}

/** The kind of document whose number is asked ("quyet dinh"), "" for a number of no kind said, null when none is asked. */
function codeKind(folded: string): string | null {
  const match = CODE_QUESTION.exec(folded);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/** A document named by its number: "Quyết định 229-QĐ/TW", "Nghị quyết 57", "793/BTTTT-THH", "1661/NQ-UBTVQH15". */
const CODE_IN_TEXT = /(?<!\p{L})(?:Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Kế hoạch|Hướng dẫn|Công văn|QĐ|NQ|KH) (?:số )?\d+|(?<![\p{L}\d])\d+(?:\/\d{4})?\s*[-/]\s*\p{Lu}{2,}/u;
/** The letters of a kind's code, by the words it is typed with (folded): "nghị quyết", "NQ" → nq. */
export const KIND_LETTERS: Readonly<Record<string, string>> = { 'nghi quyet': 'nq', nq: 'nq', 'quyet dinh': 'qd', qd: 'qd', 'ke hoach': 'kh', kh: 'kh', 'nghi dinh': 'nd', nd: 'nd', luat: 'luat' };
/** How each kind's number is written: a decision's "Quyết định 505" or "…/QĐ-…", a resolution's "Nghị quyết 57", "…/NQ-…" or "…/QH15". */
const CODE_OF_KIND: Readonly<Record<string, RegExp>> = {
  qd: /Quyết định (?:số )?\d|QĐ/u,
  nq: /Nghị quyết (?:số )?\d|NQ|\/QH\d/u,
  // ("KH&CN", "KHCN" are no plan.)
  kh: /Kế hoạch (?:số )?\d|[-/]KH(?![\p{L}&])/u,
  nd: /Nghị định (?:số )?\d|NĐ/u,
};

const POSTS = 'pho truong bcd|truong bcd|pho truong ban|truong ban|pho chu tich|chu tich|pho giam doc|giam doc|tong bi thu|bi thu|pho thu tuong|thu tuong|bo truong|thu truong|chu nhiem|tong bien tap|doi truong|to truong';
/** "ai làm chủ tịch …", "Chủ tịch … là ai", "Phó trưởng BCĐ … còn những ai": the post a person is asked for by (folded, the first group of either). */
const POST_ASKED = new RegExp(
  String.raw`(?:^|\s)(?:ai|ong nao|ba nao|ong ba nao|nguoi nao|nhung ai|nhung nguoi)(?: \S+){0,2}? (?:la|lam|giu|dam nhiem)(?: chuc| vai tro| cuong vi| vi tri)? (${POSTS})(?=\s|$|[?.,!])|(?:^|\s)(${POSTS}) (?:\S+ ){0,14}?(?:la|hien nay la|bay gio la|gom|con(?: co)?) (?:nhung )?(?:ai|ong nao|ba nao)(?=\s|$|[?.,!])`,
);
/** "Thứ trưởng Bộ KH&CN nào": a post of a body named before "nào" (the words between, folded). */
const POST_OF_BODY = new RegExp(String.raw`(?:^|\s)(${POSTS}) (?:bo|so) ((?:\S+ ){1,6}?)nao(?=\s|$|[?.,!])`);
/** …but not when a verb or a body noun stands between ("Giám đốc Sở KHCN phối hợp với đơn vị nào", "… giao bộ nào"). */
const NOT_A_NAME = /(?:^|\s)(?:giao|phoi|hop|voi|chi|dao|ban|hanh|yeu|cau|cho|lam|de|la|co|duoc|tham|muu|xet|va|cua|don|vi|co quan|to chuc|nganh|so|bo)\s*$|(?:^|\s)(?:giao|phoi hop|voi|chi dao|ban hanh|yeu cau|cho|lam|de|la|co|duoc|tham muu|xet)\s/;

/** The post a question asks the holder of by a post of a named body and "nào", or null. Folded. */
function postOfBodyAsked(folded: string): string | null {
  const match = POST_OF_BODY.exec(folded);
  return match && !NOT_A_NAME.test(match[2] ?? '') ? (match[1] ?? null) : null;
}

/** The post a question asks a person by ("chu tich"), folded, or null. */
export function askedPost(question: string): string | null {
  const folded = foldedQuestion(question);
  const match = POST_ASKED.exec(folded);
  // "Phó Trưởng BCĐ": the post is the board's, as the documents write it ("Phó Trưởng ban").
  return (match?.[1] ?? match?.[2] ?? postOfBodyAsked(folded))?.replace(/ bcd$/, ' ban') ?? null;
}

/** Whether the question asks for a person ("ai ký", "ai là Trưởng ban"), not a body. */
export function asksForPerson(question: string): boolean {
  return questionFacts(question).person;
}

/** "ai ký", "ai là Trưởng ban", "ai làm giám đốc": a person is asked for, not a body. */
// "ai là trung tâm, là chủ thể" asks for a group, not a person: a title must follow.
const PERSON_QUESTION =
  new RegExp(String.raw`ai ky|nguoi ky|do ai ky|chu ky cua (?:ai|vi nao|(?:vi |ong |ba )?(?:lanh dao|nguoi|dong chi) nao)|thay mat(?: \S+){1,3} ky(?=\s*(?:[?.,!]|$)|\s(?:nghi quyet|quyet dinh|ke hoach|van ban|luat|qd|nq|kh)(?:\s|$|[?.,!]))|ky ten (?:la )?ai(?=\s|$|[?.,!])|(?:^|\s)(?:ai|nguoi nao) dung ten(?: ky)?(?=\s|$|[?.,!])|(?:^|\s)(?:ong|ba|nguoi|dong chi|lanh dao) nao (?:dat but |dung ten )?ky|dat but ky|ai (?:(?:hien )?(?:nay|dang|gio) |hien )?(?:la|lam|giu|dam nhiem) (?:(?:chuc |vai tro |cuong vi |vi tri )?(?:truong|pho|doi truong|to truong|chu tich|giam doc|bi thu|tong bi thu|thu tuong|bo truong|thu truong|chu nhiem|tong bien tap|nguoi dung dau|dung dau)|nguoi (?:ky|dung dau|chu tri|phat dong))|ai dung dau|${POST_NAME_QUESTION.source}|nguoi dung dau|(?:giam doc|truong ban|chu tich|bi thu|thu tuong|bo truong|tong bien tap|pho truong ban(?: thuong truc)?|(?:pho )?truong bcd) (?:\S+ ){0,14}?(?:la|hien nay la|bay gio la|con(?: co)?(?: nhung)?) (?:ai|ong (?:ba )?nao|ba nao)`);
/** "cho những ai", "đối tượng nào", "nhóm nào": a group of people is asked for. */
const GROUP_QUESTION = /nhung ai|(?:cho|toi|den|voi|huong toi|phuc vu) ai|doi tuong nao|nhom (?:doi tuong )?nao|nhung nhom|ai la chinh/;
const GROUP_IN_TEXT = /(?<!\p{L})(?:người dân|Nhân dân|nhân dân|học sinh|sinh viên|giáo viên|nhà giáo|cán bộ|công chức|viên chức|doanh nghiệp|thanh niên|phụ nữ|nông dân|đảng viên|hội viên|đoàn viên|nhà khoa học|trẻ em|thiếu nhi|người lao động|đồng bào|người trưởng thành|chuyên gia)(?!\p{L})/u;

/** A person named after a title: "Tổng Bí thư Tô Lâm", "Phó Chủ tịch UBND tỉnh Vừ A Bằng". */
// …whose name is not a body's ("Bộ trưởng Bộ Thông tin và Truyền thông" names no one).
// (Only words no Vietnamese name is made of: "Văn", "Quốc", "Công" are in many.)
const BODY_WORD = '(?!(?:Bộ|Sở|Ban|Ủy|Tỉnh|Thông|Khoa|Nhà|Đảng|Giáo|Mặt|Thủ|Phó|Học|Viện|Điện|Tổng|Cục|Ngân|Kho|Truyền|Du|Thể|Ngoại|Xây)(?!\\p{L}))';
const PERSON_IN_TEXT = new RegExp(
  `(?<!\\p{L})(?:Tổng Bí thư|Thủ tướng|Chủ tịch|Bộ trưởng|Thứ trưởng|Giám đốc|Bí thư|Trưởng ban|Trưởng Ban|Tổng Biên tập|Tổng biên tập|đồng chí|ông|bà)\\s(?:[\\p{L}.()]+\\s){0,8}?${BODY_WORD}\\p{Lu}\\p{Ll}*\\s${BODY_WORD}\\p{Lu}\\p{Ll}*`,
  'u',
);
/** Who signed is asked ("ai ký", "do đồng chí nào ký", "thủ tướng hay phó thủ tướng ký"). Folded. */
// ("ai phụ trách kỹ thuật", "ai hướng dẫn kỹ năng" ask no signer: "ký" ends the question or names what was signed.)
const SIGNER_ASKED =
  /(?:^|\s)(?:ai|(?:ong|ba|dong chi|lanh dao|vi|nguoi) nao|thu tuong|tong bi thu|chu tich)(?: \S+){0,2}? (?<!(?:nhiem|thoi|hoc|dinh) )ky(?: ban hanh)?(?=\s*(?:[?.,!]|$)|\s(?:nghi quyet|quyet dinh|van ban|ke hoach|luat|thong bao|vay|the|a|nhi|do|ay|v)(?:\s|$|[?.,!]))|nguoi ky|dung ten ky|dat but ky|chu ky cua|thay mat(?: \S+){1,3} ky(?=\s*(?:[?.,!]|$)|\s(?:nghi quyet|quyet dinh|ke hoach|van ban|luat|qd|nq|kh)(?:\s|$|[?.,!]))/;
/** Who issued a document is asked: "của ai ban hành", "do cơ quan nào ban hành" (folded). */
const ISSUER_ASKED = /(?:^|\s)(?:ai|(?:co quan|don vi|cap|ben) nao)(?: \S+){0,1}? ban hanh(?=\s|$|[?.,!])/;
/** A sentence saying who issued or signed a document. */
const ISSUED = /(?<!\p{L})(?:ban hành|Ban hành|ký|Ký)(?!\p{L})(?! hiệu| số)/u;
/** A sentence saying who signed. */
const SIGNED = /(?<!\p{L})(?<!đăng |Đăng )(?:ký|Ký)(?!\p{L})(?! hiệu| số)/u;
/** A post held by whoever holds another: "do Bí thư Tỉnh ủy làm Trưởng ban" answers "ai là Trưởng ban". */
const ROLE_HOLDS_POST = /(?:Tổng Bí thư|Thủ tướng Chính phủ|Bí thư Tỉnh ủy|Chủ tịch (?:UBND|Ủy ban nhân dân) tỉnh|Giám đốc Sở(?:\s\p{Lu}\p{Ll}*)+)\s(?:làm|là)\s(?:Phó\s)?(?:Trưởng|Chủ tịch|Giám đốc|Chủ nhiệm)/u;

/** A sentence without its years, dates and document numbers ("57-NQ/TW", "193/2025/QH15"): none is an amount. */
function stripDatesAndNumbers(text: string): string {
  return text
    .replace(/\d+(?:\/\d{4})?\s*[-/]\s*\p{Lu}[\p{Lu}\p{L}&-]*(?:\/[\p{Lu}\d-]+)?/gu, ' ')
    // "Quyết định 1169", "NQ 57", "Luật 93": a document named by its number.
    .replace(/(?<!\p{L})(?:Quyết định|Nghị quyết|Nghị định|Kế hoạch|Chỉ thị|Thông tư|Luật|Đề án|Quy định|Công văn|QĐ|NQ|KH|NĐ)\s?\d+(?![\d%]|[,.]\d)/giu, ' ')
    .replace(DATES_IN_TEXT, ' ')
    .replace(/(?<!\d)(?:19|20)\d{2}(?!\d)/g, ' ');
}
const withoutDatesAndNumbers = memoized(20_000, stripDatesAndNumbers);

/**
 * Whether a sentence holds the kind of fact the question asks for. Figures the question
 * itself contains do not count: "bao nhiêu điểm năm 2026" is not answered by "năm 2026".
 */
export function holdsAnswerType(type: QuestionType, text: string, question = ''): boolean {
  const facts = questionFacts(question);
  const { asked, money, frequency, counted } = facts;
  // The sentence as the corpus has it is read once (memos); without the question's figures it is this question's own.
  const sentence = text;
  if (asked.length > 0 && (type === 'date' || type === 'quantity' || type === 'code')) {
    for (const figure of asked) text = text.split(figure).join(' ');
  }
  const ofCorpus = text === sentence;
  switch (type) {
    case 'contact':
      return facts.phone ? PHONE_IN_TEXT.test(text) : CONTACT_IN_TEXT.test(text);
    case 'code':
      // "bằng quyết định số mấy" is answered by a decision's number, not by the plan it implements ("Kế hoạch 252-KH/TU").
      return CODE_IN_TEXT.test(text) && (CODE_OF_KIND[KIND_LETTERS[facts.code ?? ''] ?? '']?.test(text) ?? true);
    case 'date':
      // "Theo tư liệu tổng hợp đến khoảng tháng 3/2026, … còn 105 thôn chưa có điện": when the figures were gathered,
      // not when anything happens ("bao giờ thì … được kéo điện?").
      // (Unless the figures' own date is asked: "số liệu … công bố khi nào?")
      if (!facts.source) text = text.replace(SOURCE_DATE, ' ');
      // "Khi nào thì Điện Biên phủ sóng 5G khắp tỉnh?" asks when something will be: "Tính đến ngày 26/3/2025, tỉnh có 38
      // trạm 5G" says what was so by then, not when it will be.
      if (facts.future) text = text.replace(AS_OF_DATE, ' ');
      // "phát lúc mấy giờ" is answered by a time of day, not by a date; "có hiệu lực từ ngày nào" by a day, not by a year.
      if (facts.clock) return TIME_IN_TEXT.test(text);
      return facts.day ? DAY_IN_TEXT.test(text) : DATE_IN_TEXT.test(text);
    case 'quantity':
      // A year, a date or a document number is not an amount; money questions need an amount of money.
      text = ofCorpus ? withoutDatesAndNumbers(text) : stripDatesAndNumbers(text);
      // …and by nothing else: "họp định kỳ mấy tháng một lần" is not answered by a count of members, nor
      // "mấy lần mỗi năm" by a growth rate "8,76% mỗi năm".
      if (facts.howOften) return HOW_OFTEN_IN_TEXT.test(text);
      // "họp định kỳ không": how often, or "định kỳ" alone, answers.
      if (frequency && FREQUENCY_IN_TEXT.test(text)) return true;
      // "bao lâu" is answered by a length of time, or by the dates it runs from and to.
      if (facts.duration) return DURATION_IN_TEXT.test(text) || SPAN_IN_TEXT.test(sentence);
      if (counted) return countsUnit(text, counted, ofCorpus);
      return money ? MONEY_IN_TEXT.test(text) : NUMBER_IN_TEXT.test(text) || COUNT_IN_WORDS.test(text);
    case 'who':
      // Who signed is said beside the signing ("… ký", "Người ký: …"), not by who heads a board.
      if (facts.signer) return PERSON_IN_TEXT.test(text) && SIGNED.test(text);
      // "Quyết định đó của ai ban hành?" is answered beside its issuing or signing, not by a body the decision names.
      if (facts.issuer && !ISSUED.test(text)) return false;
      if (facts.person) return PERSON_IN_TEXT.test(text) || ROLE_HOLDS_POST.test(text);
      // "cho những ai", "đối tượng nào": groups of people answer as well as bodies.
      return BODY_IN_TEXT.test(text) || (facts.group && GROUP_IN_TEXT.test(text));
    default:
      return true;
  }
}

/** "năm nào", "năm bao nhiêu": a year is asked (folded text). */
const YEAR_ASKED = /(?:^|\s)nam (?:nao|bao nhieu|may)(?:\s|$|[?.,!])/;
/** Whether a heading names a year ("2.3. Đến năm 2030") the question does not itself name. */
function headingYear(heading: string, question: string): boolean {
  return (heading.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []).some((year) => !question.includes(year));
}

// "tại Điều 7 Luật …", "tại Hội nghị": where a rule or a statement is, not a place. A province, commune or district
// is a place after "tại", "ở", "đến", "thuộc"…, or opening a sentence; in a name ("Trung tâm Đổi mới sáng tạo tỉnh
// Điện Biên", "IOC của tỉnh Điện Biên") it says whose, not where.
const PLACE_IN_TEXT = /(?<!\p{L})(?:tại|ở) (?!(?:Điều|Khoản|Mục|Chương|Phụ lục|Quyết định|Nghị quyết|Nghị định|Luật|Thông báo|Thông tư|Kế hoạch|Quy định|Chỉ thị|Công văn|Hội nghị|Phiên|Đại hội)(?!\p{L}))\p{Lu}|(?<!\p{L})(?:Hà Nội|Thành phố|TP\.|Trung tâm Hội nghị|Cung Văn hóa|Lào|Trung Quốc|(?<=(?:^|[\s,;:(])(?:[Tt]ại|[Ởở]|[Đđ]ến|[Vv]ề|[Tt]huộc|địa bàn|các|và|gồm) )(?:tỉnh|xã|phường|huyện|thị xã|thành phố) \p{Lu}|^(?:Tỉnh|Xã|Huyện) \p{Lu})/u;
const PURPOSE_IN_TEXT = /(?<!\p{L})(?:(?:bởi )?vì(?!\p{L})(?! vậy| thế)|nhằm|mục đích|góp phần|hướng tới|có (?:nhiệm vụ|chức năng)|để (?:nâng cao|tạo|thúc đẩy|bảo đảm|đảm bảo|phục vụ|giúp|người dân|mọi người|hình thành|phát triển|đưa))(?!\p{L})/u;
const STATUS_IN_TEXT = /(?<!\p{L})(?:đạt|đã|hiện(?! đại)|đến nay|tính đến|kết quả|còn hiệu lực|hết hiệu lực|thay thế)(?!\p{L})|\d/u;

/** "xã nào", "huyện nào": the kind of place asked, folded, and how the documents write it. */
const PLACE_UNIT_ASKED = /(?:^|\s)(xa|phuong|huyen|tinh)(?: thanh)? nao(?:\s|$|[?.,!])/;
const PLACE_UNITS: Record<string, RegExp> = { xa: /(?<!\p{L})xã \p{Lu}/u, phuong: /(?<!\p{L})phường \p{Lu}/u, huyen: /(?<!\p{L})huyện \p{Lu}/u, tinh: /(?<!\p{L})[Tt]ỉnh \p{Lu}/u };

/** Whether a sentence (with its section heading) holds the kind of fact a facet asks for. */
export function holdsFacet(kind: FacetKind, text: string, heading: string, question: string): boolean {
  switch (kind) {
    case 'contact':
      return holdsAnswerType('contact', text, question);
    case 'code':
      return holdsAnswerType('code', text, question);
    case 'when':
      // "chỉ tiêu 80% … là của năm nào": a target listed under "Đến năm 2030" is that year's.
      return holdsAnswerType('date', text, question) || (questionFacts(question).year && headingYear(heading, question));
    case 'quantity':
      return holdsAnswerType('quantity', text, question);
    case 'who':
      // (Who issued is said in the sentence: "… ngày ký và người ký" heads sentences that say neither.)
      return holdsAnswerType('who', `${text} ${heading}`, question) && (!questionFacts(question).issuer || ISSUED.test(text));
    case 'where': {
      // "xã nào …": a commune named ("xã Mường Phăng"), not the province.
      const unit = questionFacts(question).place;
      return unit ? (PLACE_UNITS[unit] as RegExp).test(text) : PLACE_IN_TEXT.test(text);
    }
    case 'why':
      return PURPOSE_IN_TEXT.test(text) || /mục đích|ý nghĩa/i.test(heading);
    case 'status':
      return STATUS_IN_TEXT.test(text) || /kết quả/i.test(heading);
    case 'subject':
      return true;
  }
}
