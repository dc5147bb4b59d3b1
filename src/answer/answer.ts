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
import { analyze, DOMAIN_TERMS, foldDiacritics, looseForm, normalizeVietnamese, redactPersonalData } from '../text/index.ts';
import { compose, rankUnits } from './compose.ts';
import { classifyRequest, withoutInjection } from './guard.ts';
import { noAnswerMessage, outOfScopeMessage, refusedMessage } from './messages.ts';
import { classifyQuestion, holdsAnswerType, type QuestionType } from './question-type.ts';

export const FAQ_MIN = 0.55;
/** Coverage that answers any question; on-subject questions need only COVERAGE_ON_SUBJECT. */
export const COVERAGE_MIN = 0.65;
export const COVERAGE_ON_SUBJECT = 0.35;
/** The best unit holding the asked kind of fact must score at least this share of the best unit. */
const TYPED_RATIO = 0.5;
/** …and hold this share of the question's words: a number next to other words answers nothing. */
const UNIT_COVERAGE_FOR_TYPED = 0.45;
const SUGGESTION_MIN = 0.25;
const RETRIEVE_K = 8;
const FOLLOW_UP_BOOST = 1.5;
const NAMED_BOOST = 2.0;

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
}

/** Where the question was asked: the document the citizen is reading (the page the widget sits on). */
export interface AskContext {
  documentId?: string;
}

const AGENCY_HEADING = /^\d+\.\s+(?:Đề nghị\s+)?((?:Sở|Báo|Ban|Ủy ban|UBND|Các sở)(?=\s).*)$/u;
/** "kế hoạch này", "văn bản này", "ở đây": the document the citizen is looking at (folded text). */
const DEICTIC = /(?:^|\s)(?:ke hoach|van ban|quyet dinh|nghi quyet|chuong trinh|tai lieu|phong trao|trang) nay(?:\s|$|[?.,!])|(?:^|\s)o day(?:\s|$|[?.,!])/;
const PARTICULARS_QUESTION = /(so hieu|so may|so bao nhieu|ky hieu|ban hanh ngay|ngay ban hanh|ky ngay|ban hanh khi nao|ban hanh luc nao|link|duong dan|url|ban goc)/;

/** Whether the question is about the service's subject (words of the domain, abbreviations expanded). */
function isOnSubject(query: Query): boolean {
  const text = ` ${query.contentText} `;
  return DOMAIN_TERMS.some((t) => text.includes(` ${t} `));
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
function focusedDocuments(query: Query, names: DocumentNames[], previous: Turn | undefined, pointedAt: string | null): Map<string, number> {
  const focus = new Map<string, number>();
  if (pointedAt) focus.set(pointedAt, NAMED_BOOST);
  const text = ` ${query.contentText} `;
  for (const { id, code, kind } of names) {
    if (pointedAt && pointedAt !== id && !(code && text.includes(` ${code} `))) continue;
    if ((code && text.includes(` ${code} `)) || (kind && text.includes(` ${kind} `))) focus.set(id, NAMED_BOOST);
  }
  for (const id of previous?.documentIds ?? []) focus.set(id, (focus.get(id) ?? 1) * FOLLOW_UP_BOOST);
  return focus;
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

/** A year or figure the documents never mention ("năm 2027") means the question is not covered. */
function namesUnknownNumber(query: Query, searcher: CorpusSearcher): boolean {
  return [...query.content].some((t) => /^~\d{4}$|^~\d+[.,]\d{3}/.test(t) && searcher.documentFrequency(t) === 0);
}

/** A "who"/"when"/"how many" question is answered only by an entry asked the same way. */
function asksSameKind(type: QuestionType, entry: FaqEntry): boolean {
  if (type === 'general' || type === 'definition') return true;
  return [entry.question, ...entry.alternatives].some((phrasing) => classifyQuestion(phrasing) === type);
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

    const query = buildQuery(question, history.map((t) => t.question));
    const hits = boostDocuments(await searcher.retrieve(query, RETRIEVE_K), focusedDocuments(query, names, query.followUp ? history.at(-1) : undefined, pointedAt(question, history, context)));
    const faqHits = query.followUp ? [] : searcher.matchFaq(query, 4);
    const signals = { faq: faqHits[0]?.similarity ?? 0, coverage: hits[0]?.coverage ?? 0, score: hits[0]?.score ?? 0, followUp: query.followUp };
    const decline = (): AnswerResult => {
      if (kind === 'injection') return { outcome: 'refused', method: 'none', answer: refusedMessage(), sources: [], suggestions: [], signals };
      // A question about an agency the documents assign work to is on the subject.
      const onSubject = isOnSubject(query) || agencies.some((a) => looseForm(question).includes(a.key));
      return {
        outcome: onSubject ? 'no_answer' : 'out_of_scope',
        method: 'none',
        answer: onSubject ? noAnswerMessage(agencyFor(question, hits, agencies, options.defaultAgency)) : outOfScopeMessage(),
        sources: [],
        suggestions: suggestionsFrom(faqHits, null, faqAll),
        signals,
      };
    };

    if (asksUnknownParticular(query, hits, searcher.documents) || namesUnknownNumber(query, searcher)) return decline();

    const type = classifyQuestion(question);
    const best = faqHits[0];
    // A curated answer must hold the kind of fact asked for ("ngày nào" → a date).
    if (best && best.similarity >= FAQ_MIN && holdsAnswerType(type, best.entry.answer, query.text) && asksSameKind(type, best.entry)) {
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

    const onSubject = isOnSubject(query);
    const answerable = hits.filter((h) => (onSubject ? h.coverage >= COVERAGE_ON_SUBJECT : h.strictCoverage >= COVERAGE_MIN));
    if (answerable.length === 0) return decline();
    let units = rankUnits(answerable.slice(0, 4), query, type, (t) => searcher.idf(t));
    if (type === 'date' || type === 'quantity' || type === 'contact') {
      // A date, number or contact question is answered by a unit that holds one, or declined.
      const typed = units.find((u) => u.typed);
      // Its coverage counts its passage too: "có hiệu lực từ ngày ban hành" and the date sit in sibling bullets.
      const passageCoverage = answerable.find((h) => h.passage === typed?.passage)?.coverage ?? 0;
      if (!typed || typed.score < (units[0]?.score ?? 0) * TYPED_RATIO || Math.max(typed.coverage, passageCoverage * 0.8) < UNIT_COVERAGE_FOR_TYPED) {
        return decline();
      }
      units = [typed, ...units.filter((u) => u !== typed)];
    }
    const composition = compose(units, searcher.documents);
    if (!composition) return decline();
    return {
      outcome: 'answered',
      method: 'extractive',
      answer: composition.answer,
      sources: sourcesFor(composition.used, answerable),
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
