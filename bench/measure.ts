/**
 * @module
 * Small measuring helpers shared by the benchmarks: latency summaries, and memory read after a
 * forced garbage collection so that a stage's figure is what it keeps, not its garbage.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile } from '../eval/metrics.ts';

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(0, ...values), mean };
}

// `npm run bench` runs under tsx without --expose-gc; the flag can still be turned on at
// run time, and a fresh context then sees the `gc` global.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export interface Memory {
  /** Resident set size now, after a full collection (MB). */
  rssMb: number;
  /** JS heap in use after that collection (MB). */
  heapUsedMb: number;
  /** JS heap V8 keeps committed, used or not (MB). */
  heapTotalMb: number;
  /** Typed-array and Buffer memory outside the JS heap (MB). */
  arrayBuffersMb: number;
  /** Highest resident set size of the process so far (MB), garbage included. */
  peakRssMb: number;
}

export function memory(): Memory {
  collect();
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), arrayBuffersMb: mb(m.arrayBuffers), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/** Deterministic PRNG (mulberry32): the same seed writes the same corpus and queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: no items');
  return items[Math.floor(random() * items.length)] as T;
}
