/**
 * @module
 * Combines the lexical (BM25) ranking with the vector ranking.
 *
 * Two methods, chosen by measurement on the eval's dev split (README, "Retrieval"):
 * - `score`: each side's scores scaled to 0–1 over its own candidates, then
 *   (1 − w)·lexical + w·vector. Alpha fusion beat RRF in almost every row of the ViRE
 *   Vietnamese benchmarks (research/performance.md §1.4).
 * - `rrf`: reciprocal rank fusion (Cormack et al., SIGIR 2009, k = 60), weighted the same way.
 * A weight of 0 returns the lexical ranking unchanged, so "hybrid" can never be worse than
 * BM25 alone unless a measured weight says it is better.
 * Fused scores are rescaled to the top lexical score, so callers that compare scores
 * relative to the best hit (answer composition) see the same range as before.
 */
import type { VectorHit } from './vectors.ts';

export type FusionMethod = 'score' | 'rrf';

export interface FusionSettings {
  method: FusionMethod;
  /** Weight of the vector side, 0–1. */
  weight: number;
}

export interface Ranked {
  doc: number;
  score: number;
}

const RRF_K = 60;

/** Similarities mapped to 0–1 over the candidates; all equal, they rank nothing and count 0. */
function scaled(values: number[]): (v: number) => number {
  const max = values.reduce((m, v) => Math.max(m, v), -Infinity);
  const min = values.reduce((m, v) => Math.min(m, v), Infinity);
  return max > min ? (v) => (v - min) / (max - min) : () => 0;
}

/** Fused ranking of every document found by either side, best first. */
export function fuseRankings(lexical: readonly Ranked[], vector: readonly VectorHit[], settings: FusionSettings): Ranked[] {
  const w = Math.min(1, Math.max(0, settings.weight));
  if (w === 0 || vector.length === 0) return [...lexical];
  const top = lexical.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  const fused = new Map<number, number>();
  const add = (doc: number, value: number) => fused.set(doc, (fused.get(doc) ?? 0) + value);
  if (settings.method === 'rrf') {
    lexical.forEach((h, rank) => add(h.doc, (1 - w) / (RRF_K + rank + 1)));
    vector.forEach((h, rank) => add(h.doc, w / (RRF_K + rank + 1)));
  } else {
    // BM25 scores are ≥ 0 with a meaningful zero, so they are divided by the best, not stretched.
    const vec = scaled(vector.map((h) => h.similarity));
    for (const h of lexical) add(h.doc, (1 - w) * (h.score / top));
    for (const h of vector) add(h.doc, w * vec(h.similarity));
  }
  let best = 0;
  for (const value of fused.values()) best = Math.max(best, value);
  best ||= 1;
  return [...fused]
    .map(([doc, value]) => ({ doc, score: (value / best) * top }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/**
 * The vector side's weight when FUSION_WEIGHT is not set, per embedder, from the dev-split
 * measurement in the README. The model's weight is a starting point: with a tiny test
 * model the mechanics are measured here, not its quality; measure with the real model.
 */
export const DEFAULT_FUSION_WEIGHTS = { none: 0, hashed: 0, transformers: 0.3, 'workers-ai': 0.3 } as const;

export function fusionWeight(kind: keyof typeof DEFAULT_FUSION_WEIGHTS, configured: number | null): number {
  return configured ?? DEFAULT_FUSION_WEIGHTS[kind];
}
