/**
 * @module
 * Answers one question: refuse, FAQ, extractive answer, or an honest decline.
 *
 * The outcome is decided by calibrated scores plus explicit rules, in this order:
 * 1. guard rules (internals, abuse; injected instructions are dropped and the rest kept);
 * 2. a curated FAQ entry whose phrasing is close enough and that fits what is asked (faq-fit.ts) answers as written;
 * 3. a passage covering enough of the question (coverage, POLICY) gives an extractive
 *    answer, unless the question asks for a kind of fact (date, number) no passage holds,
 *    or asks for a document particular its metadata says is unknown;
 * 4. otherwise: on the service's subject → `no_answer` naming who to ask; else `out_of_scope`.
 * Every threshold is in POLICY (policy.ts), with where it came from.
 */
import { isParticularsPassage, type FaqEntry, type Passage } from '../ingest/types.ts';
import { buildQuery, type Query } from '../retrieval/query.ts';
import type { CorpusSearcher, FaqHit, PassageHit } from '../retrieval/searcher.ts';
import { analyze, codePointLength, documentCodes, foldDiacritics, foldedQuestion, hasDiacritics, looseForm, normalizeVietnamese, redactPersonalData, tokenizeSegments } from '../text/index.ts';
import { alignmentOf, kindStated, partAlignment, yearsIn } from './alignment.ts';
import { compose, holdsMostWords, rankUnits, readFromStart, readingOrder, type PartRanking, type Unit } from './compose.ts';
import { heldCount, namesCorpusDocument, namesUnknownNumber, phraseInCorpus, specificWords, unknownPlaceNamed } from './corpus-words.ts';
import {
  asksAboutDocument,
  asksPurposeOf,
  describingWords,
  asksUnknownParticular,
  aliasNamed,
  askedOfNamedEarlier,
  boostDocuments, boostNamedHeadings, headDocument, namesHeading, namesByNumber, namingSyllables, purposeSections, weightedDown,
  DEICTIC,
  DOCUMENT_PARTICULARS,
  documentNames,
  documentOpenings,
  focusedDocuments,
  isOfKind,
  namesOfBody,
  numbersNamed,
  openingHits,
  pointerKind,
  provinceOf,
  refersBack,
  withoutPointer,
} from './documents.ts';
import { asksSomething, contrasts, detectFacets, facetsOfType, PLACE_ASKED, questionParts, STRICT_FACETS, type Facet, type FacetKind } from './facets.ts';
import { fittingEntry } from './faq-fit.ts';
import { classifyRequest, withoutInjection } from './guard.ts';
import { countedListAsked, namesMembers, onlyCounts } from './lists.ts';
import { noAnswerMessage, outOfScopeMessage, refusedMessage } from './messages.ts';
import { POLICY } from './policy.ts';
import { askedPost, asksForPerson, classifyQuestion } from './question-type.ts';
import { everydayTopicOutsideCorpus, namesOwnSubject, namesSubject } from './scope.ts';

export type Outcome = 'answered' | 'no_answer' | 'out_of_scope' | 'refused';
export type Method = 'faq' | 'extractive' | 'llm' | 'staff' | 'none';

export interface AnswerResult {
  outcome: Outcome;
  method: Method;
  answer: string;
  sources: Passage[];
  suggestions: string[];
  /** Scores behind the decision, for logs and calibration (never sent to clients). */
  signals: { faq: number; coverage: number; score: number; followUp: boolean };
  /** For an extractive answer: the passages a composer may write from, its sources first (at most five). */
  candidates?: Passage[];
}

/** An earlier turn of the conversation: what was asked and which documents the answer cited. */
export interface Turn {
  question: string;
  documentIds: readonly string[];
}

export interface AnswererOptions {
  /** Who citizens should ask when the documents do not say. */
  defaultAgency: string;
  /** What "kế hoạch này" means when neither the page nor the conversation says (the province plan). */
  defaultDocument?: string;
  /** First questions whose answers are remembered (0: none). */
  cacheSize?: number;
  /** The province's name ("Điện Biên"): "tỉnh" in a question points at its own documents. */
  province?: string;
}

/** Where the question was asked: the document the citizen is reading (the page the widget sits on). */
export interface AskContext {
  documentId?: string;
  /** A follow-up rewritten as a standalone question (by an LLM): used to retrieve, never to judge the question. */
  retrievalQuestion?: string;
}

/** Kinds of fact that only a sentence giving one answers: the strict ones (a date, a figure, a contact, a document's number) and a place. */
const PARTICULARS = new Set<FacetKind>([...STRICT_FACETS, 'where']);
/** "xem ở đâu", "hỏi ở đâu": where to look something up, not a place the documents would name. Folded. */
const LOOKED_UP = /(?:xem|tim|hoi|tra cuu|doc|lien he|dang ky|nop)\s(?:\S+\s){0,2}(?:o|tai) dau/;
/** A named attribute asked ("có chủ đề là gì", "khẩu hiệu nào"), folded: the noun is the group. */
const ATTRIBUTES = 'chu de|khau hieu|thong diep|phuong cham|slogan|bieu trung|bieu tuong|logo';
const ATTRIBUTE_ASKED = new RegExp(String.raw`(?:^|\s)(${ATTRIBUTES})(?: chinh)? (?:la )?(?:gi|nao|j)(?=\s|$|[?.,!])`);
/** Any of those attributes said in a text, folded. */
const ATTRIBUTE_WORDS = new RegExp(String.raw`(?:^|[^a-z])(?:${ATTRIBUTES})(?![a-z])`);
/** "năm 2025" as a year on its own, folded (not the year of a date, "13/01/2025"). */
const YEAR_NAMED = /(?:^|\s)nam (?:19|20)\d{2}(?!\d)/;
/** A question asking yes or no ("… có đến xem được không?"). Folded. */
const YES_NO = /(?:^|\s)(?:co|duoc)\s(?:.*\s)?(?:khong|chua)(?:\s(?:a|ah|vay|the|nhi|ha|nhe|ad|anh|chi|ban|em))?[?.!\s]*$/;

/** "5. Sở Tài chính", "8. Đề nghị Ban Tuyên giáo …": a body by its name ("Ban hành và hiệu lực" is not one). */
const AGENCY_HEADING = /^\d+\.\s+(?:Đề nghị\s+)?((?:Sở|Báo|Ban|Ủy ban|UBND|Các sở)\s+\p{Lu}.*)$/u;

/** The agency a "5. Sở Tài chính"-style heading assigns work to, named with its province. */
function agencyIn(heading: string, province: string): string | null {
  const match = AGENCY_HEADING.exec(heading);
  if (!match?.[1] || match[1].startsWith('Các')) return null;
  // "Báo Điện Biên Phủ" names its place already: no "tỉnh Điện Biên" after it.
  return match[1].includes(province) ? match[1] : `${match[1]} tỉnh ${province}`.replace(/tỉnh tỉnh/, 'tỉnh');
}

/**
 * Agencies the province's own documents assign work to (their "5. Sở Tài chính"-style headings), found once.
 * A national document's "Ban Chỉ đạo Trung ương" is no office of the province for a citizen to ask.
 */
function knownAgencies(passages: Passage[], province: string, provincial: (p: Passage) => boolean): Array<{ name: string; key: string }> {
  const names = new Set(passages.filter(provincial).flatMap((p) => p.path.map((h) => agencyIn(h, province)).filter((a): a is string => a !== null)));
  // "5. Sở Nội vụ (Ban Thi đua khen thưởng tỉnh)": the body in brackets is named too.
  return [...names].flatMap((name) => namesOfBody(name.replace(` tỉnh ${province}`, '')).map((key) => ({ name, key: looseForm(key) })));
}

/** Whether a question names one of the agencies and the earlier one named another, not this one ("Thế còn Sở Nội vụ …?"). */
function namesOtherOffice(question: string, earlier: string, agencies: Array<{ key: string }>): boolean {
  const own = looseForm(question);
  const before = looseForm(earlier);
  return agencies.some((a) => own.includes(a.key) && !before.includes(a.key)) && agencies.some((a) => before.includes(a.key) && !own.includes(a.key));
}

/**
 * A question's own content words in order (`own`: its query), for `holdsAskedWords`: as written when typed with marks ("bà nội" is not
 * "bá", "nơi"), folded when typed without; its own syllables, not the synonyms a word brings ("tiền": "kinh phí").
 */
function askedWords(question: string, own: Query): string[] {
  const syllables = new Set(own.ownContent);
  const written = normalizeVietnamese(question).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return own.accented ? written.filter((w) => syllables.has(foldDiacritics(w))) : own.ownContent.map((c) => `~${c}`);
}

/**
 * Whether a question asks a person by a post, with what the post is of ("Còn bí thư tỉnh ủy …"), and the earlier one asked
 * by another ("Chủ tịch … là ai?"). A post alone ("Vậy phó trưởng ban là ai?") is of the earlier question's body.
 */
function namesOtherPost(question: string, ownContent: readonly string[], earlier: string): boolean {
  const post = askedPost(question);
  const before = askedPost(earlier);
  if (post === null || before === null || post === before) return false;
  const postWords = new Set(post.split(' '));
  return ownContent.some((c) => !postWords.has(c));
}

/** Who to ask: an agency the question names, else the agency heading of a passage that covered the question, else the default. */
function agencyFor(question: string, hits: PassageHit[], agencies: Array<{ name: string; key: string }>, fallback: string, province: string, provincial: (p: Passage) => boolean): string {
  const asked = looseForm(question);
  const named = agencies.find((a) => asked.includes(a.key));
  if (named) return named.name;
  for (const hit of hits.filter((h) => h.coverage >= POLICY.coverageOnSubject && provincial(h.passage)).slice(0, 2)) {
    for (const heading of [...hit.passage.path].reverse()) {
      const agency = agencyIn(heading, province);
      if (agency) return agency;
    }
  }
  return fallback;
}

