/**
 * @module
 * Questions for the scale benchmark: a run of 4–9 consecutive syllables from a random
 * synthetic passage wrapped in a question phrase, half of them typed without tone marks
 * (as citizens often do), plus every real eval question. Each generated question remembers
 * its passage and each eval question its document, so hit@k shows that retrieval still
 * finds the right thing among N passages, not only how fast it answers.
 */
import { readFileSync } from 'node:fs';
import type { Passage } from '../src/ingest/types.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { pick, seededRandom } from './measure.ts';

export interface BenchQuestion {
  text: string;
  source: 'generated' | 'eval';
  /** The passage (position in the corpus) a generated question was cut from. */
  passage: number | null;
  /** The document an eval question is answered by, when it has one. */
  documentId: string | null;
}

const ENDINGS = ['là gì?', 'khi nào?', 'như thế nào?', 'ở đâu?', 'gồm những gì?', 'do ai thực hiện?', 'có nội dung gì?', 'bao nhiêu?', 'ra sao?'];
const OPENINGS = ['', '', '', 'cho mình hỏi ', 'xin hỏi ', 'cho hỏi '];
const SYLLABLE = /^[\p{L}\p{N}]+$/u;

/** `count` questions cut from passages numbered `from` and after (the synthetic ones). */
export function generatedQuestions(passages: readonly Passage[], from: number, count: number, seed: number): BenchQuestion[] {
  const random = seededRandom(seed);
  const out: BenchQuestion[] = [];
  while (out.length < count) {
    const doc = from + Math.floor(random() * (passages.length - from));
    const line = pick(random, (passages[doc] as Passage).text.split('\n'));
    const words = line
      .replace(/^- /, '')
      .split(/\s+/)
      .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter((w) => SYLLABLE.test(w));
    const length = 4 + Math.floor(random() * 6);
    if (words.length < length) continue;
    const start = Math.floor(random() * (words.length - length + 1));
    const text = `${pick(random, OPENINGS)}${words.slice(start, start + length).join(' ').toLowerCase()} ${pick(random, ENDINGS)}`;
    out.push({ text: out.length % 2 === 1 ? foldDiacritics(text) : text, source: 'generated', passage: doc, documentId: null });
  }
  return out;
}

export function evalQuestions(path = 'eval/questions.jsonl'): BenchQuestion[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { question: string; expected?: { documentId?: string } })
    .map((q) => ({ text: q.question, source: 'eval', passage: null, documentId: q.expected?.documentId ?? null }));
}
