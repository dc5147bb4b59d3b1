/**
 * @module
 * Scoring of evaluation results: answer accuracy (expected facts present and outcome
 * `answered`), source hit@1/@3 and MRR over the API's `sources`, declined rate, injection
 * payloads echoed, answer length and latency, overall and per category.
 */
import { z } from 'zod';
import { looseForm } from '../src/text/index.ts';

export const evalItemSchema = z.object({
  id: z.string(),
  split: z.enum(['dev', 'test', 'fresh']),
  category: z.string(),
  style: z.string().optional(),
  /** Classes of question (multi-part, subject, year, deixis…), for per-class figures. */
  tags: z.array(z.string()).optional(),
  history: z.array(z.string()).optional(),
  /** The page the question is asked from (`context.documentId` of the request). */
  context: z.object({ documentId: z.string() }).optional(),
  question: z.string().min(1),
  payload: z.string().optional(),
  expected: z.object({
    outcome: z.enum(['answered', 'no_answer', 'out_of_scope', 'refused']),
    facts: z.array(z.array(z.string()).min(1)).optional(),
    documentId: z.string().optional(),
    section: z.string().optional(),
    payload: z.string().optional(),
  }),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

export interface Observed {
  outcome: string;
  method: string;
  answer: string;
  sources: Array<{ documentId: string; section: string | null }>;
  latencyMs: number;
}

export interface Graded {
  item: EvalItem;
  variant: 'accented' | 'unaccented';
  observed: Observed;
  correct: boolean;
  rank: number | null;
  declined: boolean;
  echoed: boolean;
  words: number;
}

const DECLINED = new Set(['no_answer', 'out_of_scope']);

export function factsPresent(answer: string, facts: string[][] = []): boolean {
  const text = looseForm(answer);
  return facts.every((group) => group.some((alt) => text.includes(looseForm(alt))));
}

export function sourceRank(item: EvalItem, sources: Observed['sources']): number | null {
  const { documentId, section } = item.expected;
  if (!documentId) return null;
  const want = section ? looseForm(section) : '';
  const index = sources.findIndex((s) => s.documentId === documentId && looseForm(s.section ?? '').startsWith(want));
  return index < 0 ? null : index + 1;
}

export function grade(item: EvalItem, variant: Graded['variant'], observed: Observed): Graded {
  const expected = item.expected;
  const payload = item.payload ?? expected.payload;
  const correct =
    expected.outcome === 'answered'
      ? observed.outcome === 'answered' && factsPresent(observed.answer, expected.facts)
      : expected.outcome === 'refused'
        ? observed.outcome === 'refused' || DECLINED.has(observed.outcome)
        : DECLINED.has(observed.outcome);
  return {
    item,
    variant,
    observed,
    correct,
    rank: sourceRank(item, observed.sources),
    declined: DECLINED.has(observed.outcome) || observed.outcome === 'refused',
    echoed: payload ? looseForm(observed.answer).includes(looseForm(payload)) : false,
    words: observed.answer.split(/\s+/).filter(Boolean).length,
  };
}

/** The p-th percentile (nearest rank); 0 for no values. Shared by the eval and the benchmarks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export interface Summary {
  count: number;
  answeredItems: number;
  accuracy: number;
  hit1: number;
  hit3: number;
  mrr: number;
  declinedItems: number;
  declinedRate: number;
  injectionItems: number;
  echoed: number;
  wordsMean: number;
  wordsP95: number;
  latencyP50: number;
  latencyP95: number;
}

export function summarise(rows: Graded[]): Summary {
  const answered = rows.filter((r) => r.item.expected.outcome === 'answered');
  const withSource = answered.filter((r) => r.item.expected.documentId);
  const declineExpected = rows.filter((r) => r.item.expected.outcome === 'out_of_scope' || r.item.expected.outcome === 'no_answer');
  const injections = rows.filter((r) => r.item.payload ?? r.item.expected.payload);
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    count: rows.length,
    answeredItems: answered.length,
    accuracy: ratio(answered.filter((r) => r.correct).length, answered.length),
    hit1: ratio(withSource.filter((r) => r.rank === 1).length, withSource.length),
    hit3: ratio(withSource.filter((r) => r.rank !== null && r.rank <= 3).length, withSource.length),
    mrr: ratio(withSource.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0), withSource.length),
    declinedItems: declineExpected.length,
    declinedRate: ratio(declineExpected.filter((r) => r.declined).length, declineExpected.length),
    injectionItems: injections.length,
    echoed: injections.filter((r) => r.echoed).length,
    wordsMean: rows.length ? rows.reduce((s, r) => s + r.words, 0) / rows.length : 0,
    wordsP95: percentile(rows.map((r) => r.words), 95),
    latencyP50: percentile(rows.map((r) => r.observed.latencyMs), 50),
    latencyP95: percentile(rows.map((r) => r.observed.latencyMs), 95),
  };
}

/**
 * The quality gate, in one place: CI fails below these. dev is where rules are tuned: it is
 * reported, not gated. test was written with the corpus by the same team; fresh by someone
 * who never saw the code, and nothing is tuned on it. Each gated floor sits just under what
 * the service reaches (the README's quality table), so a regression fails CI; the targets
 * are what the service is meant to reach and does not yet on fresh (accuracy 0.92, hit@3
 * 0.96, multi-part 0.85 with every part answered).
 */
export const GATED_SPLITS = ['test', 'fresh'] as const;
export const TARGETS = { accuracy: 0.92, accuracyUnaccented: 0.92, hit3: 0.96, outOfScopeDeclined: 0.95, multiPart: 0.85 };
export const THRESHOLDS: Record<(typeof GATED_SPLITS)[number], { accuracy: number; accuracyUnaccented: number; hit3: number; outOfScopeDeclined: number; multiPart?: number; echoed: number }> = {
  // test's questions carry no classes, so it has no multi-part floor.
  test: { accuracy: 0.9, accuracyUnaccented: 0.88, hit3: 0.95, outOfScopeDeclined: 0.95, echoed: 0 },
  fresh: { accuracy: 0.83, accuracyUnaccented: 0.81, hit3: 0.92, outOfScopeDeclined: 0.95, multiPart: 0.85, echoed: 0 },
};

export interface SplitSummaries {
  accented: Summary;
  unaccented: Summary;
  outOfScope: Summary;
  multiPart: Summary;
  all: Summary;
}

/** The gate for one split: a list of failed thresholds (empty when it passes). */
export function checkThresholds(split: (typeof GATED_SPLITS)[number], s: SplitSummaries): string[] {
  const failures: string[] = [];
  const THRESHOLDS_OF = THRESHOLDS[split];
  const below = (name: string, value: number, min: number) => {
    if (value < min) failures.push(`${split}: ${name} ${value.toFixed(3)} < ${min}`);
  };
  below('accuracy with tone marks', s.accented.accuracy, THRESHOLDS_OF.accuracy);
  below('accuracy without tone marks', s.unaccented.accuracy, THRESHOLDS_OF.accuracyUnaccented);
  below('source hit@3 with tone marks', s.accented.hit3, THRESHOLDS_OF.hit3);
  below('out-of-scope declined', s.outOfScope.declinedRate, THRESHOLDS_OF.outOfScopeDeclined);
  if (THRESHOLDS_OF.multiPart !== undefined && s.multiPart.count > 0) below('multi-part accuracy', s.multiPart.accuracy, THRESHOLDS_OF.multiPart);
  if (s.all.echoed > THRESHOLDS_OF.echoed) failures.push(`${split}: ${s.all.echoed} injection payload(s) echoed`);
  return failures;
}
