/**
 * @module
 * Builds the weighted terms of a question. A follow-up ("còn năm 2030 thì sao?") borrows
 * the topic of the conversation's previous question at a lower weight, minus whatever the
 * follow-up replaces (a new year or number replaces the old one): earlier turns steer
 * retrieval, they are not pasted into the query.
 */
import { analyze, foldDiacritics, hasDiacritics, normalizeVietnamese, stripQuestionPhrasing } from '../text/index.ts';

export interface Query {
  /** The question as asked (normalised). */
  text: string;
  /** Term → weight. */
  terms: Map<string, number>;
  /** Folded content syllables ("~x" terms), for coverage: the question's own, plus the topic it follows up on. */
  content: Set<string>;
  /** The same syllables in reading order, space-joined, for phrase rules (domain words). */
  contentText: string;
  /** Whether the question borrowed terms from an earlier turn. */
  followUp: boolean;
  accented: boolean;
}

const FOLLOW_UP_START = /^(?:thế |the |vậy |vay |còn |con |thế còn |the con |vậy còn |vay con |và |va |the thi |thế thì |con ve |còn về |còn đối với |con doi voi )/;
const FOLLOW_UP_END = /(?:thì sao|thi sao|thì thế nào|thi the nao|thì như thế nào|thi nhu the nao|thì sao ạ|thi sao a|nữa không|nua khong)\s*\??$/;
const CONTEXT_WEIGHT = 0.5;
const NUMERIC = /\d/;

/** Whether a question leans on the previous turn to be understood. */
export function isFollowUp(question: string, contentTerms: number): boolean {
  const q = normalizeVietnamese(question).trim();
  const folded = foldDiacritics(q);
  return FOLLOW_UP_START.test(q) || FOLLOW_UP_START.test(folded) || FOLLOW_UP_END.test(q) || FOLLOW_UP_END.test(folded) || contentTerms <= 1;
}

export function buildQuery(question: string, previousQuestions: readonly string[] = []): Query {
  const stripped = stripQuestionPhrasing(question);
  const own = analyze(stripped || question);
  const terms = new Map<string, number>();
  for (const term of own.terms) terms.set(term, 1);
  const content = new Set(own.content.map((c) => `~${c}`));
  const previous = previousQuestions.at(-1);
  const followUp = previous !== undefined && isFollowUp(question, content.size);
  let contentText = own.content.join(' ');
  if (followUp && previous !== undefined) {
    const ownHasNumber = own.content.some((c) => NUMERIC.test(c));
    const earlier = analyze(stripQuestionPhrasing(previous));
    for (const term of earlier.terms) {
      if (terms.has(term)) continue;
      if (ownHasNumber && NUMERIC.test(term)) continue;
      terms.set(term, CONTEXT_WEIGHT);
    }
    for (const c of earlier.content) if (!(ownHasNumber && NUMERIC.test(c))) content.add(`~${c}`);
    contentText = `${earlier.content.join(' ')} ${contentText}`;
  }
  return { text: normalizeVietnamese(question), terms, content, contentText, followUp, accented: hasDiacritics(question) };
}
