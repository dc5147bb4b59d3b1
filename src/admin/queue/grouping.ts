/**
 * @module
 * Which questions are "the same question", by the project's own text analysis: the
 * question is folded first (no tone marks) and then analysed, so a question typed without
 * tone marks gives exactly the terms of the same question typed with them; abbreviations
 * and document numbers are unified ("nghị quyết số 57" and "NQ57" are one term), and stop
 * words and question phrasing ("cho hỏi", "là gì") are dropped.
 */
import { analyze, foldDiacritics, normalizeVietnamese, stripQuestionPhrasing } from '../../text/index.ts';
import type { NewGroup, ReviewCandidate } from '../../store/review/types.ts';

/**
 * Dice similarity of content syllables at or above which two questions are one group.
 * Strict on purpose: a staff answer goes to everyone in the group, so merging "NQ57 hỗ trợ
 * nông dân thế nào?" with "… học sinh …" (0.6) would send a wrong answer, while splitting a
 * question in two only costs staff a second click. The same question reworded or typed
 * without marks scores 0.8–1.0; different questions in shared words stay below 0.8
 * (grouping.test.ts). Staff can still move a question out of a group.
 */
export const SAME_QUESTION = 0.8;

/** The words a document number was written with ("nghị quyết 57" → nq57): the code alone stands for them. */
const CODE = /^(nq|qd|kh|nd|tb|ct)(\d+)$/;
const CODE_WORDS: Record<string, string[]> = { nq: ['nghi', 'quyet'], qd: ['quyet', 'dinh'], kh: ['ke', 'hoach'], nd: ['nghi', 'dinh'], tb: ['thong', 'bao'], ct: ['chi', 'thi'] };

export function foldQuestion(question: string): string {
  return foldDiacritics(normalizeVietnamese(question)).replace(/\s+/g, ' ').trim();
}

/** The folded content syllables of a question (without its question phrasing), sorted and unique. */
export function questionTerms(question: string): string[] {
  const folded = foldQuestion(question);
  const content = analyze(stripQuestionPhrasing(folded)).content;
  const syllables = new Set(content.length > 0 ? content : analyze(folded).content);
  for (const term of [...syllables]) {
    const code = CODE.exec(term);
    if (!code) continue;
    syllables.delete(code[2] as string);
    for (const word of CODE_WORDS[code[1] as string] ?? []) syllables.delete(word);
  }
  return [...syllables].sort();
}

export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const t of b) if (set.has(t)) shared++;
  return (2 * shared) / (a.length + b.length);
}

/**
 * Places each new item in the most similar open group, or starts a group with it (later
 * items of the same batch may join it). Open groups only: a question asked again after its
 * group was answered or dismissed is new work.
 */
export function placeInGroups(candidates: ReviewCandidate[], open: Array<{ id: string; terms: string[] }>, newId: () => string) {
  const groups = [...open];
  const created: NewGroup[] = [];
  const items: Array<ReviewCandidate & { groupId: string }> = [];
  for (const candidate of candidates) {
    const terms = questionTerms(candidate.question);
    let best: { id: string; score: number } | null = null;
    for (const g of groups) {
      const score = similarity(terms, g.terms);
      if (score >= SAME_QUESTION && (!best || score > best.score)) best = { id: g.id, score };
    }
    if (!best) {
      const group: NewGroup = { id: newId(), question: candidate.question, terms, folded: foldQuestion(candidate.question) };
      created.push(group);
      groups.push({ id: group.id, terms });
      best = { id: group.id, score: 1 };
    }
    items.push({ ...candidate, groupId: best.id });
  }
  return { groups: created, items };
}