function suggestionsFrom(faqHits: FaqHit[], exclude: FaqEntry | null, all: readonly FaqEntry[]): string[] {
  const picked = faqHits.filter((h) => h.entry !== exclude && h.similarity >= POLICY.suggestionMin).map((h) => h.entry.question);
  if (picked.length === 0 && exclude === null) return all.slice(0, 3).map((e) => e.question);
  return picked.slice(0, 3);
}

function sourcesFor(primary: Passage[], hits: PassageHit[], max = 3): Passage[] {
  const out = [...primary];
  const top = hits[0]?.score ?? 0;
  for (const hit of hits) {
    if (out.length >= max) break;
    if (hit.score >= top * 0.6 && !out.includes(hit.passage)) out.push(hit.passage);
  }
  return out.slice(0, 5);
}

function withoutPersonalData(message: string): string {
  return redactPersonalData(message)
    .replace(/\[(?:email|số [^\]]+)\]/g, ' ')
    .replace(/(?:^|[.!?;,]\s*)(?:email|e-mail|sđt|số điện thoại|điện thoại|cccd|cmnd|stk)\s*(?:[:.]\s*)?(?=[.!?;,]|$)/giu, ' ')
    .trim();
}

/** "cho mình hỏi", "xin hỏi": what follows is the question. */
const ASK_OPENING = /(?:^|[,.;:!?]\s*|\s)(?:cho (?:mình|em|tôi|cháu|con|chị|anh)?\s*hỏi|xin hỏi|muốn hỏi|cho hỏi)(?:\s*[:,])?\s+(\S.*)$/iu;
const ASK_OPENING_FOLDED = /(?:^|[,.;:!?]\s*|\s)(?:cho (?:minh|em|toi|chau|con|chi|anh)?\s*hoi|xin hoi|muon hoi|cho hoi)(?:\s*[:,])?\s+(\S.*)$/i;

/**
 * The question itself, without the context a citizen puts first ("Tôi ở phường Mường Thanh,
 * cho hỏi …", "Em ở Mường Lay. NQ57 là gì?"): place names and occupations there would
 * otherwise outweigh what is asked.
 */
function focusOnQuestion(message: string): string {
  // What follows the ask, after spaces or line breaks; six characters at least. (Written as
  // "\s*[:,]?\s+(.{6,})$", three runs that can each take the spaces split a long run of them
  // in cubically many ways: seconds on one message.)
  // (Typed without marks, "xin hoi": read so only then, where "hoi" can be no "hội".)
  const afterAsk = (hasDiacritics(message) ? ASK_OPENING : ASK_OPENING_FOLDED).exec(message)?.[1]?.trim();
  // "… làm báo tường dịp 18/5, cho hỏi ngày này bắt nguồn từ …?", "… khi nói về Nghị quyết 57; riêng con số 3% …?": a
  // question pointing back to what the context named, or naming no subject where the context does, is asked with it.
  const needsContext = (picked: string) =>
    (/(?<!\p{L})(?:này|đó|ấy|nó)(?!\p{L})/iu.test(picked) && !DEICTIC.test(foldDiacritics(normalizeVietnamese(picked)))) || (!namesSubject(picked) && namesSubject(message));
  if (afterAsk && codePointLength(afterAsk) >= 6 && !needsContext(afterAsk)) return afterAsk;
  const sentences = message.split(/(?<=[.!?;])\s+/).filter((s) => /[\p{L}\p{N}]/u.test(s));
  // A part ending in ";" is context unless it asks something itself ("… có mấy nhóm nhiệm vụ; Sở nào chủ trì?").
  const asked = sentences.filter((s) => s.trim().endsWith('?') || (s.trim().endsWith(';') && asksSomething(s)));
  let focused = message;
  if (sentences.length > 1 && asked.length > 0) {
    const picked = asked.join(' ');
    // "… xin hỗ trợ tiền theo quyết định đó. Có được không?", "… nhân dịp 18/5. Ngày kỷ niệm này bắt đầu từ bao giờ?":
    // a bare yes/no, or a question pointing back to what the context named, is asked with its context.
    if (!needsContext(picked) && analyze(picked).content.length >= 3) focused = picked;
  }
  // "Em học lớp 9, cô giao tìm hiểu về tỉnh mình ạ: năm 2024 …?": who asks and why, then the question (a polite "ạ"
  // closing the context asks nothing), unless the context names the document asked about ("Em làm bài thuyết trình về
  // NQ193: văn bản này có bao nhiêu điều?").
  const colon = /^((?:em|tôi|toi|mình|minh|cháu|chau|con|nhà (?:em|tôi|mình)|nha (?:em|toi|minh)|bố|mẹ|chúng (?:em|tôi)|chung (?:em|toi))\s[^:]*):\s*(\S.*)$/iu.exec(focused.trim());
  if (colon?.[1] && colon[2] && !asksSomething(colon[1].replace(/\s+(?:ạ|a|nhé|nhe)\s*$/u, '')) && asksSomething(colon[2]) && documentCodes(colon[1]).length === 0) return colon[2];
  return focused;
}

/** A later question of a message as a query: its own words, with the whole message's at a lower weight for what it leaves unsaid. */
function partQuery(part: string, whole: Query, documentFrequency: (term: string) => number): Query {
  const own = buildQuery(part, [], false, documentFrequency);
  const terms = new Map(own.terms);
  for (const [term, weight] of whole.terms) if (!terms.has(term)) terms.set(term, weight * POLICY.partContext);
  // Coverage counts the whole message's words too: "…, là những lv nào?" leaves its subject to the first question.
  return { ...own, terms, content: new Set([...own.content, ...whole.content]) };
}

/**
 * The years a question asks of, and those it offers as the other choice: not a full date's, nor the year compared with
 * ("năm 2025 … tụt hay tăng bậc so với 2024"); a year after ", hay" ("… năm 2025, hay năm 2026?", "… từ ngày nào, hay
 * phải đợi đến giữa năm 2025?") is a choice, which the answer may name instead.
 */
function yearsAskedOf(question: string): { asked: string[]; choices: string[] } {
  const text = question.replace(/\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}/g, ' ').replace(/(?<!\p{L})(?:so với|so voi)(?:\s+(?:năm|nam))?\s+(?:19|20)\d{2}/gu, ' ');
  const choice = /,\s*(?:hay|hoặc|hoac)\s.*$/su.exec(text);
  return { asked: yearsIn(choice ? text.slice(0, choice.index) : text), choices: choice ? yearsIn(choice[0]) : [] };
}

/**
 * Whether the question asks about a year ("năm 2025", not the year of a date it quotes) and the
 * unit names years, none of them that one or a choice offered (its section heading counts).
 */
function otherYearOnly(question: string, unit: Unit): boolean {
  const { asked, choices } = yearsAskedOf(question);
  if (asked.length === 0) return false;
  const named = yearsIn(`${unit.passage.path.join(' ')} ${unit.text}`);
  return named.length > 0 && !named.some((y) => asked.includes(y) || choices.includes(y));
}

/**
 * The citizen's own province without its name: "tỉnh mình", "ngân sách tỉnh", "của tỉnh", "ở tỉnh" (as written with marks;
 * typed without, only "tinh minh/ta/nha", since "tinh" is also "tính"); not "các tỉnh", "mỗi tỉnh", "tỉnh nào".
 */
const OWN_PROVINCE = /(?<!\p{L})(?:tỉnh (?:mình|ta|nhà|em|tôi)|(?:ngân sách|(?<!(?:kế hoạch|văn bản|quyết định|kh) )của|ở|tại) tỉnh(?! nào))(?!\p{L})/u;
const OWN_PROVINCE_FOLDED = /(?:^|\s)tinh (?:minh|ta|nha)(?=\s|$|[?.,!])/;

/** The asker's own commune or village: "xã mình", "bản em", "thôn tôi" (typed without marks, only "xa/thon …": "ban toi" is also "bạn tôi"). */
const OWN_COMMUNE = /(?<!\p{L})(?:xã|bản|thôn|làng|tổ dân phố) (?:mình|tôi|em|nhà|ta|tui)(?!\p{L})/u;
const OWN_COMMUNE_FOLDED = /(?:^|\s)(?:xa|thon) (?:minh|toi|em|tui)(?=\s|$|[?.,!)])/;
/** …set against the province or the country: "cả tỉnh", "toàn tỉnh", "tỉnh", "cả nước". */
const WIDER_THAN_COMMUNE = /(?<!\p{L})(?:tỉnh|cả nước|toàn quốc)(?!\p{L})|(?:^|\s)(?:ca|toan) (?:tinh|nuoc)(?=\s|$|[?.,!])/u;
/** How often (a commune's duty, the same for every commune), not how many: "mấy lần", "bao lâu một lần", "định kỳ". */
const HOW_OFTEN = /bao lau mot lan|may lan|bao nhieu lan|dinh ky/;

/** Whether a figure is asked of the asker's own commune or village, not of the province or the country. */
function asksOfOwnCommune(question: string, province: string): boolean {
  const normal = normalizeVietnamese(question);
  const folded = foldDiacritics(normal);
  const own = hasDiacritics(question) ? OWN_COMMUNE.test(normal) : OWN_COMMUNE_FOLDED.test(folded);
  return own && !WIDER_THAN_COMMUNE.test(normal) && !WIDER_THAN_COMMUNE.test(folded) && !` ${folded} `.includes(` ${province} `) && !HOW_OFTEN.test(folded) && !EVERY_COMMUNE.test(folded);
}

