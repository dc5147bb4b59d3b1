/**
 * @module
 * Answers one question: refuse, FAQ, extractive answer, or an honest decline.
 *
 * The outcome is decided by calibrated scores plus explicit rules, in this order:
 * 1. guard rules (internals, abuse; injected instructions are dropped and the rest kept);
 * 2. a curated FAQ entry whose phrasing is close enough (cosine ≥ FAQ_MIN) answers as written;
 * 3. a passage covering enough of the question (coverage ≥ COVERAGE_MIN) gives an extractive
 *    answer, unless the question asks for a kind of fact (date, number) no passage holds,
 *    or asks for a document particular its metadata says is unknown;
 * 4. otherwise: on the service's subject → `no_answer` naming who to ask; else `out_of_scope`.
 * Thresholds were tuned on the eval's dev split (see README).
 */
import type { DocumentMeta, FaqEntry, Passage } from '../ingest/types.ts';
import { buildQuery, type Query } from '../retrieval/query.ts';
import type { CorpusSearcher, FaqHit, PassageHit } from '../retrieval/searcher.ts';
import { analyze, foldDiacritics, looseForm, normalizeVietnamese, redactPersonalData } from '../text/index.ts';
import { everydayTopicOutsideCorpus, namesSubject } from './scope.ts';
import { alignmentOf } from './alignment.ts';
import { compose, rankUnits, type Unit } from './compose.ts';
import { detectFacets, type Facet, type FacetKind } from './facets.ts';
import { classifyRequest, withoutInjection } from './guard.ts';
import { noAnswerMessage, outOfScopeMessage, refusedMessage } from './messages.ts';
import { asksForPerson, classifyQuestion, holdsAnswerType, type QuestionType } from './question-type.ts';

export const FAQ_MIN = 0.55;
/** Coverage that answers any question; on-subject questions need only COVERAGE_ON_SUBJECT. */
export const COVERAGE_MIN = 0.65;
export const COVERAGE_ON_SUBJECT = 0.35;
/** Off the subject, a passage holding two of the question's specific words answers at this coverage. */
const COVERAGE_SPECIFIC = 0.45;
/** The best unit holding the asked kind of fact must score at least this share of the best unit. */
const TYPED_RATIO = 0.5;
/** …and hold this share of the question's words: a number next to other words answers nothing. */
const UNIT_COVERAGE_FOR_TYPED = 0.45;
const SUGGESTION_MIN = 0.25;
const RETRIEVE_K = 8;
/** Passages whose sentences compete to lead: a plan section is often several passages of near-equal score. */
const UNIT_PASSAGES = 8;
const FOLLOW_UP_BOOST = 1.5;
const NAMED_BOOST = 2.0;
const POINTED_BOOST = 4.0;
const PROVINCE_BOOST = 1.5;

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

const AGENCY_HEADING = /^\d+\.\s+(?:Đề nghị\s+)?((?:Sở|Báo|Ban|Ủy ban|UBND|Các sở)(?=\s).*)$/u;
/** "kế hoạch này", "văn bản này", "ở đây": the document the citizen is looking at (folded text). */
const DEICTIC = /(?:^|\s)(?:ke hoach|van ban|quyet dinh|nghi quyet|chuong trinh|tai lieu|phong trao|trang) nay(?:\s|$|[?.,!])|(?:^|\s)o day(?:\s|$|[?.,!])/;
/** Asks a document's own particulars: who issued or signed it, when, its number, whether it is in force. */
const DOCUMENT_PARTICULARS = /ban hanh|(?:^|\s)ky (?:ngay|khi|luc|nam)|ai ky|nguoi ky|so hieu|ky hieu|hieu luc|thay the/;
const POINTER = /(?:^|\s)(?:ke hoach|van ban|quyet dinh|nghi quyet|chuong trinh|tai lieu|phong trao|trang) nay(?=\s|$|[?.,!])|(?:^|\s)o day(?=\s|$|[?.,!])/g;

