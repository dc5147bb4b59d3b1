/**
 * @module
 * What a question asks, facet by facet: "Quyết định đó ký ngày nào, ai ký?" asks when and
 * who; "Chỉ tiêu là bao nhiêu, hiện đạt tới đâu rồi?" asks how much and how far. The
 * composer leads with the best sentence for each facet, in the order asked, and says
 * plainly when the documents hold none for one of them. Matching is on folded text, so tone
 * marks do not change what is asked.
 */
import { documentCodes, foldDiacritics, foldedQuestion, hasDiacritics, normalizeVietnamese, readCapitals } from '../text/index.ts';
import { NOW } from './alignment.ts';
import { BN_ASKS, CODE_QUESTION, CONTACT_QUESTION, dayNamed, DEADLINE_ASKED, MAY_COUNTS, PERSON_WORDS, POST_NAME_QUESTION, POST_WHICH, WHO_WORD, type QuestionType } from './question-type.ts';

export type FacetKind = 'contact' | 'code' | 'when' | 'quantity' | 'who' | 'where' | 'why' | 'subject' | 'status';

export interface Facet {
  kind: FacetKind;
  /** Where in the (folded) question it is asked: facets are answered in this order. */
  at: number;
}

/** Question words per facet, on folded text. The first match of each kind places it. */
const PATTERNS: Array<[FacetKind, RegExp]> = [
  ['contact', new RegExp(CONTACT_QUESTION.source, 'g')],
  ['code', new RegExp(CODE_QUESTION.source, 'g')],
  ['when', new RegExp(String.raw`ngay nao|hom nao|ngay may|ngay bao nhieu|khi nao|bao gio|luc nao|nam nao|thang nao|${DEADLINE_ASKED}|tu ngay nao|tu khi nao|thoi diem nao|ngay gi|(?:^|\s)ky ngay(?:\s|$)|thoi gian nao`, 'g')],
  ['quantity', new RegExp(String.raw`bao nhieu|${BN_ASKS}|bao lau|(?:^|\s)may (?:${MAY_COUNTS}|he thong|nhiem vu|giai doan|tinh|huyen|linh vuc|noi dung|giai phap|diem)|(?:xep|dung) (?:thu|hang) (?:may|bao nhieu)|(?:^|\s)hang may|so luong|ty le|phan tram|muc bao|chiem bao`, 'g')],
  ['who', new RegExp(String.raw`${WHO_WORD}|${PERSON_WORDS}|${POST_WHICH.source}|co quan nao|don vi nao|(?:^|\s)so nao|ben nao|nguoi nao|lanh dao nao|to chuc nao|(?:^|\s)bo nao|(?:^|\s)ban nao|chu tri|phu trach|chiu trach nhiem|giao cho(?=\s*(?:[?.,!]|$))|do ai|cua ai|ai ky|nguoi ky|nhom doi tuong nao|doi tuong nao|nhom nao|${POST_NAME_QUESTION.source}`, 'g')],
  ['where', /o dau|tai dau|dia diem nao|(?:(?<!(?:chua|khong|da) )dat|nam|to chuc|dien ra) (?:o|tai) cho nao|so nha (?:\d|nao|bao nhieu|may)|duong nao|thanh pho nao|tinh thanh nao|(?:^|\s)noi nao|dia ban nao|(?:^|\s)tinh nao|(?:^|\s)xa nao|(?:^|\s)huyen nao|(?<!chu tich)(?:^|\s)nuoc nao|quoc gia nao/g],
  ['why', /vi sao|tai sao|(?:^|\s)sao lai (?:chon|la|lay|goi)|ly do chon|nham muc dich gi|muc dich (?:gi|la gi|chinh)|(?:muc dich|y nghia) cua (?:\S+ )+?la gi|de lam gi|nham (?:gi|lam gi)|(?:muon|de|nham) dat (?:duoc )?(?:dieu )?gi|vi ly do gi|ly do (?:gi|nao)|y nghia (?:gi|la gi|the nao)/g],
  ['status', /hien (?:dat|nay|da|gio)(?=\s|$|[?,.!])|bay gio|da dat|dat (?:duoc )?(?:toi|den) dau|ket qua (?:ra sao|the nao|nhu the nao|den nay|hien nay)|den nay|con hieu luc|hieu luc (?:khong|chua)/g],
  ['subject', /(?:^|\s)la gi|la cai gi|noi ve (?:cai )?gi|(?:la )?ve (?:chuyen|cai|viec) gi|la ve gi|noi (?:chuyen|cai) gi|ve van de gi|ve viec gi|duoc xac dinh la gi|noi dung (?:chinh )?(?:la )?gi|gom nhung gi|bao gom nhung gi|la (?:chuong trinh|van ban|phong trao|chinh sach) gi|de cap (?:den |toi )?(?:nhung )?(?:linh vuc|van de|noi dung|viec) (?:nao|gi)|ve (?:nhung )?(?:linh vuc|van de) (?:nao|gi)/g],
];