/** A rule for every commune or village, not one's own figure: "tổ ở thôn tôi gồm bao nhiêu người", "mỗi thôn lập mấy tổ". */
const EVERY_COMMUNE = /(?:^|\s)(?:gom|bao gom|moi|co the|duoc lap|thanh vien|toi da|toi thieu)(?=\s|$|[?.,!])/;

/** "ai ký nghị quyết đó", typed without marks: a kind of document last in the question, then "do" (that one, not "by"). */
const KIND_POINTED_AT_END = /(?:^|\s)(?:nghi quyet|quyet dinh|ke hoach|van ban|nq|qd|kh|vb) (?:do|ay)(?:\s|[?.!])*$/;

/** A document named as what a text is about or carries out ("về …", "thực hiện Nghị quyết 57", "theo Quyết định 1169"). */
const CARRIED_OUT = /(?<!\p{L})(?:về|thực hiện|triển khai|theo|kèm theo|kèm)\s+(?:(?:Nghị quyết|Quyết định|Kế hoạch|Nghị định|Luật)\s+(?:số\s+)?\d[\p{L}\d/.-]*|(?:NQ|QĐ|KH|NĐ)\s*\d[\p{L}\d/.-]*)/giu;

/** How to apply is asked: "nộp hồ sơ thế nào", "làm thủ tục ở đâu", "đăng ký ra sao" (folded). */
const PROCEDURE_ASKED = /(?:^|\s)(?:(?:nop|lam) ho so|(?:lam )?thu tuc|dang ky)(?: \S+){0,3}? (?:the nao|ra sao|nhu nao|ntn|o dau|cach nao)(?=\s|$|[?.,!])/;
/**
 * A sanction asked: "bị kỷ luật hình thức gì", "quy định hình thức xử lý … không", "có bị phạt không", "mức phạt" (folded;
 * "phạt tiền" only as written: folded it may be "phát tiền", money handed out).
 */