/** The question without its pointer ("kế hoạch này", "ở đây"): spans found on folded text, cut from the text as written. */
function withoutPointer(question: string): string {
  const normal = normalizeVietnamese(question);
  const folded = foldDiacritics(normal);
  // Folding keeps the length of NFC Vietnamese letters; if not, the question is kept whole.
  if (folded.length !== normal.length) return question;
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(POINTER)) {
    out += `${normal.slice(last, m.index)} `;
    last = (m.index ?? 0) + m[0].length;
  }
  return (out + normal.slice(last)).replace(/\s+/g, ' ').trim() || question;
}

const PARTICULARS_QUESTION = /(so hieu|so may|so bao nhieu|ky hieu|ban hanh ngay|ngay ban hanh|ky ngay|ban hanh khi nao|ban hanh luc nao|link|duong dan|url|ban goc)/;

/**
 * A word in more than this share of passages is common to the whole domain ("tỉnh", "người
 * dân", "hỗ trợ"): sharing only such words with a passage does not make it an answer.
 */
const GENERIC_SHARE = 0.06;

/** The question's specific words: known to the corpus, but not common to the whole domain (folded, "~"-prefixed). */
function specificWords(query: Query, searcher: CorpusSearcher): string[] {
  const limit = Math.max(2, searcher.passageCount * GENERIC_SHARE);
  return query.ownContent.map((c) => `~${c}`).filter((t) => {
    const df = searcher.documentFrequency(t);
    return df > 0 && df <= limit && !/^~\d{1,2}$/.test(t);
  });
}

const passageTerms = new WeakMap<Passage, Set<string>>();

/** How many of the words a passage (its text and headings) holds. */
function heldCount(passage: Passage, words: string[]): number {
  let terms = passageTerms.get(passage);
  if (!terms) {
    terms = new Set(analyze(`${passage.path.join(' ')} ${passage.text}`).terms);
    passageTerms.set(passage, terms);
  }
  return words.filter((w) => terms.has(w)).length;
}

/** Who to ask: an agency the question names, else the agency heading of a passage that covered the question, else the default. */
function agencyIn(heading: string): string | null {
  const match = AGENCY_HEADING.exec(heading);
  return match?.[1] && !match[1].startsWith('Các') ? `${match[1]} tỉnh Điện Biên`.replace(/tỉnh tỉnh/, 'tỉnh') : null;
}

/** Agencies the corpus assigns work to (its "5. Sở Tài chính"-style headings), found once. */
function knownAgencies(passages: Passage[]): Array<{ name: string; key: string }> {
  const names = new Set(passages.flatMap((p) => p.path.map(agencyIn).filter((a): a is string => a !== null)));
  return [...names].map((name) => ({ name, key: looseForm(name.replace(/ tỉnh Điện Biên$/, '').replace(/\s*\(.*\)$/, '')) }));
}

/** Who to ask: an agency the question names, else the agency heading of a passage that covered the question, else the default. */
function agencyFor(question: string, hits: PassageHit[], agencies: Array<{ name: string; key: string }>, fallback: string): string {
  const asked = looseForm(question);
  const named = agencies.find((a) => asked.includes(a.key));
  if (named) return named.name;
  for (const hit of hits.filter((h) => h.coverage >= COVERAGE_ON_SUBJECT).slice(0, 2)) {
    for (const heading of [...hit.passage.path].reverse()) {
      const agency = agencyIn(heading);
      if (agency) return agency;
    }
  }
  return fallback;
}

