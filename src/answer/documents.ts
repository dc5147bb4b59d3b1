/**
 * @module
 * Which documents a question is about: the one it names by number or kind ("NQ57", "kế
 * hoạch"), the page it is asked from ("kế hoạch này", "ở đây"), the one the conversation
 * last cited, the province's own ("tỉnh…"); a document's opening (its particulars and first
 * section) for questions about the document itself; and particulars its metadata marks
 * unknown, which are declined, never guessed.
 */
import type { DocumentMeta, Passage } from '../ingest/types.ts';
import type { Query } from '../retrieval/query.ts';
import type { PassageHit } from '../retrieval/searcher.ts';
import { analyze, documentCodes, foldDiacritics, hasDiacritics, isDocumentCode, normalizeVietnamese } from '../text/index.ts';
import { memoized, memoizedFor } from '../text/memo.ts';
import type { Turn } from './answer.ts';
import type { Facet } from './facets.ts';
import { yearsIn } from './alignment.ts';
import { POLICY } from './policy.ts';
import { KIND_LETTERS } from './question-type.ts';

/** "kế hoạch này", "văn bản này", "ở đây": the document the citizen is looking at (folded text). */
// …with up to two words of its name between ("chương trình hành động này", "kế hoạch truyền thông này"), but not a
// time or a place ("kế hoạch năm nay" is this year's plan; "hiện nay", "đến nay" say now; "của tỉnh này" whose).
const NAME_WORDS = '(?: (?!(?:nam|hom|thang|tuan|ngay|dot|lan|luc|ky|dip|hien|den|toi|tu|bay|gio|cua|o|tai|ve|cho|tinh|xa|huyen|nuoc|trung|uong)(?:\\s|$))[a-z]+){0,2}';
const POINTED = `(?:^|\\s)(?:ke hoach|kh|van ban|vb|quyet dinh|qd|nghi quyet|nq|chuong trinh|tai lieu|phong trao|trang)${NAME_WORDS} nay(?=\\s|$|[?.,!])|(?:^|\\s)o day(?=\\s|$|[?.,!])`;
export const DEICTIC = new RegExp(POINTED);

/**
 * "Quyết định ấy", "kế hoạch đó": the document the conversation spoke of (not the page's). "đó" only as written with
 * marks: typed without, "nghị quyết do ai ký" is "by whom".
 */
const ANAPHOR_KINDS = '(?:ke hoach|kh|van ban|vb|quyet dinh|qd|nghi quyet|nq|chuong trinh|phong trao)';
const ANAPHOR_FOLDED = new RegExp(`(?:^|\\s)${ANAPHOR_KINDS} ay(?=\\s|$|[?.,!])`);
const ANAPHOR_MARKED = /(?<!\p{L})(?:kế hoạch|kh|văn bản|vb|quyết định|qđ|nghị quyết|nq|chương trình|phong trào) (?:đó|ấy|kia)(?!\p{L})/iu;

/** Whether the question refers back to a document by "ấy" or "đó" ("cái quyết định ấy", "kế hoạch đó"). */
export function refersBack(question: string): boolean {
  const normal = normalizeVietnamese(question);
  return ANAPHOR_MARKED.test(normal) || ANAPHOR_FOLDED.test(foldDiacritics(normal));
}

/** The words each kind is written with (folded), and whether its documents are named by number ("Nghị quyết 193/2025/QH15"). */
const KINDS: ReadonlyArray<readonly [words: string, kind: string, numbered: boolean]> = [
  ['ke hoach|kh', 'ke hoach', true],
  ['quyet dinh|qd', 'quyet dinh', true],
  ['nghi quyet|nq', 'nghi quyet', true],
  ['chuong trinh', 'chuong trinh', true],
  ['phong trao', 'phong trao', false],
];
/** The kind a pointer names ("kế hoạch này" a plan), by the words a document's title opens with; "văn bản này", "ở đây" name none. */
const POINTER_KINDS: ReadonlyArray<[RegExp, string]> = KINDS.map(([words, kind]) => [new RegExp(`(?:^|\\s)(?:${words})(?:${NAME_WORDS} nay| (?:ay|do|kia))(?=\\s|$|[?.,!])`), kind]);

