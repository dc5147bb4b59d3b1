/**
 * @module
 * Whether a curated FAQ entry answers the question as asked: close enough, holding the kind
 * of fact asked ("ngày nào" → a date), asked the same way, covering every facet ("mục đích
 * gì" is not "là gì"), about the year asked, naming the question's specific words, and
 * about the page's document when the question points at it.
 */
import type { FaqEntry } from '../ingest/types.ts';
import type { FaqHit } from '../retrieval/searcher.ts';
import { analyze, documentCodes, hasDiacritics, looseForm, normalizeVietnamese } from '../text/index.ts';
import { DOCUMENT_PARTICULARS, numbersNamed, PARTICULARS_QUESTION } from './documents.ts';
import { detectFacets, type Facet } from './facets.ts';
import { POLICY } from './policy.ts';
import { askedPost, classifyQuestion, holdsAnswerType, type QuestionType } from './question-type.ts';

/** A "who"/"when"/"how many" question is answered only by an entry asked the same way. */
function asksSameKind(type: QuestionType, entry: FaqEntry): boolean {
  if (type === 'general' || type === 'definition') return true;
  return [entry.question, ...entry.alternatives].some((phrasing) => classifyQuestion(phrasing) === type);
}

/** Whether an answer that names years names the year(s) the question asks about. */
function sameYears(question: string, answer: string): boolean {
  const asked: string[] = question.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [];
  if (asked.length === 0) return true;
  const named: string[] = answer.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [];
  return named.length === 0 || asked.some((y) => named.includes(y));
}

/** Whether a curated entry (its phrasings and answer) holds at least half of the question's specific words. */
function holdsSpecific(entry: FaqEntry, specific: string[]): boolean {
  if (specific.length === 0) return true;
  const terms = new Set(analyze([entry.question, ...entry.alternatives, entry.answer].join('\n')).terms);
  return specific.filter((w) => terms.has(w)).length * 2 >= specific.length;
}

/**
 * Whether a curated entry answers every facet asked: one of its phrasings asks them all
 * (a question about a purpose is not answered by the entry that says what the plan is).
 */
function coversFacets(facets: readonly Facet[], entry: FaqEntry): boolean {
  const asked = facets.map((f) => f.kind).filter((k) => k !== 'subject');
  // "Quyết định 1169 nói về cái gì?" is answered by an entry asked what something is, not by one of its particulars.
  if (asked.length === 0 && facets.some((f) => f.kind === 'subject')) {
    return [entry.question, ...entry.alternatives].some((phrasing) => detectFacets(phrasing).some((f) => f.kind === 'subject'));
  }
  if (asked.length === 0) return true;
  return [entry.question, ...entry.alternatives].some((phrasing) => {
    const kinds = new Set(detectFacets(phrasing).map((f) => f.kind));
    return asked.every((k) => kinds.has(k));
  });
}

/** An entry asked only about a document's particulars (its number, its signer) answers only a question about them. */
function particularsAlike(question: string, entry: FaqEntry): boolean {
  const particular = (text: string) => {
    const folded = looseForm(text);
    return DOCUMENT_PARTICULARS.test(folded) || PARTICULARS_QUESTION.test(folded);
  };
  return particular(question) || [entry.question, ...entry.alternatives].some((p) => !particular(p));
}

/** Levels a body can belong to: "Ban Chỉ đạo của tỉnh" is not "Ban Chỉ đạo Trung ương". */
const LEVELS = /(?:^|\s)(trung uong|chinh phu|quoc hoi|bo chinh tri|tinh|xa|phuong)(?=\s|$|[?.,!])/g;

const LOCAL_LEVELS = new Set(['tinh', 'xa', 'phuong']);
/** The same levels as written with marks: "tính theo GDP" is no province, "xã hội" no commune. */
const MARKED_LEVELS = /(?<!\p{L})(trung ương|chính phủ|quốc hội|bộ chính trị|tỉnh|xã(?! hội)|phường)(?!\p{L})/giu;

/** The levels a text names (folded keys): read as written when typed with marks, else on its folded form. */
function levelsIn(text: string): Set<string> {
  if (hasDiacritics(text)) return new Set([...normalizeVietnamese(text).matchAll(MARKED_LEVELS)].map((m) => looseForm(m[1] as string)));
  return new Set([...looseForm(text).matchAll(LEVELS)].map((m) => m[1] as string));
}

/** Whether the entry (its phrasings and answer) names the level the question names, when both name one (folded text). */
function sameLevel(question: string, entry: FaqEntry): boolean {
  const asked = levelsIn(question);
  if (asked.size === 0) return true;
  const named = new Set([entry.question, ...entry.alternatives, entry.answer].flatMap((text) => [...levelsIn(text)]));
  // "Tỉnh mình dành bao nhiêu phần trăm ngân sách?" is not answered by the country's 3%: an entry that names no level
  // answers a question about the province or a commune only if it names that level.
  if (named.size === 0) return ![...asked].some((l) => LOCAL_LEVELS.has(l));
  return [...asked].some((l) => named.has(l));
}