/** The facets a question asks, in the order it asks them (one per kind). */
export function detectFacets(question: string): Facet[] {
  const folded = dayNamed(foldedQuestion(question));
  const facets: Facet[] = [];
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(folded);
    if (match) facets.push({ kind, at: match.index });
  }
  // "lấy nguồn lực ở đâu" asks where from (a source), not a place.
  const source = /(?:lay|nguon|tien|kinh phi|ngan sach)\s(?:\S+\s){0,3}o dau/.test(folded);
  // "Giám đốc … hiện nay là ai?", "hiện nay có bao nhiêu …": "hiện nay" dates the person or figure asked; it asks no second thing.
  const nowAsked = /(?:hien nay|bay gio|hien gio) (?:la )?(?:ai|ong (?:ba )?nao|ba nao)(?:\s|$|\?)/.test(folded) || NOW_FIGURE.test(folded);
  // "mục đích là gì" is a purpose question, not a definition; "ai ký, ký ngày nào" names each once.
  const kinds = new Set(facets.map((f) => f.kind));
  return facets.filter((f) => !(f.kind === 'where' && source) && !(f.kind === 'status' && nowAsked)).filter((f) => !(f.kind === 'subject' && (kinds.has('why') || kinds.has('who') || kinds.has('when') || kinds.has('quantity') || kinds.has('where')))).sort((a, b) => a.at - b.at);
}

/**
 * A place asked for where something is or happens ("tổ chức ở đâu", "địa điểm nào", "đặt ở chỗ nào",
 * "xã nào được chọn"), not where to look something up ("xem ở đâu") nor how ("khác nhau ở chỗ nào"). Folded.
 */
export const PLACE_ASKED =
  /dia diem nao|(?:(?<!(?:chua|khong|da) )dat|to chuc|dien ra|nam|khai mac) (?:o|tai) (?:dau|cho nao)|tru so(?: \S+){0,8}? (?:o|tai) (?:dau|cho nao)|tinh thanh nao|thanh pho nao|so nha (?:\d|nao|bao nhieu|may)|duong nao|(?:^|\s)(?:xa|phuong|huyen|tinh) nao (?:o|tai|duoc|la|da)/;

/** "hiện (nay) có bao nhiêu …", "bây giờ … mấy …": a figure dated now. */
const NOW_FIGURE = new RegExp(String.raw`(?:hien nay|bay gio|hien gio|${NOW})(?: \S+){0,2} (?:bao nhieu|bn|may)(?=\s|$)`);

/** What to say when the documents hold nothing for a facet another sentence of the answer does not cover. */
export const MISSING_FACET: Record<FacetKind, string> = {
  contact: 'Văn bản không nêu thông tin liên hệ.',
  code: 'Văn bản không nêu số hiệu văn bản.',
  when: 'Văn bản không nêu thời gian cụ thể.',
  quantity: 'Văn bản không nêu con số cụ thể.',
  who: 'Văn bản không nêu cơ quan hay người cụ thể.',
  where: 'Văn bản không nêu địa điểm cụ thể.',
  why: 'Văn bản không nêu lý do, mục đích cụ thể.',
  status: 'Văn bản không nêu kết quả đến nay.',
  subject: 'Văn bản không nêu nội dung này.',
};

/** Facets that only a sentence holding that kind of fact answers (a date, a number, a contact). */
export const STRICT_FACETS = new Set<FacetKind>(['when', 'quantity', 'contact', 'code']);

/** A question with no question word of its own still asks for its type's kind of fact. */
export function facetsOfType(type: QuestionType): Facet[] {
  const kind: FacetKind | null = type === 'date' ? 'when' : type === 'quantity' ? 'quantity' : type === 'contact' ? 'contact' : type === 'code' ? 'code' : type === 'who' ? 'who' : null;
  return kind ? [{ kind, at: 0 }] : [];
}

