/**
 * @module
 * The extractive composer: the answer is made only of sentences and bullets taken from
 * the retrieved passages, joined by fixed connecting phrases ("Theo …"). It leads with the
 * unit that best answers the question (one that holds a date for "ngày nào", a body for
 * "cơ quan nào"), then adds at most three supporting points, within 120 words.
 */
import { splitSentences } from '../ingest/chunk.ts';
import type { DocumentMeta, Passage } from '../ingest/types.ts';
import type { Query } from '../retrieval/query.ts';
import type { PassageHit } from '../retrieval/searcher.ts';
import { analyze } from '../text/index.ts';
import { holdsAnswerType, type QuestionType } from './question-type.ts';

export const MAX_ANSWER_WORDS = 120;
const MAX_SUPPORTS = 3;
const SUPPORT_RATIO = 0.55;
const TYPE_BONUS = 0.6;
const HEADING_SHARE = 0.5;

export interface Unit {
  text: string;
  passage: Passage;
  score: number;
  typed: boolean;
  /** Share (idf-weighted) of the question's content words (with a follow-up's topic) the unit and its headings hold. */
  coverage: number;
}

export interface Composition {
  answer: string;
  lead: Unit;
  used: Passage[];
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Bullets and sentences of a passage; a bullet's sentences stay together unless it is long. */
function unitsOf(passage: Passage): string[] {
  const out: string[] = [];
  for (const line of passage.text.split('\n')) {
    const body = line.replace(/^- /, '').trim();
    if (!body) continue;
    if (words(body) <= 45) out.push(body);
    else out.push(...splitSentences(body));
  }
  return out;
}

/** Term sets of texts already analysed (units and headings repeat across questions). */
const termCache = new Map<string, Set<string>>();

function termsOf(text: string): Set<string> {
  let terms = termCache.get(text);
  if (!terms) {
    terms = new Set(analyze(text).terms);
    if (termCache.size < 200_000) termCache.set(text, terms);
  }
  return terms;
}

function scoreUnit(text: string, context: string, query: Query, idf: (t: string) => number): { score: number; coverage: number } {
  const terms = termsOf(text);
  const headingTerms = termsOf(context);
  let score = 0;
  // A unit under a heading that names the question's topic ("8. Đề nghị Ban Tuyên giáo…",
  // "2.3. Đến năm 2030") answers it even when the unit itself does not repeat the words.
  for (const [term, weight] of query.terms) {
    if (terms.has(term)) score += weight * idf(term);
    else if (headingTerms.has(term)) score += HEADING_SHARE * weight * idf(term);
  }
  let have = 0;
  let all = 0;
  for (const c of query.content) {
    const w = idf(c);
    all += w;
    if (terms.has(c) || headingTerms.has(c)) have += w;
  }
  // Mild preference for shorter units: citizens read on small screens.
  return { score: score / (1 + words(text) / 150), coverage: all > 0 ? have / all : 0 };
}

function truncate(text: string, budget: number): string {
  if (words(text) <= budget) return text;
  const sentences = splitSentences(text);
  let out = '';
  for (const s of sentences) {
    if (words(`${out} ${s}`) > budget) break;
    out = out ? `${out} ${s}` : s;
  }
  if (out) return out;
  return `${text.split(/\s+/).slice(0, budget).join(' ')} …`;
}

function lastHeading(passage: Passage): string | null {
  return passage.path.at(-1) ?? null;
}

/** "Theo Kế hoạch … (mục “10. Chế độ báo cáo”): " */
export function attribution(passage: Passage, meta: DocumentMeta | undefined): string {
  const title = meta?.shortTitle ?? meta?.title ?? passage.documentId;
  const heading = lastHeading(passage);
  return heading ? `Theo ${title} (mục "${heading}"): ` : `Theo ${title}: `;
}

/** Ranks the units of the top passages for the question. */
export function rankUnits(hits: PassageHit[], query: Query, type: QuestionType, idf: (t: string) => number): Unit[] {
  const top = hits[0]?.score ?? 1;
  const units: Unit[] = [];
  for (const hit of hits) {
    const prior = hit.score / top;
    for (const text of unitsOf(hit.passage)) {
      const typed = type !== 'general' && type !== 'definition' && holdsAnswerType(type, `${text} ${type === 'who' ? lastHeading(hit.passage) ?? '' : ''}`, query.text);
      const { score, coverage } = scoreUnit(text, hit.passage.path.join(' '), query, idf);
      units.push({ text, passage: hit.passage, score: score * prior * (typed ? 1 + TYPE_BONUS : 1), typed, coverage });
    }
  }
  return units.sort((a, b) => b.score - a.score);
}

export function compose(units: Unit[], documents: Map<string, DocumentMeta>): Composition | null {
  const lead = units[0];
  if (!lead) return null;
  const prefix = attribution(lead.passage, documents.get(lead.passage.documentId));
  let budget = MAX_ANSWER_WORDS - words(prefix);
  const leadText = truncate(lead.text, Math.max(budget, 20));
  budget -= words(leadText);
  const supports: Unit[] = [];
  for (const unit of units.slice(1)) {
    if (supports.length >= MAX_SUPPORTS || budget < 8) break;
    if (unit.score < lead.score * SUPPORT_RATIO) break;
    // Supporting points come from the lead's passage or its section, so they read as one answer.
    if (unit.passage.documentId !== lead.passage.documentId || unit.passage.path.join() !== lead.passage.path.join()) continue;
    if (unit.text === lead.text || words(unit.text) + 2 > budget) continue;
    supports.push(unit);
    budget -= words(unit.text) + 1;
  }
  const lines = [prefix + leadText, ...supports.map((s) => `- ${s.text}`)];
  const used = [lead.passage, ...supports.map((s) => s.passage)].filter((p, i, all) => all.indexOf(p) === i);
  return { answer: lines.join('\n'), lead, used };
}