const SANCTION_ASKED = /(?:^|\s)(?:ky luat|che tai|xu phat|(?:bi|muc|hinh thuc) (?:phat|xu ly)(?! (?:hien|trien|dong|thanh|song))|(?:muc|hinh thuc) (?:ky luat|che tai|xu phat))(?=\s|$|[?.,!])/;
const SANCTION_ASKED_MARKED = /(?<!\p{L})phạt(?!\p{L})/iu;
/** A reward asked beside it ("khen thưởng hay kỷ luật"): the sanction is not all that is asked. */
const REWARD_ASKED = /(?:^|\s)(?:khen|thuong|ton vinh)(?=\s|$|[?.,!])/;
/** A sentence about sanctions or their absence. */
const SANCTION_IN_TEXT = /(?<!\p{L})(?:xử lý(?! (?:văn bản|trực tuyến|hồ sơ|thủ tục|dữ liệu|thông tin))|kỷ luật|chế tài|phạt|xử phạt|trách nhiệm|truy cứu)(?!\p{L})/iu;
/** When a document takes effect is asked: "có hiệu lực từ …" (folded). */
const EFFECT_ASKED = /(?:^|\s)hieu luc(?=\s|$|[?.,!])/;
/** What a body is given to do is asked: "vai trò gì", "nhiệm vụ gì", "làm những gì", "được giao việc gì" (folded). */
const ROLE_ASKED = /(?:^|\s)(?:vai tro|nhiem vu|trach nhiem) (?:gi|nao|the nao|ra sao)(?=\s|$|[?.,!])|(?:^|\s)(?:lam|giao|phu trach)(?: \S+){0,4}? (?:gi|nhung gi|viec gi|nhung viec gi)(?=\s|$|[?.,!])/;
/** A sentence saying how to apply: a file, a registration, a procedure, where to go or log in. */
const PROCEDURE_IN_TEXT = /(?<!\p{L})(?:hồ sơ|nộp|đăng ký|thủ tục|truy cập|đăng nhập|liên hệ)(?!\p{L})/iu;
/** A document named as where to look: "theo Quyết định 11/QĐ-BCĐCP, …", "căn cứ Nghị quyết 57" (folded). */
const NAMED_AS_SOURCE = /(?:^|\s)(?:theo|can cu(?: vao)?)\s+(?:quyet dinh|nghi quyet|ke hoach|luat|thong bao|nghi dinh|qd|nq|kh|tb|nd)\s*(?:so\s*)?\d/;
/** A document named by its number: "Nghị quyết 59", "Thông báo 408/TB-VPCP". */
const DOCUMENT_NAMED = String.raw`(?:Nghị quyết|Quyết định|Kế hoạch|Nghị định|Luật|Thông báo|Thông tư|Chỉ thị|Đề án|NQ|QĐ|KH|NĐ|TB)\s*(?:số\s*)?\d[\p{L}\d/.-]*`;
/** A document named by number and what it is about or does: "Nghị quyết 59 về hội nhập quốc tế", "Quyết định 505/QĐ-TTg ngày 22/4/2022 về …". */
const DESCRIBED_DOCUMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${DOCUMENT_NAMED})(?:\s+ngày\s+\d{1,2}\/\d{1,2}\/\d{4})?(?:\s+của\s+(?:Bộ Chính trị|Quốc hội|Chính phủ|Thủ tướng(?: Chính phủ)?|Ban Chỉ đạo[^,.;]{0,40}?))?\s+(?:về|là|quy định|nhằm|phê duyệt|thí điểm|sửa đổi|hướng dẫn|thành lập|có nội dung)(?!\p{L})`,
  'gu',
);
/** A document named beside another in a list: "… như Quyết định 126/QĐ-BCĐCP và Thông báo 408/TB-VPCP, đều …". */
const LISTED_DOCUMENT = new RegExp(String.raw`(?<![\p{L}\p{N}])(${DOCUMENT_NAMED})(?=\s*(?:,|và)\s*${DOCUMENT_NAMED})|(?<=${DOCUMENT_NAMED}\s*(?:,|và)\s*)(${DOCUMENT_NAMED})`, 'gu');
/** Whether an answer names none of these documents, or names them only in a list beside others. */
function namedOnlyInPassing(text: string, codes: readonly string[]): boolean {
  return text.split('\n').every((line) => {
    if (!numbersNamed(line).some((c) => codes.includes(c))) return true;
    const listed = [...line.matchAll(LISTED_DOCUMENT)].flatMap((m) => numbersNamed(m[1] ?? m[2] ?? ''));
    const elsewhere = numbersNamed(line.replace(LISTED_DOCUMENT, ' '));
    return listed.some((c) => codes.includes(c)) && !elsewhere.some((c) => codes.includes(c));
  });
}
/** Whether a text says what a document named by one of these numbers is about, not only names it. */
function describesNamed(text: string, codes: readonly string[]): boolean {
  return [...text.matchAll(DESCRIBED_DOCUMENT)].some((m) => numbersNamed(m[1] ?? '').some((c) => codes.includes(c)));
}

/** The body whose head is asked ("đứng đầu Hội đồng tư vấn …"), as its first two words folded ("hoi dong"), or null. */
function headedBody(question: string): string | null {
  const rest = /(?<!\p{L})(?:đứng đầu|dung dau)\s(.+)$/su.exec(normalizeVietnamese(question))?.[1];
  const words = rest ? tokenizeSegments(rest)[0]?.slice(0, 2).map(foldDiacritics) : undefined;
  // ("ai đứng đầu ban đó": the board the conversation named.)
  return words?.length === 2 && HEADED_BODY.test(words[0] as string) && !/^(?:do|nay|ay|kia)$/.test(words[1] as string) ? words.join(' ') : null;
}
/** Whether a sentence names a body by its first words, abbreviations read ("UBND" is "ủy ban nhân dân"). */
function namesBody(text: string, body: string): boolean {
  return ` ${tokenizeSegments(text).flat().map(foldDiacritics).join(' ')} `.includes(` ${body} `);
}
/** A post as a sentence names it (folded), not its deputy's when the post asked is not a deputy's ("Phó Thủ tướng" is no "Thủ tướng"). */
function postNamed(post: string): RegExp {
  return new RegExp(post.startsWith('pho ') ? post : `(?<!pho )${post}`);
}
/** Words a body's name opens with: "ban", "hội đồng", "ủy ban", "sở", "bộ", "trung tâm"… (folded). */
const HEADED_BODY = /^(?:ban|hoi|uy|so|bo|trung|cuc|vien|to|mang|doan)$/;

/** How a text names documents by number ("Nghị quyết 193/2025/QH15", "QĐ 1169"), as written, space-joined. */
function documentNamesIn(text: string): string {
  return (text.match(/(?<![\p{L}\p{N}])(?:Nghị quyết|Quyết định|Kế hoạch|Nghị định|Luật|Nghi quyet|Quyet dinh|Ke hoach|Nghi dinh|Luat|NQ|QĐ|QD|KH|NĐ|ND)\s*(?:số\s*|so\s*)?\d[\p{L}\d/.-]*/giu) ?? []).join(' ');
}

/** Whether a text names by number a document the question names ("Văn bản 193/2025/QH15 …" and "Nghị quyết 193/2025/QH15 gồm …"). */
function sameDocumentNamed(question: string, text: string): boolean {
  const named = numbersNamed(question);
  return named.length > 0 && numbersNamed(text).some((c) => named.includes(c));
}

/** Words that end a law's name ("Luật Công nghiệp công nghệ số có hiệu lực …", "luật năm nào", "luật hóa"), folded. */
const AFTER_LAW_NAME = new Set(
  'co duoc bat ban gom thong quy la nam nao gi ve cua nay do ay kia noi thi hien bay ky khi tu ngay chinh ap hieu tai theo cho nhu the qua da se dang can phai voi lam con nghi hoa phap su le choi thay sua bo sung'.split(' '),
);

/** The words of a law's name after "luật" (folded), up to the first word that ends it; [] when a number or nothing names it. */
function lawNameAfter(folded: string): string[] {
  const words: string[] = [];
  const all = folded.split(/[\s,&/-]+/);
  for (const [i, word] of all.entries()) {
    // ("số" ends it before a number: "Luật KH,CN&ĐMST số 93"; "công nghệ số" is a name's. "luật mới" is the new law.)
    if (!/^\p{L}+$/u.test(word) || AFTER_LAW_NAME.has(word) || (word === 'so' && /^\d/.test(all[i + 1] ?? '')) || (i === 0 && word === 'moi')) break;
    words.push(word);
  }
  return words;
}

/** Whether a title's words cover a word of a name: the word itself, or the initials of words in a row ("cn" → "công nghệ"). */
function coveredBy(title: readonly string[], word: string): boolean {
  if (title.includes(word)) return true;
  const initials = title.map((w) => w[0] ?? '').join('');
  return word.length >= 2 && word.length <= 5 && initials.includes(word);
}

/**
 * Whether a text names only laws other than the one a question names (two words or more after "luật", abbreviations read
 * by their initials): "Luật CN công nghệ số có hiệu lực từ ngày nào?" is not answered by "Luật Khoa học, Công nghệ và Đổi
 * mới sáng tạo có hiệu lực từ ngày 01/10/2025", nor by a sentence naming only other documents ("Nghị quyết 57-NQ/TW có hiệu
 * lực …"); "Luật KH,CN&ĐMST" is that law. A sentence naming no law by title may name the asked one by its code alone
 * ("Luật 93/2025/QH15"), and one naming the document the question names by number is its.
 */
function otherLawThan(question: string): (text: string) => boolean {
  const folded = looseForm(question);
  const asked = [...folded.matchAll(/(?:^|\s)luat\s+([^?.!;:]*)/g)].map((m) => lawNameAfter((m[1] as string).replace(/,\s.*$/, ''))).find((name) => name.length >= 2);
  if (!asked) return () => false;
  return (text) => {
    if (sameDocumentNamed(question, text)) return false;
    const titles = [...text.normalize('NFC').matchAll(/(?<!\p{L})Luật\s+(\p{Lu}[^.;:()]*)/gu)].map((m) => lawNameAfter(looseForm(m[1] as string)));
    if (titles.some((title) => asked.every((word) => coveredBy(title, word)))) return false;
    const codes = numbersNamed(text);
    return titles.length > 0 || (codes.length > 0 && !codes.some((c) => c.startsWith('luat')));
  };
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(normalizeVietnamese(text));
}

/** The heading of an official document's list of recipients. */
const RECIPIENTS = /^noi nhan\s*:?$/;

/** "Ông ấy giữ chức vụ gì?", "người đó làm chức gì": the post of a person pointed back at. */
function asksPostOfPerson(question: string): boolean {
  const folded = foldDiacritics(normalizeVietnamese(question));
  return /chuc vu|chuc danh|giu chuc|lam chuc|cuong vi/.test(folded) && /(?:^|\s)(?:ong|ba|nguoi)\s(?:ay|do|kia)(?=\s|$|[?.,!])/.test(folded);
}

/**
 * "Kế hoạch này đặt mục tiêu gì đến năm 2030?" asked on the plan's page: its sentences come before
 * another document's that repeat the question's words ("Đến năm 2030, theo Nghị quyết 57, …").
 */
function onPage(pointed: string | null, units: Unit[]): Unit[] {
  if (!pointed) return units;
  return units.map((u) => (u.passage.documentId === pointed ? u : { ...u, score: u.score * POLICY.offPageUnits })).sort((a, b) => b.score - a.score);
}

export function createAnswerer(searcher: CorpusSearcher, options: AnswererOptions) {
  const names = documentNames(searcher.documents.values());
  const province = provinceOf(options.province, searcher.documents.values());
  const provinceName = options.province ?? 'Điện Biên';
  /** The province's own documents (their titles name it), or every document when none does. */
  const own = provinceOf(provinceName, searcher.documents.values()).documents;
  const provincial = (p: Passage) => own.length === 0 || own.includes(p.documentId);
  const provinceFolded = foldDiacritics(normalizeVietnamese(provinceName));
  /** Whether the question is about the province itself ("ở Điện Biên", "tỉnh ĐB"). */
  /** …or, for a figure, by "tỉnh mình", "ngân sách tỉnh" ("kế hoạch của tỉnh" names a document: its date is Resolution 57's). */
  const asksOfProvince = (query: Query, question: string, figure: boolean) =>
    own.length > 0 && (` ${query.contentText} `.includes(` ${provinceFolded} `) || (figure && (OWN_PROVINCE.test(normalizeVietnamese(question)) || OWN_PROVINCE_FOLDED.test(foldDiacritics(normalizeVietnamese(question))))));
  const agencies = knownAgencies(searcher.corpus.passages, provinceName, provincial);
  const openings = documentOpenings(searcher.corpus.passages);
  /** Each document's own "Mục đích" section, found once. */
  const purposes = purposeSections(searcher.corpus.passages);
  /** Each section's passages (a long section is several), found once: a whole section can be given though only one passage was found. */
  const sectionOf = (passage: Passage) => `${passage.documentId}\u0000${passage.path.join('\u0000')}`;
  const sections = new Map<string, Passage[]>();
  for (const passage of searcher.corpus.passages) sections.set(sectionOf(passage), [...(sections.get(sectionOf(passage)) ?? []), passage]);
  /** Each document's passages in corpus order, found once. */
  const passagesOf = new Map<string, Passage[]>();
  for (const passage of searcher.corpus.passages) passagesOf.set(passage.documentId, [...(passagesOf.get(passage.documentId) ?? []), passage]);

  /**
   * What a document is, from its own opening (its title and first section), in reading order, led by the sentence that
   * says most of what the title says ("Tên đầy đủ … là Nghị quyết 'về đột phá …'"), not by a number and a date.
   */
  const describedBy = (documentId: string, query: Query): Unit[] => {
    const opening = openingHits(openings, documentId);
    const idf = (t: string) => searcher.idf(t);
    const inOrder = rankUnits(opening, query, [], idf).sort(readingOrder);
    const title = searcher.documents.get(documentId)?.title.replace(/\s*\(tóm lược\)\s*$/u, '') ?? '';
    const lead = rankUnits(opening, buildQuery(title), [], idf).sort((a, b) => b.coverage - a.coverage || readingOrder(a, b))[0];
    const same = (u: { text: string; passage: Passage }) => lead !== undefined && u.text === lead.text && u.passage === lead.passage;
    return [...inOrder.filter(same), ...inOrder.filter((u) => !same(u))];
  };

  /**
   * The units, in reading order, of the one section of a document that a question asking what it says names in full
   * ("Nghị quyết này có nội dung chính là gì" on Resolution 71's page: "1. Nội dung chính của Nghị quyết 71"), or null.
   */
  const sectionNamedIn = (documentId: string, question: string, query: Query): Unit[] | null => {
    const meta = searcher.documents.get(documentId);
    if (!meta) return null;
    const naming = buildQuery(`${question} ${meta.shortTitle ?? meta.title}`, [], false, (term) => searcher.documentFrequency(term));
    const named = (passagesOf.get(documentId) ?? []).filter((p) => namesHeading(p, naming));
    const first = named[0];
    if (!first || !named.every((p) => sectionOf(p) === sectionOf(first))) return null;
    const section = sections.get(sectionOf(first)) ?? [];
    return rankUnits(section.map((passage) => ({ passage, score: 1, coverage: 0, strictCoverage: 0 })), query, [], (t) => searcher.idf(t)).sort(readingOrder);
  };

  /**
   * The document "kế hoạch này" points at: the page's, else the one the conversation last cited,
   * else the default; a pointer that names a kind ("kế hoạch này") skips cited documents of another
   * kind (the decision a plan implements, quoted first) and, of that kind, takes the first cited.
   */
  const pointedAt = (question: string, history: readonly Turn[], context: AskContext): string | null => {
    const kind = pointerKind(question);
    const fits = (id: string | undefined): id is string => {
      const meta = id === undefined ? undefined : searcher.documents.get(id);
      return meta !== undefined && isOfKind(meta, kind);
    };
    // …or, when none cited is of that kind, the one the answer's own original names in its title: "cái quyết định đó"
    // after an answer from the province plan "triển khai Quyết định số 1169/QĐ-TTg" is that decision. (Not a summary's:
    // "Thể chế hóa Nghị quyết 57" is about NQ57, and "nghị quyết đó" there is the one the conversation named.)
    const cited = history.at(-1)?.documentIds ?? [];
    const lead = cited[0] === undefined ? undefined : searcher.documents.get(cited[0]);
    const namedByCited = () => (lead && !lead.compiledBy ? documentCodes(lead.title) : []).flatMap((code) => names.filter((n) => n.code === code).map((n) => n.id));
    if (!DEICTIC.test(foldDiacritics(normalizeVietnamese(question)))) {
      // "Thế ông nào ký cái quyết định ấy?": the document of that kind the conversation last cited, whatever page it is asked on.
      return refersBack(question) ? (cited.find(fits) ?? (kind === null ? undefined : namedByCited().find(fits)) ?? null) : null;
    }
    if (context.documentId && searcher.documents.has(context.documentId)) return context.documentId;
    // "…về NQ193: văn bản này có bao nhiêu điều?": off any page, "văn bản này" is the document the question names.
    if (kind === null && numbersNamed(question).length > 0) return null;
    return [...(history.at(-1)?.documentIds ?? []), options.defaultDocument].find(fits) ?? null;
  };

  async function answerFresh(rawMessage: string, history: readonly Turn[], context: AskContext): Promise<AnswerResult> {
    const faqAll = searcher.faq.entries;
    // Personal data never reaches retrieval: "Email a@b.vn. NQ57 là gì?" is asked as "NQ57 là gì?".
    const message = withoutPersonalData(rawMessage);
    const kind = classifyRequest(message);
    const none = { faq: 0, coverage: 0, score: 0, followUp: false };
    const question = focusOnQuestion(kind === 'injection' ? withoutInjection(message) : message);
    if (kind === 'internals' || kind === 'abuse' || (kind === 'injection' && !hasWords(question))) {
      return { outcome: 'refused', method: 'none', answer: refusedMessage(), sources: [], suggestions: [], signals: none };
    }
    if (!hasWords(question)) {
      // "???", "👍": nothing to look up; say what the service covers.
      return { outcome: 'out_of_scope', method: 'none', answer: outOfScopeMessage(), sources: [], suggestions: suggestionsFrom([], null, faqAll), signals: none };
    }

    // "Ông ấy giữ chức vụ gì?" after "Ai ký …?": the sentence that named the person says the post too.
    const earlier = history.at(-1);
    // (Once: the earlier question is asked as it was, on the same page, with the conversation before it.)
    // (Not when it asks of another time: "Vậy đầu năm 2025 người đó làm chức vụ gì?" is asked as it is.)
    if (earlier && asksForPerson(earlier.question) && asksPostOfPerson(question) && yearsIn(question).length === 0) return answerFresh(earlier.question, history.slice(0, -1), { documentId: context.documentId });

    const pointed = pointedAt(question, history, context);
    // "Nghị quyết này do ai ký?" after "Nghị quyết 193/2025/QH15 là gì?", when no document of the corpus is that resolution:
    // asked of the resolution the earlier question named (once: no pointer is left).
    const named = pointed === null && context.documentId === undefined && earlier ? askedOfNamedEarlier(question, earlier.question) : null;
    if (named !== null && named !== question) return answerFresh(named, history, context);
    // Once "kế hoạch này" is resolved to a document, its words only point: what is asked is the rest.
    const retrieved = context.retrievalQuestion ?? question;
    const searched = pointed ? withoutPointer(retrieved) : retrieved;
    // In a conversation about the subject, a question with no subject of its own continues it ("Trên đó có bao nhiêu
    // khóa học?"), unless it is asked on a page: "Phong trào này…" has its subject already, the page's document.
    const previousTurn = history.at(-1);
    const documentFrequency = (term: string) => searcher.documentFrequency(term);
    const continues = previousTurn !== undefined && !pointed && !namesSubject(question) && namesSubject(previousTurn.question);
    const built = buildQuery(searched, history.map((t) => t.question), continues, documentFrequency);
    // "Thế còn Sở Nội vụ thì được giao việc gì?" after a question about another office: the new office replaces the old
    // one, as a new year replaces the old (the words of the earlier question would pull back to the office it named).
    // …and so does a new post ("Còn bí thư tỉnh ủy bây giờ là ai?" after "Chủ tịch UBND tỉnh bây giờ là ai?").
    const replacesEarlier = (earlier: string) => namesOtherOffice(question, earlier, agencies) || namesOtherPost(question, built.ownContent, earlier);
    const query = built.followUp && previousTurn && replacesEarlier(previousTurn.question) ? { ...buildQuery(searched, [], false, documentFrequency), followUp: true } : built;
    // "kế hoạch này" is answered from that document: its passages are always among the candidates.
    const found = await searcher.retrieve(query, POLICY.retrieveK);
    const fromPointed = pointed ? await searcher.retrieve(query, POLICY.retrieveK, (p) => p.documentId === pointed) : [];
    const merged = [...found, ...fromPointed.filter((h) => !found.some((f) => f.passage === h.passage))];
    const focus = focusedDocuments(query, names, query.followUp ? history.at(-1) : undefined, pointed, province);
    const hits = boostNamedHeadings(boostDocuments(merged, focus), query, POLICY.namedHeading);
    const faqHits = query.followUp ? [] : searcher.matchFaq(query, 4);
    const signals = { faq: faqHits[0]?.similarity ?? 0, coverage: hits[0]?.coverage ?? 0, score: hits[0]?.score ?? 0, followUp: query.followUp };
    // A follow-up is on the subject when the conversation is: "Vậy nó có phải là luật không?" after "Nghị quyết 57 là gì?".
    const previous = query.followUp ? history.slice(-3).map((t) => t.question).join(' ') : '';
    // A question asked on a document's page about "văn bản này" is on the subject whatever its words.
    // …and so is a follow-up to a turn the documents answered ("vậy đầu năm 2025 người đó làm chức vụ gì?").
    const namesDocument = namesCorpusDocument(query, searcher);
    const onTopic = namesSubject(`${previous} ${question}`) || pointed !== null || (query.followUp && (previousTurn?.documentIds.length ?? 0) > 0) || namesDocument;
    // A divorce, the weather, a loan: an everyday matter the corpus never mentions is out of scope, whatever words it shares.
    // …unless the question names a document the corpus holds ("NQ 193 … có phải nộp thuế thu nhập cá nhân không?"),
    // or is asked on a document's page about that document: then the passages decide.
    const everyday = !namesDocument && !pointed && everydayTopicOutsideCorpus(question, (phrase) => phraseInCorpus(phrase, searcher)) !== null;
    /** `found`: passages answered the question's words, only not the particular asked: it is on the subject. */
    const decline = (found = false): AnswerResult => {
      if (kind === 'injection') return { outcome: 'refused', method: 'none', answer: refusedMessage(), sources: [], suggestions: [], signals };
      // A question naming a document the corpus holds, or an agency the documents assign work to, is on the subject.
      // (An everyday matter of the service's own subject, "tài khoản học Bình dân học vụ số bị hack", is asked of the agency.)
      const onSubject = (!everyday || namesOwnSubject(question)) && (found || onTopic || agencies.some((a) => looseForm(question).includes(a.key)));
      return {
        outcome: onSubject ? 'no_answer' : 'out_of_scope',
        method: 'none',
        answer: onSubject ? noAnswerMessage(agencyFor(question, hits, agencies, options.defaultAgency, provinceName, provincial)) : outOfScopeMessage(),
        sources: [],
        suggestions: suggestionsFrom(faqHits, null, faqAll),
        signals,
      };
    };

    if (everyday || asksUnknownParticular(query, hits, searcher.documents, pointed) || namesUnknownNumber(query, searcher)) return decline();

    const type = classifyQuestion(question);
    /** The question folded, read once by the rules below. */
    const askedFolded = foldDiacritics(normalizeVietnamese(question));
    const facets = detectFacets(question);
    // Off the subject, a passage must also share a word specific to the question, not only words common to the domain.
    const specific = specificWords(query, searcher);
    const best = faqHits[0];
    // A curated entry answers one question: a message asking several is answered part by part.
    const asked = questionParts(question);
    const several = asked.length > 1;
    // The words that name the question's document by its number ("Kế hoạch … triển khai QĐ 1169").
    const namedBy = namingSyllables(query, names);
    // "thế cái NQ59 trong bộ đó nói về chuyện gì?" after a question on NQ57 asks of NQ59, a document the corpus only
    // mentions: not of the one the conversation was about.
    // ("Theo Quyết định 11/QĐ-BCĐCP, năm 2026 … nội dung gì?" names where to look, not what it asks about.)
    // ("Kế hoạch 2026 của BCĐ", "Nghị quyết 2024 của Bộ Chính trị": a year, not a number.)
    const numbered = numbersNamed(question);
    const ownNumbers = numbered.filter((c) => !/\D(?:19|20)\d{2}$/.test(c));
    const namesOnlyOthers = ownNumbers.length > 0 && !ownNumbers.some((c) => names.some((n) => n.code === c)) && !NAMED_AS_SOURCE.test(askedFolded);
    const asksOf = namesOnlyOthers ? null : (pointed ?? headDocument(query, names));
    const asksOfMeta = asksOf ? searcher.documents.get(asksOf) : undefined;
    const about = asksAboutDocument(query, facets, asksOf, namedBy, asksOfMeta ? describingWords(asksOfMeta) : undefined);
    // "Quyết định 1169 nói về cái gì?" is answered by an entry about what the document is, not by one about its 2030 targets.
    const aboutToo = (entry: FaqEntry) => about === null || [entry.question, ...entry.alternatives].some((p) => asksAboutDocument(buildQuery(p), detectFacets(p), about) === about);
    const fitted = fittingEntry(best, { question, text: query.text, type, facets, specific, pointed });
    const candidate = fitted && aboutToo(fitted) ? fitted : null;
    const fitting = candidate && (!several || [candidate.question, ...candidate.alternatives].some((p) => questionParts(p).length > 1)) ? candidate : null;
    const curated = (entry: FaqEntry): AnswerResult => {
      const linked = entry.passageId ? searcher.passagesById.get(entry.passageId) : undefined;
      return { outcome: 'answered', method: 'faq', answer: entry.answer, sources: sourcesFor(linked ? [linked] : [], hits), suggestions: suggestionsFrom(faqHits, entry, faqAll), signals };
    };
    if (fitting) return curated(fitting);

    // "Nghị quyết này có nội dung chính là gì?": a section of that document the question names in full
    // ("1. Nội dung chính của Nghị quyết 71": "nghị quyết này" is that resolution) says it, read from its start.
    const namedSectionOfAbout = about ? sectionNamedIn(about, question, query) : null;
    if (namedSectionOfAbout) {
      const composition = readFromStart(namedSectionOfAbout, searcher.documents);
      return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
    }
    if (about) {
      // "Văn bản này nói về vấn đề gì?": what the document is, from its own opening (its title and first section),
      // whatever the search found: the question asks about the document, not about words in it.
      // It leads with the sentence that says most of what the title says ("Tên đầy đủ … là Nghị quyết 'về đột phá …'"),
      // not with a number and a date; the rest follows in reading order.
      const composition = compose(describedBy(about, query), searcher.documents);
      if (composition) {
        return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
      }
    }
    // "Tỉnh ra kế hoạch này rốt cuộc muốn đạt được điều gì?": the document's own "Mục đích" section, read through.
    const purposeOf = about ? null : asksPurposeOf(query, facets, asksOf, namedBy, asksOfMeta ? describingWords(asksOfMeta) : undefined);
    const purpose = purposeOf ? (purposes.get(purposeOf) ?? []) : [];
    if (purpose.length > 0) {
      const points = rankUnits(purpose.map((passage) => ({ passage, score: 1, coverage: 0, strictCoverage: 0 })), query, [], (t) => searcher.idf(t)).sort(readingOrder);
      const composition = readFromStart(points, searcher.documents);
      return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
    }
    const answers = (h: PassageHit, words: string[] = specific) => {
      if (onTopic) return h.coverage >= POLICY.coverageOnSubject;
      // A long section is cut into passages: the words its other passages hold are the section's ("2026" in the next one).
      const shared = heldCount(sections.get(sectionOf(h.passage)) ?? h.passage, words);
      // Several words specific to the question in one passage answer it even with casual wording around them.
      // Typed with marks, a word counts as spelled: "Thủ đô của Pháp" shares nothing with "thứ tư", "độ trễ".
      const covered = h.spelledCoverage ?? h.strictCoverage;
      return (covered >= POLICY.coverageMin && (words.length === 0 || shared > 0)) || (covered >= POLICY.coverageSpecific && shared >= 2) || (covered >= POLICY.coverageManySpecific && shared >= 4);
    };
    const answerable = hits.filter((h) => answers(h));
    // "đến 2045 … xếp hạng thế giới ra sao": when every passage that answers is of another year, the section of the asked
    // year among the hits answers too, holding a fair share of the words ("V. Tầm nhìn đến năm 2045" over "IV. … 2030").
    const alignment = alignmentOf(question, query.followUp ? previousTurn?.question : undefined);
    const askedYears = alignment?.years ?? [];
    const ofAskedYear = (h: PassageHit) => yearsIn(h.passage.path.join(' ')).some((y) => askedYears.includes(y));
    if (askedYears.length > 0 && answerable.length > 0 && !answerable.some(ofAskedYear)) {
      answerable.push(...hits.filter((h) => !answerable.includes(h) && ofAskedYear(h) && h.strictCoverage >= POLICY.coverageSpecific));
    }
    // "Tính tới cuối tháng 3/2025, … bao nhiêu thuê bao di động, cứ 100 người dân có bao nhiêu thuê bao?": a long message
    // none of whose passages holds enough of all its words may still have one that answers one of its questions.
    if (answerable.length === 0 && several) {
      // (Searched together: on Workers each search may be a request of its own.)
      const partQueries = asked.map((part) => buildQuery(part, [], false, documentFrequency));
      const partHits = await Promise.all(partQueries.map((q) => searcher.retrieve(q, POLICY.partK)));
      partQueries.forEach((partAsked, i) => {
        // …sharing two words specific to that question ("thuê bao", "di động"), not a channel or a time ("kênh nào", "mấy giờ"),
        // or answering it by the words it asks alone ("Văn bản 193/2025/QH15 … thông qua hôm nào" beside "chia thành mấy chương").
        const partWords = specificWords(partAsked, searcher);
        for (const hit of partHits[i] ?? []) {
          const whole = hits.find((h) => h.passage === hit.passage);
          if (whole && (answers(hit) ? heldCount(hit.passage, partWords) >= 2 : answers(hit, partWords) && (partWords.length > 0 || sameDocumentNamed(asked[i] ?? '', hit.passage.text))) && !answerable.includes(whole)) answerable.push(whole);
        }
      });
    }
    // …but the curated entry is better than nothing when no passage answers the message.
    if (answerable.length === 0) return candidate ? curated(candidate) : decline();
    // "Văn bản này ký ngày nào, ai ký?": a document's own particulars are in its opening.
    // "…thực hiện quyết định nào?" asks no kind of fact: the opening answers it when a sentence there holds the question's words.
    const particulars = DOCUMENT_PARTICULARS.test(askedFolded);
    // …unless it names another document by number: "Theo kế hoạch này thì NQ57 ban hành ngày nào?" asks about NQ57.
    // (…and so are those of the one document a question names by number and asks them of: "nq57 ban hành xong … có hiệu
    // lực, ban hành ngày nào".)
    // (A date, a signer, a number or when it takes effect: "theo hướng nào thay thế" asks what replaces a way of lawmaking.)
    const particularAsked = facets.some((f) => f.kind === 'when' || f.kind === 'who' || f.kind === 'code') || EFFECT_ASKED.test(askedFolded);
    const namedAlone = !pointed && !several && particularAsked && numbered.length === 1 && asksOf !== null && names.some((n) => n.id === asksOf && n.code === numbered[0]) ? asksOf : null;
    const openingOf = pointed && !namesByNumber(query) ? pointed : namedAlone;
    if (openingOf && particulars) {
      const ranked = rankUnits(openingHits(openings, openingOf), query, facets, (t) => searcher.idf(t));
      // (Led by a sentence holding what is asked: "ông nào đặt bút ký" by the signer's, not by "… được ký ngày 16/6/2025".)
      const inOpening = facets.length > 0 ? [...ranked.filter((u) => u.holds.size > 0), ...ranked.filter((u) => u.holds.size === 0)] : ranked;
      // (Asked too what it says, "… có nội dung chính là gì và nó thay thế …", by a section its words name,
      // "1. Nội dung chính của Nghị quyết 71": that section, read from its start, leads.)
      const subjectPart = several ? asked.find((part) => detectFacets(part).some((f) => f.kind === 'subject')) : undefined;
      const named = subjectPart ? sectionNamedIn(openingOf, subjectPart, query) : null;
      const opening = named ? [...named, ...inOpening] : inOpening;
      const held = facets.length > 0 ? opening.some((u) => u.holds.size > 0) : (opening[0]?.coverage ?? 0) >= POLICY.openingCoverage;
      const composition = held ? compose(opening, searcher.documents, facets, query) : null;
      // (A summary of two documents opens with both: "… kèm Nghị quyết 03/NQ-CP ngày 09/01/2025, sau đó … Nghị quyết 71/NQ-CP
      // ngày 01/4/2025" does not give NQ71's date alone; its sections do.)
      const ofOthersToo = openingOf === namedAlone && composition !== null && numbersNamed(composition.lead.text).some((c) => c !== numbered[0]);
      if (composition && !composition.missing.includes('contact') && !ofOthersToo) {
        return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
      }
    }
    // A follow-up's earlier words found the passages; among their sentences, what it newly asks ("còn năm 2030?") decides.
    const newlyAsked = query.followUp ? { ...query, terms: new Map([...query.terms].map(([t, w]) => [t, w < 1 ? w * POLICY.borrowedInUnits : w])) } : query;
    // Words that only name the document the question is about point at it; the rest decide among its sentences.
    // …the same for the words a follow-up borrows: "Thế còn đến 2030?" after "Kế hoạch … triển khai QĐ 1169 đặt mục tiêu gì cho 2025?".
    const naming = new Set([...namedBy, ...(query.followUp && previousTurn ? namingSyllables(buildQuery(previousTurn.question), names) : [])]);
    const unitQuery = pointed ? newlyAsked : weightedDown(newlyAsked, naming, POLICY.namingInUnits);
    // A document's title block (before its first heading) names the document; it answers only what is asked about the document itself.
    // A document's list of recipients ("Nơi nhận") answers who it was sent to, not what anyone on it must do.
    const asksRecipients = /(?:^|\s)(?:gui|nhan|noi nhan|gui cho|gui toi|gui den)(?:\s|$|[?.,!])/.test(askedFolded);
    const factor = (p: Passage) =>
      !particulars && (p.path.length === 0 || isParticularsPassage(p)) ? POLICY.titleBlock : !asksRecipients && RECIPIENTS.test(foldDiacritics(p.path.at(-1) ?? '').toLowerCase()) ? POLICY.recipientsList : 1;
    const weighed = (h: PassageHit): PassageHit => (factor(h.passage) === 1 ? h : { ...h, score: h.score * factor(h.passage) });
    const candidates = answerable.map(weighed);
    // A document named by another name it goes by ("kế hoạch truyền thông … của tỉnh") is asked about as if on its page.
    let units = onPage(pointed ?? aliasNamed(query, names), rankUnits(candidates.slice(0, POLICY.unitPassages), unitQuery, facets.length > 0 ? facets : facetsOfType(type), (t) => searcher.idf(t), alignment));
    // What one body is given to do is asked ("Sở TC có vai trò gì …"): its folded key ("so tai chinh"), named as typed
    // or as its abbreviation reads.
    const namesAgency = (key: string) => ` ${looseForm(question)} `.includes(` ${key} `) || ` ${query.contentText} `.includes(` ${key} `);
    const rolesAsked = !several && ROLE_ASKED.test(askedFolded) ? agencies.filter((a) => namesAgency(a.key)) : [];
    const roleOf = rolesAsked.length === 1 ? (rolesAsked[0] as { key: string }).key : null;
    // A date, number, contact or person question asked alone (a message asking several is answered, or said missing, part by part below).
    if (!several && facets.filter((f) => f.kind !== 'status').length <= 1 && (type === 'date' || type === 'quantity' || type === 'contact' || type === 'code' || (type === 'who' && asksForPerson(question)))) {
      // A date, number, contact or person question is answered by a unit that holds one, or declined.
      // "Ở Điện Biên có bao nhiêu doanh nghiệp công nghệ số?" is not answered by the country's figure: by the province's, or declined.
      // "Ở xã Na Sang … được bao nhiêu hộ?": a figure for a place the documents never name is not the province's.
      if (unknownPlaceNamed(question, searcher) !== null) return decline(true);
      // "Ở xã mình … đã có bao nhiêu bà con được cấp chứng chỉ rồi?": the documents give no commune's own result (its UBND
      // does), only the province's ("cả tỉnh còn bao nhiêu thôn…"); a rule for every village ("tổ ở thôn tôi gồm bao nhiêu người") they give.
      if (type === 'quantity' && asksOfOwnCommune(question, provinceFolded)) return decline(true);
      const ofProvince = asksOfProvince(query, question, type === 'quantity');
      // "Ai ký Nghị quyết 71/NQ-CP?", "NQ 03 ban hành ngày nào?": a signer or a date is a document's own; a sentence that names
      // only other documents by number ("Người ký Quyết định 1169/QĐ-TTg là …") gives theirs.
      // (A follow-up naming none asks of the documents the earlier question named when it points back at them, "ai ký
      // nghị quyết đó?", or names no subject of its own; "Còn Ngày Chuyển đổi số quốc gia do ai ký quyết định?" asks of another.)
      const own = numbersNamed(question);
      const pointsBack = refersBack(question) || DEICTIC.test(askedFolded) || KIND_POINTED_AT_END.test(askedFolded) || !namesSubject(question);
      const asked = type !== 'who' && type !== 'date' && type !== 'quantity' ? [] : own.length === 0 && query.followUp && previousTurn && pointsBack ? numbersNamed(previousTurn.question) : own;
      const ofOthers = (u: Unit) => {
        if (asked.length === 0) return false;
        // (A count's sentence names another document as its subject, not as what it carries out: "Chương trình … thực
        // hiện Nghị quyết 57 … 100% bộ, ngành" is the programme's figure.)
        const named = numbersNamed(type === 'quantity' ? u.text.replace(CARRIED_OUT, ' ') : u.text);
        return named.length > 0 && !named.some((c) => asked.includes(c));
      };
      // "Kinh tế số năm 2025 thực tế đã đạt bao nhiêu % GDP?" asks a result: a target's figure ("Mục tiêu … 20% GDP") is not it, nor the reverse.
      const otherKind = (u: Unit) => type === 'quantity' && alignment?.wants != null && kindStated(u.text, u.passage.path.join(' ')) === (alignment.wants === 'target' ? 'result' : 'target');
      // "Hội đồng tư vấn … do ai làm chủ tịch?" is not answered by who heads the Steering Committee: the post asked must be named.
      const post = type === 'who' ? askedPost(question) : null;
      const postHeld = post === null ? null : postNamed(post);
      // "Ai đứng đầu Hội đồng tư vấn của BCĐ?" is not answered by who heads the board: the body headed must be named.
      const headed = type === 'who' ? headedBody(question) : null;
      const otherLaw = otherLawThan(question);
      // (What the question word asks, or its type's kind when it has none: "hồi chạy thử trước ngày ra mắt … bao nhiêu học viên" asks how many.)
      const typedKind = (facets.find((f) => f.kind !== 'status') ?? (facetsOfType(type)[0] as Facet)).kind;
      const typedIn = (ranked: Unit[]) =>
        ranked.find((u) => {
          // (It holds the kind of fact asked, not only another facet: "hiện đại" says nothing of how many.)
          if (!u.holds.has(typedKind) || ofOthers(u) || otherKind(u) || otherLaw(u.text)) return false;
          const text = foldDiacritics(normalizeVietnamese(u.text));
          return (postHeld === null || postHeld.test(text)) && (headed === null || namesBody(u.text, headed)) && (!ofProvince || provincial(u.passage) || text.includes(provinceFolded));
        });
      let typed = typedIn(units);
      let typedHits = answerable;
      if (!typed) {
        // None of the passages found holds that kind of fact: it may sit a little further down ("gồm 5 quan điểm chỉ đạo"
        // under "Thông tin chung", below the five points' own sections).
        const further = boostNamedHeadings(boostDocuments(await searcher.retrieve(query, POLICY.typedRetrieveK), focus), query, POLICY.namedHeading)
          .filter((h) => answers(h) && !answerable.some((a) => a.passage === h.passage))
          .map(weighed);
        if (further.length > 0) {
          typedHits = [...answerable, ...further];
          units = onPage(pointed ?? aliasNamed(query, names), rankUnits([...candidates.slice(0, POLICY.unitPassages), ...further], unitQuery, facets.length > 0 ? facets : facetsOfType(type), (t) => searcher.idf(t), alignment));
          typed = typedIn(units);
        }
      }
      // Its coverage counts its passage too: "có hiệu lực từ ngày ban hành" and the date sit in sibling bullets.
      const passageCoverage = typedHits.find((h) => h.passage === typed?.passage)?.coverage ?? 0;
      // It must stand against the sentences of other passages; a sibling bullet that names the document more fully
      // ("Luật 93 … được Quốc hội thông qua" above "… gồm 73 điều") is its own section's, not a rival.
      // (A count, or a document's signer ("Quyết định 1169 do ai ký?" beside "… được ký ngày 16/6/2025"):
      // a sibling's date is often another event's.)
      // (A follow-up asking another post, "thế phó ban là những ai?" after who heads the board: the earlier words bring
      // the head's sentence first; not naming the post asked, it is no rival.)
      const rivals = post === null || !query.followUp ? units : units.filter((u) => foldDiacritics(normalizeVietnamese(u.text)).includes(post));
      const rival = (type === 'quantity' || (type === 'who' && particulars) ? rivals.find((u) => u.passage !== typed?.passage) : rivals[0])?.score ?? 0;
      if (!typed || typed.score < rival * POLICY.typedRatio || Math.max(typed.coverage, passageCoverage * 0.8) < POLICY.unitCoverageForTyped) {
        return decline(true);
      }
      // "Dân số năm 2025 là bao nhiêu?" is not answered by the 2024 figure: a figure of another year is declined.
      if (otherYearOnly(question, typed)) return decline(true);
      units = [typed, ...units.filter((u) => u !== typed)];
    } else if (!several && facets.length === 1 && facets[0]?.kind === 'where' && PLACE_ASKED.test(askedFolded)) {
      // "Trung tâm đặt ở chỗ nào?", "tổ chức ở địa điểm nào?": a place is asked, so a sentence naming one answers, or none does.
      const placed = units.find((u) => u.holds.has('where'));
      if (!placed || placed.score < (units[0]?.score ?? 0) * POLICY.typedRatio) return decline(true);
      units = [placed, ...units.filter((u) => u !== placed)];
    } else if (!several && (SANCTION_ASKED.test(askedFolded) || SANCTION_ASKED_MARKED.test(normalizeVietnamese(question))) && !REWARD_ASKED.test(askedFolded)) {
      // "Cơ quan nào nộp báo cáo trễ hạn thì bị kỷ luật hình thức gì?": a sanction is answered by a sentence on sanctions
      // (or on their absence, under its heading), not by the duty it would punish; or none does.
      const sanctioned = units.find((u) => SANCTION_IN_TEXT.test(`${u.passage.path.join(' ')} ${u.text}`));
      if (!sanctioned || sanctioned.score < (units[0]?.score ?? 0) * POLICY.typedRatio) return decline(true);
      units = [sanctioned, ...units.filter((u) => u !== sanctioned)];
    } else if (roleOf !== null) {
      // "Sở Tài chính có vai trò gì trong kế hoạch …?": the body's own section says what it is given, not another body's
      // that names it ("… gửi Sở Khoa học và Công nghệ, Sở Tài chính").
      const own = units.find((u) => u.passage.path.some((h) => looseForm(h).includes(roleOf)));
      if (own && own !== units[0] && own.score >= (units[0]?.score ?? 0) * POLICY.typedRatio) units = [own, ...units.filter((u) => u !== own)];
    } else if (facets.length > 1 && facets.every((f) => STRICT_FACETS.has(f.kind)) && !units.some((u) => u.holds.size > 0)) {
      // Several particulars asked and none of them in the documents: an honest "not found".
      return decline(true);
    }
    // "…, còn hiện nay là ai?": each question of the message is ranked for its own words.
    // (Searched together: on Workers each search may be a request of its own.)
    const parts: PartRanking[] = await Promise.all(
      (several ? asked : []).map(async (part, i) => {
        // "NQ 193 do ai ký, và văn bản này … nhằm mục đích gì?": a pointer in a later question is the document an earlier one named.
        const named = DEICTIC.test(foldDiacritics(normalizeVietnamese(part))) && numbersNamed(part).length === 0 ? documentNamesIn(asked.slice(0, i).join(' ')) : '';
        const partAsked = partQuery(named ? `${named} ${part}` : part, query, documentFrequency);
        const partFacets = detectFacets(part);
        const partHits = boostNamedHeadings(boostDocuments(await searcher.retrieve(partAsked, POLICY.partK), focus), partAsked, POLICY.namedHeading);
        const words = askedWords(part, partAsked);
        // (On a document's page, each question of the message is asked of that document first, as the whole message is.)
        const ranked = onPage(pointed ?? aliasNamed(query, names), rankUnits(partHits, partAsked, partFacets, (t) => searcher.idf(t), partAlignment(part, question)));
        // "NQ71 là văn bản về cái gì, nó có thay cho NQ03 không?": a question of the message asking what a document is about
        // is answered as it would be alone, by what the document is (its opening), the others by their own sentences.
        // (Named by another name it goes by, or on its page: "Kế hoạch … là gì" names a plan by its kind only, not the
        // province's, and a number may be two documents' ("01-KH/BCĐTW"), which a curated entry tells apart. What it is
        // answers the question, however few of its words it holds.)
        const partOf = pointed ?? aliasNamed(partAsked, names);
        const partMeta = partOf ? searcher.documents.get(partOf) : undefined;
        const partAbout = partFacets.some((f) => f.kind === 'subject') ? asksAboutDocument(partAsked, partFacets, partOf, namingSyllables(partAsked, names), partMeta ? describingWords(partMeta) : undefined) : null;
        // (…or by the section of that document its words name: "nội dung chính là gì" by "1. Nội dung chính của Nghị quyết 71".)
        const partUnits = partAbout
          ? (sectionNamedIn(partAbout, part, partAsked) ?? describedBy(partAbout, partAsked)).map((u) => ({ ...u, coverage: Math.max(u.coverage, POLICY.partCoverage), holds: new Set<FacetKind>([...u.holds, 'subject']) }))
          : ranked;
        return { units: partUnits, facets: partFacets, contrast: contrasts(part), words };
      }),
    );
    // A question that asks no particular (no date, number, body, place, contact) is answered with its section when it is short.
    // …and so is a message whose questions ask none ("Sandbox là cái gì? … thì có được không?").
    const whole = (!several || parts.every((p) => p.facets.every((f) => f.kind === 'why' || f.kind === 'subject'))) && facets.every((f) => f.kind === 'why' || f.kind === 'subject') && (type === 'general' || type === 'definition');
    // …and read through from its first point when the question names it ("Mục tiêu chung … là gì").
    let namedSection = false;
    if (whole && units[0]) {
      // The rest of the lead's section, though the search did not bring it: it follows the supports, never leads.
      const lead = units[0].passage;
      // (A message asking several things answers each, not the named section's first points cut short.)
      namedSection = !several && namesHeading(lead, query);
      const missing = (sections.get(sectionOf(lead)) ?? []).filter((p) => !units.some((u) => u.passage === p));
      const rest = rankUnits(missing.map((passage) => ({ passage, score: 1, coverage: 0, strictCoverage: 0 })), unitQuery, [], (t) => searcher.idf(t));
      units = [...units, ...rest.map((u) => ({ ...u, score: 0 }))];
    }
    let composition = compose(units, searcher.documents, facets, query, parts, whole, namedSection);
    // "11 công nghệ chiến lược … là những công nghệ nào?", "3 phường … tên là gì?": a sentence naming them leads ("ba phường
    // … là phường Điện Biên Phủ, …"); when none does, a lead that only says again how many there are answers nothing asked: declined.
    const counted = countedListAsked(question);
    if (composition && counted && !namesMembers(composition.lead.text, counted)) {
      const naming = units.find((u) => namesMembers(u.text, counted));
      // (Two or three are often named one per sentence, "2 văn bản cùng ký hiệu …": only a longer list is declined.)
      if (!naming && counted.count >= 4 && onlyCounts(composition.lead.text, counted)) return decline(true);
      if (naming) composition = compose([naming, ...units.filter((u) => u !== naming)], searcher.documents, facets, query, parts, whole, namedSection);
    }
    // A phone number or an address half-answered is no help: who to ask is. Nor is an answer to none of the questions asked:
    // as many kinds missing as questions, or every question unanswered when each asked a particular ("bao nhiêu tờ rơi và bao nhiêu băng rôn").
    const noneAnswered =
      composition !== null &&
      parts.length > 1 &&
      (composition.missing.length >= parts.length || (composition.unansweredParts >= parts.length && composition.missing.every((k) => STRICT_FACETS.has(k))));
    // …nor is an answer to a question asking two particulars at once that gives neither ("Quyết định 11 … ai ký với ký hôm nào?").
    const askedKinds = [...new Set(facets.map((f) => f.kind).filter((k) => k !== 'subject' && k !== 'status'))];
    const neitherAnswered = composition !== null && !several && askedKinds.length > 1 && askedKinds.every((k) => composition.missing.includes(k));
    // …nor is one whose questions asking a particular all go unanswered, the others asking only yes or no ("… tổ chức ở
    // đâu, có đến xem trực tiếp được không?"): a related sentence beside "không nêu địa điểm" answers neither.
    const unanswered = (p: PartRanking, folded: string) =>
      p.facets.length === 0
        ? YES_NO.test(folded) && !holdsMostWords(p.words ?? [], composition?.answer ?? '')
        : p.facets.every((f) => PARTICULARS.has(f.kind) && composition?.missing.includes(f.kind) && !(f.kind === 'where' && LOOKED_UP.test(folded)));
    const particularsMissing =
      composition !== null && several && parts.some((p) => p.facets.some((f) => PARTICULARS.has(f.kind))) && parts.every((p, i) => unanswered(p, foldedQuestion(asked[i] ?? '')));
    // "QĐ 11/QĐ-BCĐCP ký ngày nào, ai ký?": a document's own particulars, asked of one named by number, are not those of
    // the other document the answer's lead names ("Quyết định số 1169/QĐ-TTg … được ký ngày 16/6/2025").
    if (composition !== null && particulars && !pointed && facets.some((f) => f.kind === 'when' || f.kind === 'who' || f.kind === 'code') && !facets.some((f) => f.kind === 'quantity')) {
      const askedOf = numbersNamed(question);
      const ledBy = numbersNamed(composition.lead.text);
      if (askedOf.length > 0 && ledBy.length > 0 && !ledBy.some((c) => askedOf.includes(c))) return decline(true);
    }
    // "Thông báo 408/TB-VPCP nói về vấn đề gì?": what a document the corpus only mentions is about is said by a sentence
    // naming it, not by another document's.
    // (Naming it in passing, "… như Quyết định 126/QĐ-BCĐCP và Thông báo 408/TB-VPCP, đều căn cứ …", says nothing of
    // it; a section headed by it, "2. Điểm mới nổi bật của Luật 93", does.)
    if (composition !== null && namesOnlyOthers && !several && facets.some((f) => f.kind === 'subject') && namedOnlyInPassing(composition.answer, ownNumbers) && !describesNamed(composition.answer, ownNumbers) && !composition.used.some((p) => numbersNamed(p.path.join(' ')).some((c) => ownNumbers.includes(c)))) return decline(true);
    // "… muốn được trung tâm đó hỗ trợ thì nộp hồ sơ thế nào?": how to apply is answered by a sentence saying how (a file,
    // a registration, where to go), not by what the body is.
    if (composition !== null && !several && PROCEDURE_ASKED.test(askedFolded) && !PROCEDURE_IN_TEXT.test(composition.lead.text)) return decline(true);
    // "… năm 2025 có chủ đề là gì": a year's theme, slogan or motto asked is answered by a sentence that says one, or not at
    // all. (Without a year, "Phong trào … có khẩu hiệu gì?" is fairly answered by the spirit it is called by.)
    const attribute = !several && YEAR_NAMED.test(askedFolded) ? ATTRIBUTE_ASKED.exec(askedFolded)?.[1] : undefined;
    // (Any of them: a "thông điệp" asked is often given as the day's "chủ đề".)
    const attributeMissing = composition !== null && attribute !== undefined && !ATTRIBUTE_WORDS.test(foldDiacritics(normalizeVietnamese(composition.answer)));
    if (attributeMissing) return decline(true);
    // "DTI của ĐB năm 2025 công bố chưa, … lên hay xuống hạng?": an answer led by another year's figure answers none of it.
    const otherYear = composition !== null && yearsAskedOf(question).asked.length === 1 && !several && !query.followUp && otherYearOnly(question, composition.lead);
    // "QĐ 1169 có hiệu lực từ ngày ký không?": a document's own particulars are not another's ("Nghị quyết 03/NQ-CP có
    // hiệu lực ngay từ ngày ký"), whichever document the sentence is in.
    const leadNames = composition === null ? [] : numbersNamed(composition.lead.text);
    // (When it takes effect or was issued: "trần thanh mẫn ký văn bản nào … thể chế hóa nq57" asks another document.)
    const effectAsked = facets.some((f) => f.kind === 'when') || EFFECT_ASKED.test(askedFolded);
    const othersParticulars = effectAsked && namedAlone !== null && leadNames.length > 0 && !leadNames.includes(numbered[0] as string);
    if (othersParticulars) return decline(true);
    if (!composition || otherYear || composition.missing.includes('contact') || noneAnswered || neitherAnswered || particularsMissing) return decline();
    return {
      outcome: 'answered',
      method: 'extractive',
      answer: composition.answer,
      sources: sourcesFor(composition.used, answerable),
      candidates: sourcesFor(composition.used, answerable, 5),
      suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3),
      signals,
    };
  }

  // Citizens ask the same questions again and again (the FAQ exists for that reason). A first
  // question depends only on its text and page, and the engine does not change under it
  // (a rebuilt index is a new answerer), so its answer is remembered; follow-ups are not.
  const remembered = new Map<string, AnswerResult>();
  const cacheSize = options.cacheSize ?? 1_000;
  /** The FAQ the remembered answers were given with: a published change forgets them. */
  let rememberedWith = searcher.faq;

  return async function answerQuestion(rawMessage: string, history: readonly Turn[] = [], context: AskContext = {}): Promise<AnswerResult> {
    if (history.length > 0 || cacheSize === 0) return answerFresh(rawMessage, history, context);
    if (rememberedWith !== searcher.faq) {
      remembered.clear();
      rememberedWith = searcher.faq;
    }
    const key = `${context.documentId ?? ''}\u0000${rawMessage}`;
    const known = remembered.get(key);
    if (known) {
      remembered.delete(key);
      remembered.set(key, known);
      return known;
    }
    const result = await answerFresh(rawMessage, history, context);
    remembered.set(key, result);
    if (remembered.size > cacheSize) remembered.delete(remembered.keys().next().value as string);
    return result;
  };
}

export type AnswerQuestion = ReturnType<typeof createAnswerer>;