function suggestionsFrom(faqHits: FaqHit[], exclude: FaqEntry | null, all: readonly FaqEntry[]): string[] {
  const picked = faqHits.filter((h) => h.entry !== exclude && h.similarity >= SUGGESTION_MIN).map((h) => h.entry.question);
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

/**
 * Asks for a number, date or link that the metadata of the document the question is about
 * marks unknown: declined, never guessed. The document is the first original among the top
 * passages, and the question
 * must name it first ("Kế hoạch … triển khai QĐ 1169 có số hiệu gì" is about the Kế hoạch;
 * "QĐ 1169 mà kế hoạch triển khai ban hành ngày nào" is about QĐ 1169).
 */
function asksUnknownParticular(query: Query, hits: PassageHit[], documents: Map<string, DocumentMeta>): boolean {
  if (!PARTICULARS_QUESTION.test(foldDiacritics(query.text))) return false;
  // The first original (not a summary written by the team) among the top passages.
  const meta = hits
    .slice(0, 3)
    .map((h) => documents.get(h.passage.documentId))
    .find((m) => m !== undefined && !m.compiledBy);
  if (!meta || (meta.number !== null && meta.date !== null && meta.url !== null)) return false;
  const text = ` ${query.contentText} `;
  const kind = text.indexOf(` ${foldDiacritics(meta.type.toLowerCase())} `);
  const code = text.search(/ (nq|qd|kh|nd)\d+ /);
  return kind >= 0 && (code < 0 || kind < code);
}

/**
 * Documents the question points at, with a score factor: one it names by number or by its
 * kind ("NQ57", "kế hoạch" for the only Kế hoạch), and for a follow-up, the documents the
 * previous answer cited.
 */
function focusedDocuments(query: Query, names: DocumentNames[], previous: Turn | undefined, pointedAt: string | null, province: Province): Map<string, number> {
  const focus = new Map<string, number>();
  // The page the citizen reads decides "văn bản này" over any other document the words fit.
  if (pointedAt) focus.set(pointedAt, POINTED_BOOST);
  const text = ` ${query.contentText} `;
  for (const { id, code, kind } of names) {
    if (pointedAt && pointedAt !== id && !(code && text.includes(` ${code} `))) continue;
    if ((code && text.includes(` ${code} `)) || (kind && text.includes(` ${kind} `))) focus.set(id, NAMED_BOOST);
  }
  for (const id of previous?.documentIds ?? []) focus.set(id, (focus.get(id) ?? 1) * FOLLOW_UP_BOOST);
  // "tỉnh muốn…", "ở Điện Biên": the province's own documents, unless the question names another by its number.
  const namesByCode = names.some(({ code }) => code && text.includes(` ${code} `));
  if (!pointedAt && !namesByCode && province.words.some((w) => text.includes(` ${w} `))) {
    for (const id of province.documents) focus.set(id, (focus.get(id) ?? 1) * PROVINCE_BOOST);
  }
  return focus;
}

/** The province's own documents (their title names it) and the words that point at it ("tinh", "dien bien"). */
interface Province {
  documents: string[];
  words: string[];
}

function provinceOf(name: string | undefined, documents: Iterable<DocumentMeta>): Province {
  if (!name) return { documents: [], words: [] };
  const folded = foldDiacritics(normalizeVietnamese(name));
  return {
    documents: [...documents].filter((d) => foldDiacritics(normalizeVietnamese(d.title)).includes(`tinh ${folded}`)).map((d) => d.id),
    words: ['tinh', folded],
  };
}

/** How a question can name a document: its number as one term ("nq57") or, for an original, its kind ("ke hoach"). */
interface DocumentNames {
  id: string;
  code: string | undefined;
  kind: string | null;
}

function documentNames(documents: Iterable<DocumentMeta>): DocumentNames[] {
  return [...documents].map((meta) => ({
    id: meta.id,
    code: meta.number ? analyze(meta.number).content.find((c) => /^(nq|qd|kh|nd)\d+$/.test(c)) : undefined,
    kind: meta.compiledBy ? null : foldDiacritics(meta.type.toLowerCase()),
  }));
}

function boostDocuments(hits: PassageHit[], focus: Map<string, number>): PassageHit[] {
  if (focus.size === 0) return hits;
  return hits.map((h) => ({ ...h, score: h.score * (focus.get(h.passage.documentId) ?? 1) })).sort((a, b) => b.score - a.score);
}

/** Whether every pair of adjacent syllables of a folded phrase (or its one syllable) occurs in some passage. */
function phraseInCorpus(phrase: string, searcher: CorpusSearcher): boolean {
  const syllables = phrase.split(' ');
  if (syllables.length === 1) return searcher.documentFrequency(`~${phrase}`) > 0;
  for (let i = 0; i + 1 < syllables.length; i++) if (searcher.documentFrequency(`~${syllables[i]} ${syllables[i + 1]}`) === 0) return false;
  return true;
}

/** A year or figure the documents never mention ("năm 2027") means the question is not covered. */
function namesUnknownNumber(query: Query, searcher: CorpusSearcher): boolean {
  return [...query.content].some((t) => /^~\d{4}$|^~\d+[.,]\d{3}/.test(t) && searcher.documentFrequency(t) === 0);
}

/** A "who"/"when"/"how many" question is answered only by an entry asked the same way. */
function asksSameKind(type: QuestionType, entry: FaqEntry): boolean {
  if (type === 'general' || type === 'definition') return true;
  return [entry.question, ...entry.alternatives].some((phrasing) => classifyQuestion(phrasing) === type);
}

/** Words that only name or point at a document, or ask what it is about ("văn bản này nói về vấn đề gì"). */
const ABOUT_WORDS = new Set(['van', 'ban', 'ke', 'hoach', 'nghi', 'quyet', 'dinh', 'chuong', 'trinh', 'phong', 'trao', 'tai', 'lieu', 'noi', 'dung', 'chinh', 'de', 'viec', 'trang', 'day', 'cai', 'y', 'tom', 'tat', 'luoc', 'gioi', 'thieu']);

/** The one document a question names by its number or kind, if exactly one. */
function namedDocument(query: Query, names: DocumentNames[]): string | null {
  const text = ` ${query.contentText} `;
  const named = names.filter(({ code, kind }) => (code && text.includes(` ${code} `)) || (kind && text.includes(` ${kind} `)));
  return named.length === 1 ? (named[0] as DocumentNames).id : null;
}

/** The document a subject question asks about when it asks nothing else ("Kế hoạch này nói về gì?"), or null. */
function asksAboutDocument(query: Query, facets: readonly Facet[], documentId: string | null): string | null {
  if (!documentId || facets.length !== 1 || facets[0]?.kind !== 'subject') return null;
  const other = query.ownContent.filter((c) => !ABOUT_WORDS.has(c) && !/^(nq|qd|kh|nd)\d+$/.test(c));
  return other.length === 0 ? documentId : null;
}

/** A document's opening: its particulars (an original's title) and its first section, as hits. */
function documentOpening(searcher: CorpusSearcher, documentId: string): PassageHit[] {
  const passages = searcher.corpus.passages.filter((p) => p.documentId === documentId).sort((a, b) => a.order - b.order);
  return passages.slice(0, 2).map((passage, i) => ({ passage, score: 2 - i, coverage: 1, strictCoverage: 1 }));
}

/** Units of the opening in reading order: the document's own first words lead. */
function openingOrder(a: Unit, b: Unit): number {
  return a.passage.order - b.passage.order || a.passage.text.indexOf(a.text) - b.passage.text.indexOf(b.text);
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

/** Facets that only a sentence holding that kind of fact answers (a date, a number, a contact). */
const STRICT_FACETS = new Set<FacetKind>(['when', 'quantity', 'contact']);

/** A question with no question word of its own still asks for its type's kind of fact. */
function facetsOfType(type: QuestionType): Facet[] {
  const kind: FacetKind | null = type === 'date' ? 'when' : type === 'quantity' ? 'quantity' : type === 'contact' ? 'contact' : type === 'who' ? 'who' : null;
  return kind ? [{ kind, at: 0 }] : [];
}

/**
 * Whether a curated entry answers every facet asked: one of its phrasings asks them all
 * (a question about a purpose is not answered by the entry that says what the plan is).
 */
function coversFacets(facets: readonly Facet[], entry: FaqEntry): boolean {
  const asked = facets.map((f) => f.kind).filter((k) => k !== 'subject');
  if (asked.length === 0) return true;
  return [entry.question, ...entry.alternatives].some((phrasing) => {
    const kinds = new Set(detectFacets(phrasing).map((f) => f.kind));
    return asked.every((k) => kinds.has(k));
  });
}

function withoutPersonalData(message: string): string {
  return redactPersonalData(message)
    .replace(/\[(?:email|số [^\]]+)\]/g, ' ')
    .replace(/(?:^|[.!?;,]\s*)(?:email|e-mail|sđt|số điện thoại|điện thoại|cccd|cmnd|stk)\s*[:.]?\s*(?=[.!?;,]|$)/giu, ' ')
    .trim();
}

/**
 * The question itself, without the context a citizen puts first ("Tôi ở phường Mường Thanh,
 * cho hỏi …", "Em ở Mường Lay. NQ57 là gì?"): place names and occupations there would
 * otherwise outweigh what is asked.
 */
function focusOnQuestion(message: string): string {
  const afterAsk = /(?:^|[,.;:!?]\s*|\s)(?:cho (?:mình|em|tôi|cháu|con|chị|anh)?\s*hỏi|xin hỏi|muốn hỏi|cho hỏi)\s*[:,]?\s+(.{6,})$/iu.exec(message);
  if (afterAsk?.[1]) return afterAsk[1].trim();
  const sentences = message.split(/(?<=[.!?])\s+/).filter((s) => /[\p{L}\p{N}]/u.test(s));
  const asked = sentences.filter((s) => s.trim().endsWith('?'));
  if (sentences.length > 1 && asked.length > 0) return asked.join(' ');
  return message;
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(normalizeVietnamese(text));
}

export function createAnswerer(searcher: CorpusSearcher, options: AnswererOptions) {
  const names = documentNames(searcher.documents.values());
  const province = provinceOf(options.province, searcher.documents.values());
  const agencies = knownAgencies(searcher.corpus.passages);

  /** The document "kế hoạch này" points at: the page's, else the one the conversation last cited, else the default. */
  const pointedAt = (question: string, history: readonly Turn[], context: AskContext): string | null => {
    if (!DEICTIC.test(foldDiacritics(normalizeVietnamese(question)))) return null;
    const candidates = [context.documentId, history.at(-1)?.documentIds[0], options.defaultDocument];
    return candidates.find((id): id is string => id !== undefined && searcher.documents.has(id)) ?? null;
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

    const pointed = pointedAt(question, history, context);
    // Once "kế hoạch này" is resolved to a document, its words only point: what is asked is the rest.
    const retrieved = context.retrievalQuestion ?? question;
    const query = buildQuery(pointed ? withoutPointer(retrieved) : retrieved, history.map((t) => t.question));
    // "kế hoạch này" is answered from that document: its passages are always among the candidates.
    const found = await searcher.retrieve(query, RETRIEVE_K);
    const fromPointed = pointed ? await searcher.retrieve(query, RETRIEVE_K, (p) => p.documentId === pointed) : [];
    const merged = [...found, ...fromPointed.filter((h) => !found.some((f) => f.passage === h.passage))];
    const hits = boostDocuments(merged, focusedDocuments(query, names, query.followUp ? history.at(-1) : undefined, pointed, province));
    const faqHits = query.followUp ? [] : searcher.matchFaq(query, 4);
    const signals = { faq: faqHits[0]?.similarity ?? 0, coverage: hits[0]?.coverage ?? 0, score: hits[0]?.score ?? 0, followUp: query.followUp };
    const previous = query.followUp ? (history.at(-1)?.question ?? '') : '';
    const onTopic = namesSubject(`${previous} ${question}`);
    // A divorce, the weather, a loan: an everyday matter the corpus never mentions is out of scope, whatever words it shares.
    const everyday = everydayTopicOutsideCorpus(question, (phrase) => phraseInCorpus(phrase, searcher)) !== null;
    const decline = (): AnswerResult => {
      if (kind === 'injection') return { outcome: 'refused', method: 'none', answer: refusedMessage(), sources: [], suggestions: [], signals };
      // A question about an agency the documents assign work to is on the subject.
      const onSubject = !everyday && (onTopic || agencies.some((a) => looseForm(question).includes(a.key)));
      return {
        outcome: onSubject ? 'no_answer' : 'out_of_scope',
        method: 'none',
        answer: onSubject ? noAnswerMessage(agencyFor(question, hits, agencies, options.defaultAgency)) : outOfScopeMessage(),
        sources: [],
        suggestions: suggestionsFrom(faqHits, null, faqAll),
        signals,
      };
    };

    if (everyday || asksUnknownParticular(query, hits, searcher.documents) || namesUnknownNumber(query, searcher)) return decline();

    const type = classifyQuestion(question);
    const facets = detectFacets(question);
    const best = faqHits[0];
    // A curated answer must hold the kind of fact asked for ("ngày nào" → a date) and answer
    // what was asked: every facet of the question ("mục đích gì" is not "là gì").
    const faqFits =
      best !== undefined &&
      best.similarity >= FAQ_MIN &&
      holdsAnswerType(type, best.entry.answer, query.text) &&
      asksSameKind(type, best.entry) &&
      coversFacets(facets, best.entry) &&
      // An entry about 2024 does not answer a question about 2025, nor one about a body it never names.
      sameYears(question, best.entry.answer) &&
      holdsSpecific(best.entry, specificWords(query, searcher)) &&
      // "văn bản này" on the page of Decision 1169 is not answered by an entry about Resolution 57.
      (pointed === null || best.entry.document === pointed);
    if (best && faqFits) {
      const linked = best.entry.passageId ? searcher.passagesById.get(best.entry.passageId) : undefined;
      return {
        outcome: 'answered',
        method: 'faq',
        answer: best.entry.answer,
        sources: sourcesFor(linked ? [linked] : [], hits),
        suggestions: suggestionsFrom(faqHits, best.entry, faqAll),
        signals,
      };
    }

    // Off the subject, a passage must also share a word specific to the question, not only words common to the domain.
    const specific = onTopic ? [] : specificWords(query, searcher);
    const answerable = hits.filter((h) => {
      if (onTopic) return h.coverage >= COVERAGE_ON_SUBJECT;
      const shared = specific.length === 0 ? 0 : heldCount(h.passage, specific);
      // Several words specific to the question in one passage answer it even with casual wording around them.
      return (h.strictCoverage >= COVERAGE_MIN && (specific.length === 0 || shared > 0)) || (h.strictCoverage >= COVERAGE_SPECIFIC && shared >= 2);
    });
    if (answerable.length === 0) return decline();
    // "Văn bản này ký ngày nào, ai ký?": a document's own particulars are in its opening.
    if (pointed && DOCUMENT_PARTICULARS.test(foldDiacritics(normalizeVietnamese(question))) && facets.length > 0) {
      const opening = rankUnits(documentOpening(searcher, pointed), query, facets, (t) => searcher.idf(t));
      const composition = opening.some((u) => u.holds.size > 0) ? compose(opening, searcher.documents, facets, query) : null;
      if (composition && !composition.missing.includes('contact')) {
        return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
      }
    }
    const about = asksAboutDocument(query, facets, pointed ?? namedDocument(query, names));
    if (about) {
      // "Văn bản này nói về vấn đề gì?": what the document is, from its own opening (its title and first section).
      const opening = documentOpening(searcher, about);
      const composition = compose(rankUnits(opening, query, [], (t) => searcher.idf(t)).sort((a, b) => openingOrder(a, b)), searcher.documents);
      if (composition) {
        return { outcome: 'answered', method: 'extractive', answer: composition.answer, sources: sourcesFor(composition.used, hits), suggestions: suggestionsFrom(faqHits, null, faqAll).slice(0, 3), signals };
      }
    }
    let units = rankUnits(answerable.slice(0, UNIT_PASSAGES), query, facets.length > 0 ? facets : facetsOfType(type), (t) => searcher.idf(t), alignmentOf(question));
    if (facets.length <= 1 && (type === 'date' || type === 'quantity' || type === 'contact' || (type === 'who' && asksForPerson(question)))) {
      // A date, number, contact or person question is answered by a unit that holds one, or declined.
      const typed = units.find((u) => u.holds.size > 0);
      // Its coverage counts its passage too: "có hiệu lực từ ngày ban hành" and the date sit in sibling bullets.
      const passageCoverage = answerable.find((h) => h.passage === typed?.passage)?.coverage ?? 0;
      if (!typed || typed.score < (units[0]?.score ?? 0) * TYPED_RATIO || Math.max(typed.coverage, passageCoverage * 0.8) < UNIT_COVERAGE_FOR_TYPED) {
        return decline();
      }
      units = [typed, ...units.filter((u) => u !== typed)];
    } else if (facets.length > 1 && facets.every((f) => STRICT_FACETS.has(f.kind)) && !units.some((u) => u.holds.size > 0)) {
      // Several particulars asked and none of them in the documents: an honest "not found".
      return decline();
    }
    const composition = compose(units, searcher.documents, facets, query);
    // A phone number or an address half-answered is no help: who to ask is.
    if (!composition || composition.missing.includes('contact')) return decline();
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