/** The kind of document the question's pointer names ("kế hoạch này": "ke hoach"), or null ("văn bản này", "ở đây"). */
export function pointerKind(question: string): string | null {
  const folded = foldDiacritics(normalizeVietnamese(question));
  return POINTER_KINDS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/**
 * Whether a document can be what a pointer of that kind names: "kế hoạch này" a document whose
 * title or short title opens with "Kế hoạch", not the decision the last answer quoted first.
 */
export function isOfKind(meta: DocumentMeta, kind: string | null): boolean {
  return kind === null || [meta.title, meta.shortTitle ?? ''].some((t) => foldDiacritics(normalizeVietnamese(t)).startsWith(kind));
}
/** Asks a document's own particulars: who issued or signed it, when, its number, whether it is in force. */
export const DOCUMENT_PARTICULARS =
  /(?:^|\s)(?:duoc|da|do \S+) ban hanh(?! (?:de|nham))|ban hanh (?:ngay|khi|luc|nam|vao|boi|bao gio|tu|chua|thang|so)|(?:^|\s)(?:ai|co quan nao|don vi nao|noi nao) ban hanh|(?:^|\s)ky (?:ngay|khi|luc|nam)|ai ky|nguoi ky|(?:^|\s)ky thay(?=\s|$)|(?:^|\s)(?:ong|ba|ong ba|ong\/ba|dong chi|d\/c|lanh dao|vi) nao (?:\S+ ){0,2}?ky(?=\s|$|[?.,!])|dung ten ky|mang chu ky|(?:hinh thuc|tham quyen|cach thuc|tu cach) ky|ky (?:theo |voi )?(?:hinh thuc|tham quyen|tu cach|cuong vi)|phan chu ky|(?:^|\s)tm\.? hay kt|chu ky cua (?:ai|vi|ong|ba|lanh dao|nguoi)(?=\s|$|[?.,!])|so hieu|ky hieu|hieu luc|thay the|(?:thuc hien|trien khai|can cu|cu the hoa|de thuc hien) (?:theo )?(?:quyet dinh|nghi quyet|van ban|chi thi|ke hoach) (?:nao|gi|so may)/;
const POINTER = new RegExp(POINTED, 'g');

/** The question without its pointer ("kế hoạch này", "ở đây"): spans found on folded text, cut from the text as written. */
export function withoutPointer(question: string): string {
  return replacePointer(question, POINTER, '', normalizeVietnamese(question));
}

/** The question (`normal`, a form of it of the same length) with the spans a folded pattern finds replaced by a text. */
function replacePointer(question: string, pattern: RegExp, by: string, normal: string): string {
  const folded = foldDiacritics(normalizeVietnamese(question));
  // Folding keeps the length of NFC Vietnamese letters; if not, the question is kept whole.
  if (folded.length !== normal.length) return question;
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    out += `${normal.slice(last, m.index)} ${by} `;
    last = (m.index ?? 0) + m[0].length;
  }
  return (out + normal.slice(last)).replace(/\s+/g, ' ').trim() || question;
}

/** The text with its capitals ("Nghị quyết 193/2025/QH15"), in the normalised form when that keeps its length letter for letter. */
function asWritten(text: string): string {
  const normal = normalizeVietnamese(text);
  const cased = text.normalize('NFC');
  return cased.length === normal.length ? cased : normal;
}

/** The words each kind named by number is written with ("nghị quyết", "NQ"), folded. */
const KIND_WORDS = new Map(KINDS.filter(([, , numbered]) => numbered).map(([words, kind]) => [kind, words]));

/**
 * "Nghị quyết này do ai ký?" after "Nghị quyết 193/2025/QH15 là gì?", off any page: the pointer means the document of
 * its kind the earlier question named by number, and the question is asked of it ("Nghị quyết 193/2025/QH15 do ai ký?").
 * Null when the pointer names no kind, or the earlier question names no document of that kind by number.
 */