/** A question word ("gì", "nào", "ai", "mấy …", "ra sao"), on folded text. */
const ASKS = /(?:^|\s)(?:(?:gi|j|nao|ai)(?! (?:ca|het)(?:\s|$|[?,.!]))|bao nhieu|bn|ra sao|thi sao|the nao|nhu nao|ntn|(?:o|tai|den|toi) dau|vi sao|tai sao|may \S+|(?:so|thu|hang|top|lan|nhom) may)(?=\s|$|[?,.!])/;
/** A question word ending the text: "… là gì", "… bao nhiêu" (folded). */
const ASKED_LAST = new RegExp(`(?:${ASKS.source})\\s*$`);
/** …or a yes/no question's ending ("… không", "… chưa"). */
const ASKS_AT_END = /\s(?:khong|chua|ko|k|hok|ha|a)\s*(?:[?.!]+\s*)?$/;

/** Where a question may join two questions: a second sentence, a comma, "và", "còn", "hay", "rồi". */
// "còn" stays with the question it opens: it sets that question against the one before.
const PART_BREAK = /\s*(?:[?;]+\s*|,\s*(?:(?:va|roi|hay|the|vay|nhung)\s+)?|\s(?:va|roi|hay|dong thoi|ngoai ra|nhung)\s+|\s(?=con\s))/g;

/** Whether a piece of a message (folded or not) asks something: a question word, a yes/no ending or a facet. */
export function asksSomething(piece: string): boolean {
  const folded = foldDiacritics(normalizeVietnamese(piece));
  return ASKS.test(folded) || ASKS_AT_END.test(folded) || detectFacets(piece).length > 0;
}

/** The words that join two questions, as written with marks; typed without, any word folding to one joins. */
const JOINING_WORDS = new Set(['và', 'rồi', 'hay', 'thế', 'vậy', 'nhưng', 'đồng', 'thời', 'ngoài', 'ra', 'còn']);
// (`marked`: the word looked ahead to before "còn" is read as written: "bà con" is people, not "bà" and "còn …".)
function breaksAsWritten(joint: string, marked: boolean): boolean {
  return joint
    .toLowerCase()
    .split(/[\s,?;]+/)
    .filter(Boolean)
    .every((word) => JOINING_WORDS.has(word) || (!marked && foldDiacritics(word) === word));
}

/** Whether a break the folded text matched is one as written ("rơi" is no "rồi"; before "còn", the word looked ahead to). */
function breaksAt(text: string, match: RegExpExecArray, marked: boolean): boolean {
  const lookahead = match[0].trim() === '';
  return breaksAsWritten(text.slice(match.index, match.index + match[0].length + (lookahead ? 4 : 0)), lookahead && marked);
}

/** The resolution's refrain, whose items a question lists with commas and "và": "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số". */
const REFRAIN = String.raw`(?:khoa hoc|cong nghe|doi moi sang tao|chuyen doi so|khcn|dmst|cds)`;
const REFRAIN_END = new RegExp(String.raw`(?:^|\s)${REFRAIN}\s*$`);
const REFRAIN_START = new RegExp(String.raw`^\s*${REFRAIN}(?:\s|$|[?,.!])`);

/**
 * Whether a joint sits inside a name typed with capitals: the word after it and one of the two
 * before it are capitalised words ("Sở Giáo dục và Đào tạo", "Văn hoá, Thể thao"); codes in
 * capitals ("NQ57 và Sở nào …") are not names.
 */
function inName(text: string, from: number, to: number): boolean {
  const capitalised = (word: string) => /^\p{Lu}\p{Ll}/u.test(word);
  // The two words before it, not the message's first (capitalised as any sentence's is).
  const left = text.slice(0, from).trim().split(/\s+/).slice(1).slice(-2);
  const right = /^\s*(\S+)/u.exec(text.slice(to))?.[1] ?? '';
  return capitalised(right) && left.some(capitalised);
}

/**
 * The questions one message asks, each with its own question word: "Quyết định đó ký ngày
 * nào, ai ký?" → ["Quyết định đó ký ngày nào", "ai ký"]; "bao nhiêu nhiệm vụ và mấy công
 * nghệ" → two. A break counts only when the text on both sides of it asks something, so "khoa
 * học và công nghệ" or a list ("xã, phường") never splits a question. Returned as written
 * (with tone marks when typed with them), in the order asked.
 */