/** A deputy's post: "Phó Trưởng ban thường trực", "Phó Chủ tịch UBND tỉnh" (folded text). */
const DEPUTY = /(?:^|\s)pho (?:truong|chu tich|giam doc|thu tuong|bi thu|chu nhiem)/;

/** Whether an entry answers a question about a deputy by naming a deputy ("phó trưởng ban … là ai" is not answered by the head). */
function samePost(question: string, entry: FaqEntry): boolean {
  const text = looseForm([entry.question, ...entry.alternatives, entry.answer].join('\n'));
  // "Ai là Chủ tịch Hội đồng tư vấn?" is not answered by who heads the Steering Committee: the post asked is named.
  const post = askedPost(question);
  if (post !== null && !looseForm(entry.answer).includes(post)) return false;
  return !DEPUTY.test(looseForm(question)) || DEPUTY.test(text);
}

/**
 * Whether an entry that names documents by number names one the question names ("NQ71", not NQ57): of any kind, so
 * "QĐ 1169 có phát tiền …" is not answered by the entry on whether NQ57 fines anyone.
 */
function sameDocuments(question: string, entry: FaqEntry): boolean {
  const asked = documentCodes(question);
  if (asked.length === 0) return true;
  const named = documentCodes([entry.question, ...entry.alternatives, entry.answer].join('\n'));
  return named.length === 0 || named.some((c) => asked.includes(c));
}

/** Which document was issued is asked: "ban hành nghị quyết gì", "ban hành kế hoạch nào" (folded). */
const DOCUMENT_WHICH = /(?:^|\s)ban hanh (?:nghi quyet|quyet dinh|ke hoach|van ban|luat|nghi dinh|chi thi|nq|qd|kh) (?:gi|nao)(?=\s|$|[?.,!])/;
/** "Bộ Chính trị ban hành nghị quyết gì …?" is answered by an entry naming one, not by why one was issued. */
function namesDocumentAsked(question: string, entry: FaqEntry): boolean {
  return !DOCUMENT_WHICH.test(looseForm(question)) || numbersNamed(entry.answer).length > 0;
}

export interface FaqQuestion {
  /** The question as the citizen asked it (without its preamble). */
  question: string;
  /** Its normalised text (the query's). */
  text: string;
  type: QuestionType;
  facets: readonly Facet[];
  specific: string[];
  /** The document the question points at ("văn bản này"), if any. */
  pointed: string | null;
}

/**
 * An ordinal ("quan điểm thứ hai", "nhóm nhiệm vụ thứ 4"), as written with marks. Folded, "thu tu" may be "thứ tự" (order)
 * and "thu nam" "doanh thu năm": those two are read only with marks.
 */
const ORDINAL = /(?<!\p{L})thứ (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|\d{1,2})(?![\p{L}\d])/gu;
const FOLDED_ORDINAL = /(?:^|\s)thu (nhat|hai|ba|sau|bay|tam|chin|muoi|\d{1,2})(?=\s|$|[?.,!:])/g;
const ORDINAL_DIGITS: Readonly<Record<string, string>> = { '1': 'nhat', '2': 'hai', '3': 'ba', '4': 'tu', '5': 'nam', '6': 'sau', '7': 'bay', '8': 'tam', '9': 'chin', '10': 'muoi' };

/** The ordinals a text names, folded words ("thứ 2" is "hai"); read as written when the text has marks. */
function ordinalsIn(text: string): Set<string> {
  const matches = hasDiacritics(text) ? [...normalizeVietnamese(text).matchAll(ORDINAL)] : [...looseForm(text).matchAll(FOLDED_ORDINAL)];
  return new Set(matches.map((m) => looseForm(m[1] as string)).map((o) => ORDINAL_DIGITS[o] ?? o));
}

/** Whether an entry about a numbered point ("Quan điểm thứ nhất") is about the one the question names ("quan điểm thứ hai"). */
function sameOrdinal(question: string, entry: FaqEntry): boolean {
  const asked = ordinalsIn(question);
  if (asked.size === 0) return true;
  const named = new Set([entry.question, ...entry.alternatives, entry.section ?? ''].flatMap((t) => [...ordinalsIn(t)]));
  return named.size === 0 || [...asked].some((o) => named.has(o));
}

/** The entry that answers the question as asked, or null. */
export function fittingEntry(best: FaqHit | undefined, asked: FaqQuestion): FaqEntry | null {
  if (!best || best.similarity < POLICY.faqMin) return null;
  const { entry } = best;
  const fits =
    holdsAnswerType(asked.type, entry.answer, asked.text) &&
    asksSameKind(asked.type, entry) &&
    coversFacets(asked.facets, entry) &&
    particularsAlike(asked.question, entry) &&
    sameLevel(asked.question, entry) &&
    samePost(asked.question, entry) &&
    // An entry about 2024 does not answer a question about 2025, nor one about a body it never names.
    sameYears(asked.question, entry.answer) &&
    sameDocuments(asked.question, entry) &&
    namesDocumentAsked(asked.question, entry) &&
    sameOrdinal(asked.question, entry) &&
    holdsSpecific(entry, asked.specific) &&
    // "văn bản này" on the page of Decision 1169 is not answered by an entry about Resolution 57.
    (asked.pointed === null || entry.document === asked.pointed);
  return fits ? entry : null;
}