export function askedOfNamedEarlier(question: string, earlier: string): string | null {
  const folded = foldDiacritics(normalizeVietnamese(question));
  const back = refersBack(question);
  if (!DEICTIC.test(folded) && !back) return null;
  const kind = pointerKind(question);
  const words = kind === null ? undefined : KIND_WORDS.get(kind);
  if (words === undefined) return null;
  const said = asWritten(earlier);
  const saidFolded = foldDiacritics(normalizeVietnamese(earlier));
  if (saidFolded.length !== said.length) return null;
  const numbered = [...saidFolded.matchAll(new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${words})\s?\d+(?:[/.-][\p{L}\p{N}]+)*`, 'gu'))].at(-1);
  if (!numbered) return null;
  const name = said.slice(numbered.index, (numbered.index ?? 0) + numbered[0].length);
  // "này", "ấy", "kia" after the kind's words: the pointer, replaced by the name; "đó" only as written with marks
  // ("nghị quyết do Chính phủ ban hành" is "by").
  const that = ANAPHOR_MARKED.test(normalizeVietnamese(question)) ? '|do' : '';
  const pointer = new RegExp(String.raw`(?:^|\s)(?:${words}) (?:nay|ay|kia${that})(?=\s|$|[?.,!])`, 'g');
  return replacePointer(question, pointer, name, asWritten(question));
}

/** Whether the question's own words name a document by its number ("nq57", "qd1169"; folded content syllables). */
export function namesByNumber(query: Query): boolean {
  return query.ownContent.some(isDocumentCode);
}

/** A document's number, date or link asked ("số hiệu", "ký ban hành hôm nào", "đường dẫn"). Folded. */
const NUMBER_ASKED = /so hieu|so may|so bao nhieu|ky hieu/;
const LINK_ASKED = /link|duong dan|url|ban goc/;
const DATE_ASKED = /ngay ban hanh|ky ngay|(?:ban hanh|(?:^|\s)(?<!(?:dinh|nhiem|thoi|hoc|chu) )ky)(?: ban hanh)? (?:ngay nao|hom nao|khi nao|luc nao|bao gio|ngay may|ngay bao nhieu)/;
export const PARTICULARS_QUESTION = new RegExp(`${NUMBER_ASKED.source}|${DATE_ASKED.source}|${LINK_ASKED.source}`);

/**
 * Asks for a number, date or link that the metadata of the document the question is about
 * marks unknown: declined, never guessed. The document is the first original among the top
 * passages, and the question
 * must name it first ("Kế hoạch … triển khai QĐ 1169 có số hiệu gì" is about the Kế hoạch;
 * "QĐ 1169 mà kế hoạch triển khai ban hành ngày nào" is about QĐ 1169).
 */
export function asksUnknownParticular(query: Query, hits: PassageHit[], documents: Map<string, DocumentMeta>, pointed: string | null = null): boolean {
  const folded = foldDiacritics(query.text);
  if (!PARTICULARS_QUESTION.test(folded)) return false;
  // "Kế hoạch này số mấy, ban hành ngày nào?" on the plan's page: the page's document is asked about.
  // …unless it names another by number ("Theo kế hoạch này thì NQ57 ban hành ngày nào?").
  const page = pointed === null || namesByNumber(query) ? undefined : documents.get(pointed);
  if (page && !page.compiledBy) {
    const unknown = (asked: RegExp, value: string | null) => asked.test(folded) && value === null;
    return unknown(NUMBER_ASKED, page.number) || unknown(DATE_ASKED, page.date) || unknown(LINK_ASKED, page.url);
  }
  // The first original (not a summary written by the team) among the top passages.
  const meta = hits
    .slice(0, 3)
    .map((h) => documents.get(h.passage.documentId))
    .find((m) => m !== undefined && !m.compiledBy);
  if (!meta || (meta.number !== null && meta.date !== null && meta.url !== null)) return false;
  const text = ` ${query.contentText} `;
  const type = foldDiacritics(meta.type.toLowerCase()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // (A kind of another year, "kế hoạch (năm) 2026 của BCĐ Chính phủ", is that year's plan, not this one, unless the
  // question is of the province whose plan this is: "kế hoạch 2025 của UBND tỉnh" is it, "kế hoạch 2026 của tỉnh" none it has.)
  const ownYears = yearsIn(`${meta.title} ${meta.date ?? ''}`);
  const ofProvince = / tinh /.test(text) || / dien bien /.test(text);
  const kind = text.search(new RegExp(` ${type} ${ofProvince ? '' : `(?!(?:nam )?(?!${ownYears.join('|') || 'x'})(?:19|20)\\d{2} )`}`));
  const code = text.search(/ (nq|qd|kh|nd)\d+ /);
  // "Theo kế hoạch của tỉnh thì NQ57 ban hành ngày nào?", "Kế hoạch của tỉnh ghi NQ57 ban hành ngày nào?":
  // the plan is where to look, NQ57 what is asked.
  const source = new RegExp(`(?:^|\\s)theo ${type}(?=\\s|$)|${type}(?:\\s\\S+){0,4}\\s(?:ghi|noi|neu|viet|cho biet|nhac)(?=\\s|$)`).test(folded);
  return kind >= 0 && (code < 0 || (kind < code && !source));
}

/**
 * Documents the question points at, with a score factor: one it names by number or by its
 * kind ("NQ57", "kế hoạch" for the only Kế hoạch), and for a follow-up, the documents the
 * previous answer cited.
 */
export function focusedDocuments(query: Query, names: DocumentNames[], previous: Turn | undefined, pointedAt: string | null, province: Province): Map<string, number> {
  const focus = new Map<string, number>();
  // The page the citizen reads decides "văn bản này" over any other document the words fit.
  if (pointedAt) focus.set(pointedAt, POLICY.pointedBoost);
  const text = ` ${query.contentText} `;
  const head = headDocument(query, names, pointedAt);
  // Naming the page's own document ("kế hoạch này") keeps the page's weight.
  if (head) focus.set(head, Math.max(focus.get(head) ?? 1, POLICY.namedBoost));
  // A follow-up stays with the document the previous answer led with; the others it cited weigh less.
  previous?.documentIds.forEach((id, i) => focus.set(id, (focus.get(id) ?? 1) * (i === 0 ? POLICY.followUpBoost : POLICY.followUpOtherBoost)));
  // "tỉnh muốn…", "ở Điện Biên": the province's own documents, unless the question names another by its number.
  const namesByCode = names.some(({ code }) => code && text.includes(` ${code} `));
  if (!pointedAt && !namesByCode && province.words.some((w) => text.includes(` ${w} `))) {
    for (const id of province.documents) focus.set(id, (focus.get(id) ?? 1) * POLICY.provinceBoost);
  }
  return focus;
}

/** The province's own documents (their title names it) and the words that point at it ("tinh", "dien bien"). */
export interface Province {
  documents: string[];
  words: string[];
}

export function provinceOf(name: string | undefined, documents: Iterable<DocumentMeta>): Province {
  if (!name) return { documents: [], words: [] };
  const folded = foldDiacritics(normalizeVietnamese(name));
  return {
    documents: [...documents].filter((d) => foldDiacritics(normalizeVietnamese(d.title)).includes(`tinh ${folded}`)).map((d) => d.id),
    words: ['tinh', folded],
  };
}

/** How a question can name a document: its number as one term ("nq57") or, for an original, its kind ("ke hoach"). */
export interface DocumentNames {
  id: string;
  code: string | undefined;
  kind: string | null;
  /** Other names it goes by, as folded content words ("chuong trinh hanh dong chinh phu"): each names it as its number does. */
  aliases: string[];
}

export function documentNames(documents: Iterable<DocumentMeta>): DocumentNames[] {
  return [...documents].map((meta) => ({
    id: meta.id,
    code: meta.number ? analyze(meta.number).content.find((c) => /^(nq|qd|kh|nd)\d+$/.test(c)) : undefined,
    kind: meta.compiledBy ? null : foldDiacritics(meta.type.toLowerCase()),
    aliases: (meta.aliases ?? []).map((alias) => analyze(alias).content.join(' ')).filter(Boolean),
  }));
}

export function boostDocuments(hits: PassageHit[], focus: Map<string, number>): PassageHit[] {
  if (focus.size === 0) return hits;
  return hits.map((h) => ({ ...h, score: h.score * (focus.get(h.passage.documentId) ?? 1) })).sort((a, b) => b.score - a.score);
}

/** The longest phrase that names documents: "Kế hoạch của UBND tỉnh Điện Biên triển khai Quyết định 1169/QĐ-TTg". */
const MAX_NAMING_SYLLABLES = 16;

/**
 * The syllables of the phrase a question names its document with, from the first document it
 * names to the last name in that phrase ("ke hoach … trien khai quyet dinh 1169 qd1169"), when
 * the question asks something besides ("… nhằm mục đích gì?"). Among a document's sentences
 * those words only point, like "kế hoạch này": the sentence that repeats the document's name
 * ("UBND tỉnh có kế hoạch riêng để triển khai Quyết định 1169") is not what was asked.
 */
export function namingSyllables(query: Query, names: DocumentNames[]): Set<string> {
  const own = query.ownContent;
  const marks: Array<{ start: number; end: number; code: boolean }> = [];
  for (const name of names) {
    for (const phrase of [name.code, name.kind, ...name.aliases]) {
      if (!phrase) continue;
      const words = phrase.split(' ');
      for (let i = 0; i + words.length <= own.length; i++) {
        if (words.every((w, k) => own[i + k] === w)) marks.push({ start: i, end: i + words.length, code: phrase !== name.kind });
      }
    }
  }
  // A kind alone is a word like any other ("xã có phải lập kế hoạch tuyên truyền không"): a number names.
  if (!marks.some((m) => m.code)) return new Set();
  const start = Math.min(...marks.map((m) => m.start));
  const end = Math.max(...marks.filter((m) => m.end - start <= MAX_NAMING_SYLLABLES).map((m) => m.end));
  if (end - start >= own.length) return new Set();
  const named = new Set(own.slice(start, end));
  // A word asked outside the name ("mục tiêu … của kế hoạch") still counts.
  for (const word of [...own.slice(0, start), ...own.slice(end)]) named.delete(word);
  return named;
}

/** The terms of a query with those made only of the given syllables weighted down. */
export function weightedDown(query: Query, syllables: ReadonlySet<string>, factor: number): Query {
  if (syllables.size === 0) return query;
  const only = (term: string) => term.replace(/^[~^]/, '').split(' ').every((s) => syllables.has(foldDiacritics(s)));
  return { ...query, terms: new Map([...query.terms].map(([t, w]) => [t, only(t) ? w * factor : w])) };
}

/** Heading words that name no one thing ("Đề nghị Ủy ban MTTQ Việt Nam tỉnh": the committee is what is named). */
const GENERIC_HEADING_WORDS = new Set(['viet', 'nam', 'cac', 'va', 'de', 'nghi', 'cua', 've', 'ban', 'uy']);

/** A passage's own heading without its number ("2.2. Năm 2026" → "Năm 2026"). */
function headingText(passage: Passage): string {
  return (passage.path.at(-1) ?? '').replace(/^[\dIVXLC.]+\s+/, '');
}

/** The words of a passage's last heading that name it, as written, without its number (kept while the passage is). */
/**
 * The names a body goes by in a heading: "Sở Nội vụ (Ban Thi đua khen thưởng tỉnh)" is "Sở Nội vụ" and "Ban Thi đua
 * khen thưởng" ("thế bên Ban Thi đua khen thưởng thì …").
 */
export function namesOfBody(heading: string): string[] {
  const bracketed = /\(([^()]+)\)$/.exec(heading)?.[1]?.replace(/\s+tỉnh$/u, '');
  return [heading.replace(/\s*\(.*\)$/, ''), ...(bracketed ? [bracketed] : [])];
}

/** …each way the heading names its body (`namesOfBody`). */
const namingWords = memoizedFor((passage: Passage): string[][] => {
  return namesOfBody(headingText(passage)).map((name) => {
    const written = analyze(name).terms.filter((t) => !t.startsWith('~') && !t.startsWith('^') && !t.includes(' '));
    return [...new Set(written)].filter((w) => !GENERIC_HEADING_WORDS.has(foldDiacritics(w)) && !/^\d/.test(w));
  });
});

/**
 * Passages whose own heading the question names in full ("Sở Tài chính phải làm gì", "MTTQ
 * tỉnh được đề nghị làm gì", "chế độ báo cáo ra sao") come first: a sibling section that
 * mentions the same words in passing ("dự toán ngân sách", "UBMTTQ Việt Nam tỉnh;" in the
 * recipients) is not what was asked. The question's own words only, as searched (abbreviations
 * read): a word it wrote with tone marks must be the heading's ("tài chính số" is not "Sở Tài
 * chính"); one it wrote without may be any word that folds the same.
 */
export function boostNamedHeadings(hits: PassageHit[], query: Query, boost: number): PassageHit[] {
  const named = headingNamer(query);
  if (!hits.some((h) => named(h.passage))) return hits;
  return hits.map((h) => (named(h.passage) ? { ...h, score: h.score * boost } : h)).sort((a, b) => b.score - a.score);
}

/**
 * Whether the question names a passage's own heading in full (see `boostNamedHeadings`), or a
 * heading that is a year and little else ("2.2. Năm 2026", "Đến năm 2030") by that year
 * ("thế còn năm 2026 thì sao?").
 */
export function namesHeading(passage: Passage, query: Query): boolean {
  if (headingNamer(query)(passage)) return true;
  const year = /^(?:đến |từ )?năm ((?:19|20)\d\d)$/i.exec(headingText(passage).trim())?.[1];
  return year !== undefined && [...query.terms.keys()].some((t) => t.replace(/^~/, '') === year);
}

function headingNamer(query: Query): (passage: Passage) => boolean {
  const own = [...query.terms].filter(([t, w]) => w === 1 && !t.includes(' ') && !t.startsWith('^')).map(([t]) => t);
  const written = new Set(own.filter((t) => !t.startsWith('~')));
  const folded = new Set(own.filter((t) => t.startsWith('~')).map((t) => t.slice(1)));
  // A word the question wrote with marks is that word; one written without may be any word that folds to it.
  const markedFolds = new Set([...written].filter(hasDiacritics).map(foldDiacritics));
  const says = (word: string) => written.has(word) || (folded.has(foldDiacritics(word)) && !markedFolds.has(foldDiacritics(word)));
  return (p: Passage) => {
    return namingWords(p).some((words) => words.length >= 2 && words.every(says));
  };
}

/** Words that only name or point at a document, or ask what it is about ("văn bản này nói về vấn đề gì", "đề cập những lĩnh vực nào", "tỉnh mình ra"). */
const ABOUT_WORDS = new Set(['chuyen', 'van', 'ban', 'ke', 'hoach', 'nghi', 'quyet', 'dinh', 'chuong', 'trinh', 'phong', 'trao', 'tai', 'lieu', 'noi', 'dung', 'chinh', 'phu', 'de', 'viec', 'trang', 'day', 'cai', 'y', 'tom', 'tat', 'luoc', 'gioi', 'thieu', 've', 'minh', 'ra', 'de', 'cap', 'den', 'toi', 'linh', 'vuc']);

/** The document a question names by one of its aliases ("kế hoạch truyền thông"), or null. */
export function aliasNamed(query: Query, names: DocumentNames[]): string | null {
  const text = ` ${query.contentText} `;
  return names.find((n) => n.aliases.some((alias) => text.includes(` ${alias} `)))?.id ?? null;
}

/** Where (space-padded, folded) text first names a document by its number or kind; -1 if it does not. */
function namedAt(text: string, { code, kind, aliases }: DocumentNames): number {
  const places = [code, kind, ...aliases].map((name) => (name ? text.indexOf(` ${name} `) : -1)).filter((at) => at >= 0);
  return places.length > 0 ? Math.min(...places) : -1;
}


/** The folded syllables of a document's title and issuer: words that describe it, not ask about it. */
export const describingWords = memoizedFor((meta: DocumentMeta): ReadonlySet<string> =>
  new Set(foldDiacritics(normalizeVietnamese(`${meta.title} ${meta.issuer ?? ''}`)).split(/[^\p{L}\p{N}]+/u).filter(Boolean)),
);

/**
 * The document a question asks one thing of, `kind`, and nothing else, or null: every other word
 * only names or describes the document, or is one of `asking` (how that kind is asked).
 */
function asksOnlyOf(kind: Facet['kind'], asking: ReadonlySet<string>, query: Query, facets: readonly Facet[], documentId: string | null, naming: ReadonlySet<string>, described: ReadonlySet<string>): string | null {
  if (!documentId || facets.length !== 1 || facets[0]?.kind !== kind) return null;
  // Words that name the document ("kế hoạch của tỉnh Điện Biên triển khai Quyết định 1169") ask nothing more,
  // nor do words of its own title and issuer ("Cái kế hoạch UBND tỉnh mình ra để thực hiện QĐ 1169 nói về gì?").
  const other = query.ownContent.filter((c) => !ABOUT_WORDS.has(c) && !asking.has(c) && !naming.has(c) && !described.has(c) && !/^(?:nq|qd|kh|nd)?\d+$/.test(c));
  return other.length === 0 ? documentId : null;
}

/** The document a subject question asks about when it asks nothing else ("Kế hoạch này nói về gì?"), or null. */
export function asksAboutDocument(query: Query, facets: readonly Facet[], documentId: string | null, naming: ReadonlySet<string> = new Set(), described: ReadonlySet<string> = new Set()): string | null {
  return asksOnlyOf('subject', new Set(), query, facets, documentId, naming, described);
}

/** Words that only ask what a document is for ("nhằm mục đích gì", "rốt cuộc muốn đạt được điều gì", "ra đời để làm gì"). */
const PURPOSE_WORDS = new Set(['muc', 'dich', 'nham', 'lam', 'gi', 'muon', 'dat', 'duoc', 'dieu', 'rot', 'cuoc', 'hanh', 'doi', 'ra', 'de', 'ban']);

/**
 * The document a question asks the purpose of, and nothing else ("tỉnh ra kế hoạch này rốt cuộc muốn đạt được
 * điều gì"), or null: it is answered by that document's own "Mục đích" section.
 */
export function asksPurposeOf(query: Query, facets: readonly Facet[], documentId: string | null, naming: ReadonlySet<string> = new Set(), described: ReadonlySet<string> = new Set()): string | null {
  return asksOnlyOf('why', PURPOSE_WORDS, query, facets, documentId, naming, described);
}

/** Each document's own section on its purpose ("1. Mục đích"), in reading order; documents without one are absent. */
export function purposeSections(passages: readonly Passage[]): Map<string, Passage[]> {
  const sections = new Map<string, Passage[]>();
  for (const passage of passages) {
    if (headingText(passage).trim() !== 'Mục đích') continue;
    sections.set(passage.documentId, [...(sections.get(passage.documentId) ?? []), passage]);
  }
  for (const section of sections.values()) section.sort((a, b) => a.order - b.order);
  return sections;
}

/**
 * Of several documents named, the one named first is asked about ("Kế hoạch … triển khai Quyết
 * định 1169" is about the Kế hoạch: Vietnamese puts the head noun first); the others only
 * describe it. On a page, another document counts only when named by its number.
 */
export function headDocument(query: Query, names: DocumentNames[], pointedAt: string | null = null): string | null {
  const text = ` ${query.contentText} `;
  let head: { id: string; at: number } | null = null;
  for (const name of names) {
    if (pointedAt && pointedAt !== name.id && !(name.code && text.includes(` ${name.code} `))) continue;
    const at = namedAt(text, name);
    if (at >= 0 && (!head || at < head.at)) head = { id: name.id, at };
  }
  return head?.id ?? null;
}

/** Each document's opening, found once: its particulars (an original's title) and its first section. */
export function documentOpenings(passages: readonly Passage[]): Map<string, Passage[]> {
  const byDocument = new Map<string, Passage[]>();
  for (const passage of passages) byDocument.set(passage.documentId, [...(byDocument.get(passage.documentId) ?? []), passage]);
  return new Map([...byDocument].map(([id, all]) => [id, all.sort((a, b) => a.order - b.order).slice(0, 2)]));
}

/** A document's opening as hits, in reading order. */
export function openingHits(openings: ReadonlyMap<string, Passage[]>, documentId: string): PassageHit[] {
  return (openings.get(documentId) ?? []).map((passage, i) => ({ passage, score: 2 - i, coverage: 1, strictCoverage: 1 }));
}

const NAMED_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}])(${Object.keys(KIND_LETTERS).join('|')})\s*(?:so\s*)?(\d{1,4})(?!\d)`, 'gu');

/** A National Assembly act by its code alone ("Luật … số 93/2025/QH15"): a law or a resolution, its kind not said. */
const ASSEMBLY_CODE = /(?<![\d/])(\d{1,4})\/\d{4}\/qh\d*/g;

/**
 * The documents a text names by number: by code ("57-NQ/TW": nq57) or by kind and number ("Nghị quyết 193/2025/QH15":
 * nq193, a number the analyzer's codes do not read), or by an Assembly code ("số 93/2025/QH15": luat93 and nq93).
 * Read once per sentence: a typed question checks every candidate.
 */
export const numbersNamed = memoized(20_000, (text: string): string[] => {
  const folded = foldDiacritics(normalizeVietnamese(text));
  const byKind = [...folded.matchAll(NAMED_NUMBER)].map((m) => `${KIND_LETTERS[m[1] as string]}${Number(m[2])}`);
  const byAssemblyCode = [...folded.matchAll(ASSEMBLY_CODE)].flatMap((m) => [`luat${Number(m[1])}`, `nq${Number(m[1])}`]);
  return [...new Set([...documentCodes(text), ...byKind, ...byAssemblyCode])];
});