export function questionParts(question: string): string[] {
  // "có bị AI giám sát không": the acronym is read as its words before case is lost ("ai" is who).
  const text = normalizeVietnamese(readCapitals(question)).replace(/\s+/g, ' ').trim();
  // Folding keeps the length of NFC text letter for letter, so positions carry over.
  const folded = foldDiacritics(text);
  if (folded.length !== text.length) return [text];
  // As typed, with its capitals (the same length: lowering case keeps Vietnamese letters one for one), for names.
  const cased = readCapitals(question).normalize('NFC').replace(/\s+/g, ' ').trim();
  const marked = hasDiacritics(text);
  const parts: string[] = [];
  let start = 0;
  PART_BREAK.lastIndex = 0;
  for (let match = PART_BREAK.exec(folded); match; match = PART_BREAK.exec(folded)) {
    // A word typed with marks is that word: "tờ rơi và" breaks at "và", not at "rơi" (folded "roi", like "rồi").
    // (The break before "còn" is a space: the word it looks ahead to is checked as written.)
    const lookahead = match[0].trim() === '';
    if (!breaksAt(text, match, marked)) {
      PART_BREAK.lastIndex = match.index + 1;
      continue;
    }
    const before = folded.slice(start, match.index);
    const after = folded.slice(match.index + match[0].length);
    if (!before.trim() || !after.trim()) continue;
    // "Sở Khoa học và Công nghệ", "Văn hoá, Thể thao và Du lịch": a name; "khoa học, công nghệ, đổi mới sáng tạo": one list.
    if ((cased.length === text.length && inName(cased, match.index, match.index + match[0].length)) || (REFRAIN_END.test(before) && REFRAIN_START.test(after))) continue;
    // The part ends where the next one begins asking: both sides must hold a question word of their own.
    // (Before "còn", an explicit one: "Hiện giờ ở Điện Biên còn bao nhiêu bản …" asks how many remain, once.)
    const asksBefore = lookahead ? ASKS.test(before) || ASKS_AT_END.test(before) || /(?:^|\s)bao (?:gio|lau)(?=\s|$|[?,.!])/.test(before) : asksSomething(before);
    // (…its own: "Ai lo tổng hợp kế hoạch và dự toán kinh phí …, còn ai tham mưu …" does not break at "và", where what
    // follows asks nothing before the next break.)
    // (Documents named by number on both sides are each asked of: "Ai ký NQ 57 và QĐ 1169, ký ngày nào?")
    const own = /^\s*va\s*$/.test(match[0]) ? after.slice(0, nextBreak(text, folded, match.index + match[0].length, marked) - (match.index + match[0].length)) : after;
    const ownAfter = documentCodes(own).length > 0 ? after : own;
    if (asksBefore && asksSomething(ownAfter) && !closesFrame(text.slice(start, match.index), ownAfter, marked)) {
      parts.push(text.slice(start, match.index).trim());
      start = match.index + match[0].length;
    }
  }
  const rest = text.slice(start).replace(/[?.!\s]+$/u, '').trim();
  if (rest) parts.push(rest);
  return parts.length > 0 ? parts : [text];
}

/**
 * Whether what follows a comma only closes a yes/no question opened before it: "Kế hoạch này có nói mỗi xã được cấp
 * bao nhiêu tiền để làm pano, áp phích tuyên truyền không?" is one question, its "không" answering "có nói".
 * (`before` as written; `after` folded.)
 */
function closesFrame(before: string, after: string, marked: boolean): boolean {
  const opened = marked ? /(?<!\p{L})có(?!\p{L})/u.test(before) : /(?:^|\s)co(?=\s)/.test(before);
  const folded = foldDiacritics(before);
  // (Closed by its own ending, or asking by a last word of its own: "sandbox thực chất là gì, có bị giới hạn … không?")
  const closed = ASKS_AT_END.test(folded) || ASKED_LAST.test(folded);
  // (…and only when a question word sits inside it, "có nói … bao nhiêu tiền để làm pano, áp phích … không": "có thời hạn,
  // có bị giám sát không" and "có quy định thời hạn, mẫu báo cáo không" ask each thing in turn.)
  const asksInside = ASKS.test(folded);
  return opened && !closed && asksInside && ASKS_AT_END.test(after) && !ASKS.test(after) && !/(?:^|\s)(?:tu|o|den|toi|tai) dau(?=\s|$|[?.,!])/.test(after) && detectFacets(after).length === 0;
}

/** Where the next break after `from` begins (its end when none): a joint the words as written make one. */
function nextBreak(text: string, folded: string, from: number, marked: boolean): number {
  const breaks = new RegExp(PART_BREAK.source, 'g');
  breaks.lastIndex = from;
  for (let match = breaks.exec(folded); match; match = breaks.exec(folded)) {
    if (match.index > from && breaksAt(text, match, marked)) return match.index;
    breaks.lastIndex = match.index + 1;
  }
  return folded.length;
}

/** "…, còn hiện nay là ai?": a question opened by "còn" asks about something other than the one before it. */
export function contrasts(part: string): boolean {
  return /^con\s/.test(foldDiacritics(normalizeVietnamese(part)));
}
