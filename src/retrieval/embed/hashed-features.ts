/**
 * @module
 * Features of the hashed embedder as 32-bit hashes, without building a string per feature:
 * folded syllables, folded syllable bigrams and folded character 3-grams within each
 * syllable (padded with a space at both ends, so "số" gives " so", "so "). Only the folded
 * ("~") terms of `analyze` are used, which makes a question typed without tone marks land
 * next to the accented passage.
 */
import { analyze } from '../../text/index.ts';

/** Bumped whenever the features or their hashing change; part of the embedder id. */
export const FEATURE_VERSION = 1;

const SEED_SYLLABLE = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_TRIGRAM = 0xc2b2ae35;
const SPACE = 0x20;
const TILDE = 0x7e;

// murmur3's mixing steps, over UTF-16 code units.
function mix(h: number, unit: number): number {
  let k = Math.imul(unit, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, length: number): number {
  h ^= length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashSpan(text: string, start: number, end: number, seed: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = mix(h, text.charCodeAt(i));
  return finish(h, end - start);
}

/** A growable scratch buffer: embedding runs one text at a time, so one buffer serves all. */
let scratch = new Uint32Array(4096);
let used = 0;

function push(feature: number): void {
  if (used === scratch.length) {
    const bigger = new Uint32Array(scratch.length * 2);
    bigger.set(scratch);
    scratch = bigger;
  }
  scratch[used++] = feature;
}

function pushTrigrams(term: string): void {
  // term is "~syllable"; positions 0 and length stand for the padding spaces.
  const last = term.length;
  for (let i = 0; i + 2 <= last; i++) {
    const a = i === 0 ? SPACE : term.charCodeAt(i);
    const b = term.charCodeAt(i + 1);
    const c = i + 2 === last ? SPACE : term.charCodeAt(i + 2);
    push(finish(mix(mix(mix(SEED_TRIGRAM, a), b), c), 3));
  }
}

/**
 * The text's features with repetitions, sorted so equal features are adjacent (a run's
 * length is the term frequency). The array is a fresh copy the caller owns.
 */
export function textFeatures(text: string): Uint32Array {
  used = 0;
  for (const term of analyze(text).terms) {
    if (term.charCodeAt(0) !== TILDE) continue;
    if (term.includes(' ')) {
      push(hashSpan(term, 1, term.length, SEED_BIGRAM));
    } else {
      push(hashSpan(term, 1, term.length, SEED_SYLLABLE));
      pushTrigrams(term);
    }
  }
  return scratch.slice(0, used).sort();
}
