/**
 * @module
 * The extractive composer: the answer is made only of sentences and bullets taken from
 * the retrieved passages, joined by fixed connecting phrases ("Theo …"). It leads with the
 * unit that best answers each facet of the question, in the order asked (a date for "ngày
 * nào", a body for "cơ quan nào"), says plainly when no source holds a facet, then adds
 * supporting points from the lead's section, within 120 words.
 */
import { splitSentences } from '../ingest/chunk.ts';
import type { DocumentMeta, Passage } from '../ingest/types.ts';
import type { Query } from '../retrieval/query.ts';
import type { PassageHit } from '../retrieval/searcher.ts';
import { analyze } from '../text/index.ts';
import { MISSING_FACET, STRICT_FACETS, type Facet, type FacetKind } from './facets.ts';
import { holdsFacet } from './question-type.ts';
import { alignmentFactor, type Alignment } from './alignment.ts';
import { memoized, memoizedFor } from '../text/memo.ts';
import { POLICY } from './policy.ts';

export const MAX_ANSWER_WORDS = POLICY.maxAnswerWords;
const {
  maxSupports: MAX_SUPPORTS,
  supportRatio: SUPPORT_RATIO,
  gapRatio: GAP_RATIO,
  typeBonus: TYPE_BONUS,
  headingShare: HEADING_SHARE,
  facetRatio: FACET_RATIO,
  coverageFloor: COVERAGE_FLOOR,
  partCoverage: PART_COVERAGE,
  partCovered: PART_COVERED,
  partWordsHeld: PART_WORDS_HELD,
} = POLICY;

export interface Unit {
  text: string;
  passage: Passage;
  score: number;
  /** Facets of the question this unit holds the kind of fact for. */
  holds: Set<FacetKind>;
  /** Whether it holds the first facet asked. */
  typed: boolean;
  /** Share (idf-weighted) of the question's content words (with a follow-up's topic) the unit and its headings hold. */
  coverage: number;
}

export interface Composition {
  answer: string;
  lead: Unit;
  used: Passage[];
  /** Facets asked that no source holds (said plainly in the answer). */
  missing: FacetKind[];
  /** Questions of the message (when it asks several) that no sentence of the answer answers. */
  unansweredParts: number;
}

/** Words in a text; the units of the corpus are counted once. */
const words = memoized(200_000, (text) => text.split(/\s+/).filter(Boolean).length);

/** Bullets and sentences of a passage; a bullet's sentences stay together unless it is long (split once per passage). */
const unitsOf = memoizedFor((passage: Passage): readonly string[] => {
  const out: string[] = [];
  for (const line of passage.text.split('\n')) {
    const body = line.replace(/^- /, '').trim();
    if (!body) continue;
    if (words(body) <= 45) out.push(body);
    else out.push(...splitSentences(body));
  }
  return out;
});

/** Term sets of texts already analysed (units and headings repeat across questions). */
const termsOf = memoized(200_000, (text): ReadonlySet<string> => new Set(analyze(text).terms));

const YEAR_TERM = /^~?(?:19|20)\d\d$/;

/** The question's terms with their weights as the units are scored: idf read once per question, not once per unit. */
interface Weighing {
  terms: { term: string; weight: number; idf: number; year: boolean }[];
  content: { term: string; idf: number }[];
}

function weighing(query: Query, idf: (t: string) => number): Weighing {
  return {
    terms: [...query.terms].map(([term, weight]) => ({ term, weight, idf: idf(term), year: YEAR_TERM.test(term) })),
    content: [...query.content].map((term) => ({ term, idf: idf(term) })),
  };
}

function scoreUnit(text: string, context: string, weights: Weighing): { score: number; coverage: number } {
  const terms = termsOf(text);
  const headingTerms = termsOf(context);
  let score = 0;
  // A unit under a heading that names the question's topic ("8. Đề nghị Ban Tuyên giáo…",
  // "2.3. Đến năm 2030") answers it even when the unit itself does not repeat the words.
  // A year in the heading ("2.2. Năm 2026") is the year of every unit under it, whether or not the unit repeats it.
  for (const { term, weight, idf, year } of weights.terms) {
    if (terms.has(term)) score += weight * idf;
    else if (headingTerms.has(term)) score += (year ? 1 : HEADING_SHARE) * weight * idf;
  }
  let have = 0;
  let all = 0;
  for (const { term, idf } of weights.content) {
    all += idf;
    if (terms.has(term) || headingTerms.has(term)) have += idf;
  }
  // Mild preference for shorter units: citizens read on small screens.
  return { score: score / (1 + words(text) / 150), coverage: all > 0 ? have / all : 0 };
}

