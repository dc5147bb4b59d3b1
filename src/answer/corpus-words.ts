/**
 * @module
 * The question's words against the corpus: which are specific to it (known to the corpus
 * but not common to the whole domain), how many of them a passage holds, whether a phrase
 * or a year occurs in the corpus at all.
 */
import type { Passage } from '../ingest/types.ts';
import type { Query } from '../retrieval/query.ts';
import type { CorpusSearcher } from '../retrieval/searcher.ts';
import { analyze, foldDiacritics } from '../text/index.ts';
import { memoizedFor } from '../text/memo.ts';
import { POLICY } from './policy.ts';

/** The question's specific words: known to the corpus, but not common to the whole domain (folded, "~"-prefixed). */
export function specificWords(query: Query, searcher: CorpusSearcher): string[] {
  const limit = Math.max(2, searcher.passageCount * POLICY.genericShare);
  // Each once: "mất … mất bao nhiêu tiền" names one word, not two that a passage could share.
  return [...new Set(query.ownContent)].map((c) => `~${c}`).filter((t) => {
    const df = searcher.documentFrequency(t);
    return df > 0 && df <= limit && !/^~\d{1,2}$/.test(t) && !ASKING_WORDS.has(t);
  });
}

/** Words rare in the documents but part of how a question asks, not of what: "đã kết nối hết chưa" (all of them yet). */
const ASKING_WORDS = new Set(['~het']);

const passageTerms = memoizedFor((passage: Passage): ReadonlySet<string> => new Set(analyze(`${passage.path.join(' ')} ${passage.text}`).terms));

/** How many of the words a passage (its text and headings) holds; of several (a section cut into passages), any of them. */
export function heldCount(passage: Passage | readonly Passage[], words: string[]): number {
  const all = (Array.isArray(passage) ? passage : [passage]).map(passageTerms);
  return words.filter((w) => all.some((terms) => terms.has(w))).length;
}

/** Whether every pair of adjacent syllables of a folded phrase (or its one syllable) occurs in some passage. */
export function phraseInCorpus(phrase: string, searcher: CorpusSearcher): boolean {
  const syllables = phrase.split(' ');
  if (syllables.length === 1) return searcher.documentFrequency(`~${phrase}`) > 0;
  for (let i = 0; i + 1 < syllables.length; i++) if (searcher.documentFrequency(`~${syllables[i]} ${syllables[i + 1]}`) === 0) return false;
  return true;
}

/** A year or figure the documents never mention ("năm 2027") means the question is not covered. */
export function namesUnknownNumber(query: Query, searcher: CorpusSearcher): boolean {
  return [...query.content].some((t) => /^~\d{4}$|^~\d+[.,]\d{3}/.test(t) && searcher.documentFrequency(t) === 0);
}

/** Whether the question names, by its number ("NQ 193", "QĐ 1169"), a document the corpus mentions. */
export function namesCorpusDocument(query: Query, searcher: CorpusSearcher): boolean {
  // The question's own words: a follow-up about the weather after one about NQ57 names no document.
  // "KH 1169" is the plan carrying out QĐ 1169: a plan named by the number of the decision it carries out names it too
  // (not a decree by a resolution's number: "Nghị định 59" is not Nghị quyết 59).
  return query.ownContent.some((c) => {
    const [, kind, number] = /^(nq|qd|kh|nd|qh|tt)(\d+)$/.exec(c) ?? [];
    return kind !== undefined && (searcher.documentFrequency(`~${c}`) > 0 || (kind === 'kh' && searcher.documentFrequency(`~qd${number}`) > 0));
  });
}

/** A commune, ward, village or district named with capitals ("xã Na Sang"): its name, folded, one per place. */
const PLACE_NAMED = /(?<!\p{L})(?:xã|phường|bản|huyện|thôn|thị xã|thị trấn) ((?:\p{Lu}\p{Ll}*)(?: \p{Lu}\p{Ll}*){0,3})/gu;

/** A place the question names that the documents never mention ("Ở xã Na Sang … bao nhiêu hộ?"), folded, or null. */
export function unknownPlaceNamed(question: string, searcher: CorpusSearcher): string | null {
  for (const m of question.normalize('NFC').matchAll(PLACE_NAMED)) {
    const name = foldDiacritics(m[1] as string).toLowerCase();
    if (!phraseInCorpus(name, searcher)) return name;
  }
  return null;
}