/**
 * The text within the word budget: whole sentences from the start when they fit; else, for
 * one long sentence, the run of its clauses that holds most of the question's words, marked
 * "…" where it was cut (a long bullet of a plan often answers in its last clause).
 */
function truncate(text: string, budget: number, relevance?: (piece: string) => number): string {
  if (words(text) <= budget) return text;
  const sentences = splitSentences(text);
  let out = '';
  for (const s of sentences) {
    if (words(`${out} ${s}`) > budget) break;
    out = out ? `${out} ${s}` : s;
  }
  if (out && (!relevance || relevance(out) >= relevance(text))) return out;
  const clauses = text.split(/(?<=[,;:])\s+/);
  let best: { start: number; end: number; score: number } | null = null;
  for (let start = 0; start < clauses.length; start++) {
    let count = 0;
    for (let end = start; end < clauses.length; end++) {
      count += words(clauses[end] as string);
      if (count > budget) break;
      // The "…" a cut adds is in the budget too: else the cap takes the run's last words, often the asked ones.
      if (count + (start > 0 ? 1 : 0) + (end < clauses.length - 1 ? 1 : 0) > budget) continue;
      const score = relevance ? relevance(clauses.slice(start, end + 1).join(' ')) : -start;
      // Of runs as relevant, the longer one from the same start: what fits is given, not cut short.
      if (!best || score > best.score || (score === best.score && start === best.start)) best = { start, end, score };
    }
  }
  if (!best) return out || `${text.split(/\s+/).slice(0, budget).join(' ')} …`;
  const piece = clauses.slice(best.start, best.end + 1).join(' ');
  return `${best.start > 0 ? '… ' : ''}${piece}${best.end < clauses.length - 1 ? ' …' : ''}`;
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

/** Whether two units come from one section of one document (a long section is several passages). */
function inSameSection(a: Unit, b: Unit): boolean {
  return a.passage.documentId === b.passage.documentId && a.passage.path.join() === b.passage.path.join();
}

/** Units in reading order: by passage, then by place in it (a document's opening, a section read through). */
export function readingOrder(a: Unit, b: Unit): number {
  return a.passage.order - b.passage.order || a.passage.text.indexOf(a.text) - b.passage.text.indexOf(b.text);
}

/** A sentence going on from the one before it: "… còn gồm …", "… cũng gồm …". */
const CONTINUES = /(?<!\p{L})(?:còn|cũng) (?:bao )?gồm(?!\p{L})/u;
/** A caveat in brackets a document puts after its statements: "(nội dung này chưa được đối chiếu với toàn văn)". */
const CAVEAT = /\s*\((?:nội dung này|thông tin này|số liệu này)[^()]{8,80}\)/u;

/** Ranks the units of the top passages for the question and what it asks. */
export function rankUnits(hits: PassageHit[], query: Query, facets: readonly Facet[], idf: (t: string) => number, alignment: Alignment | null = null): Unit[] {
  const top = hits[0]?.score ?? 1;
  const units: Unit[] = [];
  const primary = facets[0]?.kind;
  const weights = weighing(query, idf);
  for (const hit of hits) {
    const prior = hit.score / top;
    const heading = lastHeading(hit.passage) ?? '';
    const path = hit.passage.path.join(' ');
    for (const text of unitsOf(hit.passage)) {
      const holds = new Set(facets.filter((f) => f.kind !== 'subject' && holdsFacet(f.kind, text, heading, query.text)).map((f) => f.kind));
      const typed = primary !== undefined && holds.has(primary);
      const { score, coverage } = scoreUnit(text, path, weights);
      const bonus = 1 + (typed ? TYPE_BONUS : 0) + (TYPE_BONUS / 2) * [...holds].filter((k) => k !== primary).length;
      units.push({ text, passage: hit.passage, score: score * prior * bonus * (COVERAGE_FLOOR + coverage) * alignmentFactor(alignment, text, path), holds, typed, coverage });
    }
  }
  return units.sort((a, b) => b.score - a.score);
}

/**
 * Whether a text holds what a question asks by its own words (`PartRanking.words`): its last two, where a question
 * puts what it asks ("đặt ở địa chỉ nào" is not answered by the centre's other news), and most of the rest ("coi ai là
 * trung tâm" is answered by "lấy người dân … làm trung tâm", which does not say "coi"). Two words at least: "bao nhiêu
 * tiền" is not answered by a sentence that says "tiền".
 */
function holdsAskedWords(words: readonly string[], text: string): boolean {
  return holdsMostWords(words, text) && words.slice(-2).every((w) => termsOf(text).has(w));
}

/** Whether a text holds most of a question's own words (two at least), wherever they stand (a yes-or-no question's "có … không"). */
export function holdsMostWords(words: readonly string[], text: string): boolean {
  const held = (w: string) => termsOf(text).has(w);
  return words.length >= 2 && words.filter(held).length >= PART_WORDS_HELD * words.length;
}

/** The units that answer the facets, in the order asked; facets none answers are returned as missing. */
function answerFacets(units: Unit[], facets: readonly Facet[]): { chosen: Unit[]; missing: Missing[] } {
  const lead = units[0] as Unit;
  const chosen: Unit[] = [];
  const missing: Missing[] = [];
  for (const facet of facets) {
    if (facet.kind === 'subject' || chosen.some((u) => u.holds.has(facet.kind))) continue;
    // A later facet is answered from the same section when it can be: it reads as one answer.
    const candidates = units.filter((u) => u.holds.has(facet.kind) && !chosen.includes(u) && u.score >= lead.score * FACET_RATIO);
    const sameSection = (u: Unit) => chosen[0] !== undefined && inSameSection(u, chosen[0]);
    const pick = candidates.find(sameSection) ?? candidates[0];
    if (pick) chosen.push(pick);
    else missing.push({ kind: facet.kind });
  }
  if (chosen.length === 0) chosen.push(lead);
  return { chosen, missing };
}

/** One question of a message that asks several ("…, còn hiện nay là ai?"): its units ranked for it, and what it asks. */
export interface PartRanking {
  units: Unit[];
  facets: readonly Facet[];
  /** Opened by "còn": it asks about something else, so a unit already chosen does not answer it. */
  contrast?: boolean;
  /**
   * Its own content words in order ("trung", "tâm" of "ai là trung tâm"; folded when typed without marks): a sentence the answer gives holding them
   * answers it, though not in the form its question word expects ("lấy người dân … làm trung tâm" names no body).
   */
  words?: readonly string[];
}

/** A kind of fact no source was found to hold, and the words of the question that asked it, when one did. */
interface Missing {
  kind: FacetKind;
  words?: readonly string[] | undefined;
}

const sameUnit = (a: Unit, b: Unit) => a.text === b.text && a.passage === b.passage;

/**
 * One unit per question of the message, in the order asked: for each, the best unit holding
 * what it asks (ranked for its own words), unless a unit already chosen answers it about as
 * well. A question no source answers is returned as missing; when none is answered, the
 * message's best unit leads.
 */
function answerParts(units: Unit[], facets: readonly Facet[], parts: readonly PartRanking[]): { chosen: Unit[]; missing: Missing[] } {
  const chosen: Unit[] = [];
  // One entry per question unanswered ("bao nhiêu tờ rơi và bao nhiêu băng rôn": two).
  const missing: Missing[] = [];
  for (const { units: ranked, facets: asked, contrast, words } of parts) {
    // "hiện nay là ai": the question word (who) is asked; "hiện nay" only says when.
    const kind = (asked.find((f) => f.kind !== 'subject' && f.kind !== 'status') ?? asked.find((f) => f.kind !== 'subject'))?.kind;
    const top = ranked[0];
    if (!top) continue;
    const best = ranked.find((u) => (kind === undefined || u.holds.has(kind)) && !(contrast && chosen.some((c) => sameUnit(c, u))));
    // Its sentence shares enough of its words; or, sharing few of the whole message's, holds all its own after "còn" ("…,
    // còn TFP đóng góp bn %?"), or gives the particular asked beside a sentence chosen from its section ("Có phải Điện
    // Biên … giáp cả Lào và Trung Quốc không, mà diện tích tỉnh rộng bao nhiêu?").
    const enough = (u: Unit) =>
      u.coverage >= PART_COVERAGE || (contrast === true && words !== undefined && holdsAskedWords(words, u.text)) || (kind !== undefined && STRICT_FACETS.has(kind) && chosen.some((c) => inSameSection(c, u)));
    if (!best || best.score < top.score * FACET_RATIO || !enough(best)) {
      missing.push({ kind: kind ?? 'subject', words });
      continue;
    }
    const covered = !contrast && chosen.some((c) => {
      const mine = ranked.find((u) => sameUnit(u, c));
      // A question that asks no kind of fact ("… làm theo cách nào") is covered only by its own best sentence.
      return mine !== undefined && (kind === undefined ? mine.score >= best.score : mine.holds.has(kind) && mine.score >= best.score * PART_COVERED);
    });
    if (!covered) chosen.push(best);
  }
  if (chosen.length === 0 && units[0]) chosen.push(units[0]);
  return { chosen, missing };
}

/**
 * The lead's section from its first point: the question names the section ("Mục tiêu chung
 * của kế hoạch là gì", "còn năm 2026 thì sao") and asks what it says, so its first point leads
 * even when a later one shares more of the question's words, unless the later one holds words
 * of the question that neither the first point nor the section's headings hold ("Báo Điện Biên
 * Phủ có phải đăng bài phản bác … không").
 */
function fromSectionStart(units: Unit[], query: Query | undefined, documents: Map<string, DocumentMeta>, points: number): Unit[] | null {
  const top = units[0] as Unit;
  const section = units
    .filter((u) => inSameSection(u, top))
    .filter((u, i, all) => all.findIndex((x) => x.text === u.text) === i)
    .sort(readingOrder);
  const first = section[0] as Unit;
  // A list longer than `points` is answered by its points that hold what was asked, not by its first few.
  if (first === top || section.length < 2 || section.length > points) return null;
  // Words of the document's title only name it ("… trên địa bàn tỉnh Điện Biên").
  const known = new Set([...termsOf(first.text), ...termsOf(top.passage.path.join(' ')), ...termsOf(documents.get(top.passage.documentId)?.title ?? '')]);
  // Two such words, not one: a word typed without marks may be another's spelling ("tinh": tinh thần).
  if ([...(query?.content ?? [])].filter((c) => termsOf(top.text).has(c) && !known.has(c)).length >= 2) return null;
  return section;
}

/** The text within `budget` words from its start: whole, else its first sentences, else its first words and "…". */
function fromStart(text: string, budget: number): string {
  if (words(text) <= budget) return text;
  let kept = '';
  for (const sentence of splitSentences(text)) {
    const longer = kept ? `${kept} ${sentence}` : sentence;
    if (words(longer) > budget) break;
    kept = longer;
  }
  return kept || `${text.split(/\s+/).slice(0, budget).join(' ')} …`;
}

/**
 * A section read from its start within the budget, in order: its first four points (a longer
 * one's first four, each with room to say what it is), each whole when they fit, else the long
 * ones cut from their start to equal shares of what the short ones leave (so none is left out).
 */
export function readFromStart(points: Unit[], documents: Map<string, DocumentMeta>): Composition {
  const section = points.slice(0, MAX_SUPPORTS + 1);
  const lead = section[0] as Unit;
  const prefix = attribution(lead.passage, documents.get(lead.passage.documentId));
  // A line's "- " and a cut's "…" count too.
  const room = MAX_ANSWER_WORDS - words(prefix) - 2 * section.length;
  const sizes = section.map((u) => words(u.text));
  const shares = new Map<number, number>();
  let left = room;
  [...sizes.keys()].sort((a, b) => (sizes[a] as number) - (sizes[b] as number)).forEach((i, k) => {
    const share = Math.min(sizes[i] as number, Math.floor(left / (section.length - k)));
    shares.set(i, share);
    left -= share;
  });
  const lines = section.map((unit, i) => {
    const cut = fromStart(unit.text, shares.get(i) as number);
    return i === 0 ? prefix + cut : `- ${cut}`;
  });
  const passages = section.map((u) => u.passage).filter((p, i, all) => all.indexOf(p) === i);
  return { answer: lines.join('\n'), lead, used: passages, missing: [], unansweredParts: 0 };
}

/**
 * `whole`: the question asks what a section says, not one particular of it ("nhằm mục đích gì",
 * "Sở Tài chính phải làm gì"): the rest of the lead's section follows in reading order, as much
 * as the budget holds. `namedSection`: the question also names that section's heading: the
 * section is read from its first point.
 */
export function compose(units: Unit[], documents: Map<string, DocumentMeta>, facets: readonly Facet[] = [], query?: Query, parts: readonly PartRanking[] = [], whole = false, namedSection = false): Composition | null {
  if (units.length === 0) return null;
  if (whole && namedSection) {
    // "Mục đích … là gì" asks for the whole of what the section sets out: its points are read though there are more of them.
    const asksWhole = facets.some((f) => f.kind === 'why' || f.kind === 'subject');
    const read = fromSectionStart(units, query, documents, asksWhole ? POLICY.wholeSectionPoints : MAX_SUPPORTS + 1);
    if (read) return readFromStart(read, documents);
  }
  // How much of the question a piece of a long sentence holds (folded content words).
  const relevance = query
    ? (piece: string) => {
        const terms = termsOf(piece);
        let held = 0;
        for (const c of query.content) if (terms.has(c)) held++;
        return held;
      }
    : undefined;
  const { chosen, missing: missingParts } = parts.length > 0 ? answerParts(units, facets, parts) : facets.length > 1 ? answerFacets(units, facets) : { chosen: [units[0] as Unit], missing: [] };
  const missing = [...new Set(missingParts.map((m) => m.kind))];
  const lead = chosen[0] as Unit;
  const prefix = attribution(lead.passage, documents.get(lead.passage.documentId));
  let budget = MAX_ANSWER_WORDS - words(prefix) - missing.reduce((n, k) => n + words(MISSING_FACET[k]) + 1, 0);
  // Each thing asked gets its share of the words: a long first answer does not crowd out the second.
  const share = (left: number) => Math.max(Math.floor(budget / left), 20);
  const leadText = truncate(lead.text, Math.max(chosen.length > 1 ? share(chosen.length) : budget, 20), relevance);
  budget -= words(leadText);
  // A caveat the lead gives ("(nội dung này chưa được đối chiếu với toàn văn)") is said once: the lines after it leave it
  // out, so the words go to what was asked.
  const caveat = CAVEAT.exec(leadText)?.[0];
  const said = (text: string) => (caveat ? text.split(caveat).join('').replace(/\s+([.,;:])/g, '$1') : text);
  const facetLines: string[] = [];
  const used: Unit[] = [lead];
  for (const [i, unit] of chosen.slice(1).entries()) {
    const sameSection = inSameSection(unit, lead);
    const where = sameSection ? '' : unit.passage.documentId === lead.passage.documentId ? `Theo mục "${lastHeading(unit.passage) ?? ''}": ` : attribution(unit.passage, documents.get(unit.passage.documentId));
    const text = truncate(said(unit.text), Math.max(Math.min(share(chosen.length - 1 - i), budget) - words(where), 12), relevance);
    facetLines.push(`- ${where}${text}`);
    budget -= words(where) + words(text) + 1;
    used.push(unit);
  }
  const supportLines: string[] = [];
  const inLeadSection = (unit: Unit) => inSameSection(unit, lead);
  const addSupport = (unit: Unit, text = said(unit.text)) => {
    supportLines.push(`- ${text}`);
    used.push(unit);
    budget -= words(text) + 1;
  };
  // "… còn gồm tổ chức khoa học, …" goes on from the sentence before it ("… gồm nhà quản lý, chuyên gia, …"), which
  // comes first among the supports.
  if (CONTINUES.test(lead.text)) {
    const before = units.filter((u) => inLeadSection(u) && readingOrder(u, lead) < 0 && !used.some((x) => x.text === u.text)).sort(readingOrder).at(-1);
    if (before && words(said(before.text)) + 2 <= budget) addSupport(before);
  }
  for (const unit of units) {
    if (supportLines.length + facetLines.length >= MAX_SUPPORTS || budget < 8) break;
    if (unit.score < lead.score * SUPPORT_RATIO) break;
    // Supporting points come from the lead's passage or its section, so they read as one answer.
    if (!inLeadSection(unit)) continue;
    if (used.some((u) => u.text === unit.text) || words(said(unit.text)) + 2 > budget) continue;
    addSupport(unit);
  }
  if (query) {
    // "chỉ tiêu cho người dân với cho cán bộ": then a sentence of the lead's section that holds words of
    // the question no chosen sentence holds yet (one more than the usual supports), so each thing asked is answered.
    const asked = [...query.content];
    const held = (unit: Unit) => asked.filter((c) => termsOf(unit.text).has(c));
    const covered = new Set(used.flatMap(held));
    const rest = units.filter((u) => inLeadSection(u) && u.score >= lead.score * GAP_RATIO && !used.some((x) => x.text === u.text));
    while (supportLines.length + facetLines.length < MAX_SUPPORTS + 1 && budget >= 8) {
      let best: { unit: Unit; gain: number } | null = null;
      for (const unit of rest) {
        if (used.includes(unit) || words(said(unit.text)) + 2 > budget) continue;
        const gain = held(unit).filter((c) => !covered.has(c)).length;
        if (gain > 0 && (!best || gain > best.gain)) best = { unit, gain };
      }
      if (!best) break;
      addSupport(best.unit);
      for (const c of held(best.unit)) covered.add(c);
    }
  }
  if (whole) {
    const rest = units
      .filter((u) => inLeadSection(u) && !used.some((x) => x.text === u.text && x.passage === u.passage))
      .filter((u, i, all) => all.findIndex((x) => x.text === u.text) === i)
      .sort(readingOrder);
    // As much of it as fits, in order: a bullet too long for what is left is given by its first sentence.
    for (const unit of rest) {
      if (supportLines.length + facetLines.length >= MAX_SUPPORTS + 1 || budget < 8) break;
      const full = said(unit.text);
      const first = splitSentences(full)[0] ?? full;
      // …or, too long even so, by as many of its clauses as fit.
      const text = words(full) + 1 <= budget ? full : words(first) + 1 <= budget ? first : budget >= 16 ? truncate(full, budget - 2, relevance) : null;
      if (text) addSupport(unit, text);
    }
  }
  // A fact said missing for one question but held by a sentence the answer gives anyway is not missing,
  // nor is one whose question's own words a sentence given holds ("ai là trung tâm": "… làm trung tâm").
  const answersWords = (words: readonly string[] | undefined) => words !== undefined && used.some((u) => holdsAskedWords(words, u.text));
  // (Not a date, number, contact or code: a sentence without one does not give it, whatever words it shares.)
  const stillMissing = () =>
    missing.filter((kind) => !used.some((u) => u.holds.has(kind)) && (STRICT_FACETS.has(kind) || !missingParts.filter((m) => m.kind === kind).every((m) => answersWords(m.words))));
  const missingLines = () => stillMissing().map((kind) => `- ${MISSING_FACET[kind]}`);
  const assembled = () => [prefix + leadText, ...facetLines, ...supportLines, ...missingLines()];
  // The budget above leaves out the "- " of lines and a "…" a cut adds: the cap holds whatever they add up to,
  // by dropping supporting lines from the end, then cutting the last line.
  while (words(assembled().join(' ')) > MAX_ANSWER_WORDS && supportLines.length > 0) {
    supportLines.pop();
    used.pop();
  }
  let lines = assembled();
  const over = words(lines.join(' ')) - MAX_ANSWER_WORDS;
  if (over > 0) {
    const cut = (line: string) => `${line.split(/\s+/).slice(0, Math.max(words(line) - over - 1, 2)).join(' ')} …`;
    lines = facetLines.length > 0 ? [prefix + leadText, ...facetLines.slice(0, -1), cut(facetLines.at(-1) as string), ...missingLines()] : [cut(prefix + leadText), ...missingLines()];
  }
  const passages = used.map((u) => u.passage).filter((p, i, all) => all.indexOf(p) === i);
  const left = stillMissing();
  return { answer: lines.join('\n'), lead, used: passages, missing: left, unansweredParts: parts.length > 0 ? missingParts.filter((m) => left.includes(m.kind)).length : 0 };
}
