/**
 * @module
 * Reads tone marks back into a question typed without them, from how the corpus writes its
 * words.
 *
 * Typed without marks, "so ho khau" matches only folded terms, which every spelling of a
 * syllable shares ("so": số, sổ, sở, so), and "co" may be the function word "có" or the
 * content word "cơ". The same question with marks also matches "sổ", "hộ", "khẩu" as
 * written, and drops "có". Here each syllable's possible spellings (`markedSpellings`) are
 * weighed by the index's own counts: how many passages use a spelling, and how many use it
 * right beside the neighbouring spelling. That is a bigram model whose counts are document
 * frequencies; function words are counted through the index's "%" evidence terms
 * (`markEvidence`), since the index does not search them. Forward–backward over each
 * segment gives every spelling its probability in this question. The searcher adds the
 * marked spellings at that probability, and leaves out a look-alike that most likely
 * reads as a function word (`searchTerms` in query.ts).
 *
 * Nothing here knows a Vietnamese word beyond the alphabet and the stop-word list: the
 * corpus is the dictionary, so a new document teaches it new words. Written here rather
 * than taken from a package: the diacritic restorers on npm ship a model or a word list to
 * download, and answers must come from what the corpus says.
 */
import { FOLDED_STOP_WORDS, STOP_WORDS } from '../text/dictionary.ts';
import { FOLDED_STOP_FORMS, hasDiacritics, markedSpellings } from '../text/index.ts';

/** How much a bigram's count weighs against the word's own frequency (interpolated smoothing). */
const BIGRAM_SHARE = 0.8;
/** Added to every count, so a spelling the corpus has never used beside this one still has a chance. */
const SMOOTHING = 0.1;
/**
 * About how many words a passage holds: turns a document frequency into the chance that a
 * word is the next one (the corpus's passages average 84 words; on the public QA sets of
 * eval/vire.ts the figures barely move between 30 and 1,000).
 */
const WORDS_PER_PASSAGE = 100;
/** A look-alike reads as a function word when its function-word spellings are at least this likely. */
const FUNCTION_READING = 0.5;
/** Questions are short; a longer segment is read in windows of this many syllables. */
const WINDOW = 40;

type Frequency = (term: string) => number;

export interface Restoration {
  /** Marked spellings the index searches, with the probability that the question meant each. */
  terms: Map<string, number>;
  /**
   * Look-alikes typed without marks ("co", "trong", "duoc") that read as a function word
   * wherever the question has them ("co the": có thể). Only the look-alikes the analyzer
   * keeps as terms; those it always drops ("la", "khi") it has read already.
   */
  functionWords: Set<string>;
}

/** How many passages hold a spelling (a stop word through its evidence term). */
function unigram(df: Frequency, word: string): number {
  return STOP_WORDS.has(word) ? df(`%${word}`) : df(word);
}

/** How many passages hold two spellings side by side. */
function bigram(df: Frequency, a: string, b: string): number {
  return STOP_WORDS.has(a) || STOP_WORDS.has(b) ? df(`%${a} ${b}`) : df(`${a} ${b}`);
}

function normalized(values: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values.map(() => 1 / values.length);
}

/**
 * Marks read back into a question typed without them: `segments` are its tokens as
 * `analyze` read them, `documentFrequency` and `passages` the index's. A token with marks
 * already (a word an abbreviation stands for) is taken as written; a token the corpus never
 * uses in any spelling (a name, a typo) stays as typed.
 */
export function restoreMarks(segments: readonly string[][], documentFrequency: Frequency, passages: number): Restoration {
  const terms = new Map<string, number>();
  const functionReadings = new Map<string, boolean>();
  const p1 = (word: string) => (unigram(documentFrequency, word) + SMOOTHING) / (passages * WORDS_PER_PASSAGE + SMOOTHING);
  const p2 = (a: string, b: string) => {
    const count = unigram(documentFrequency, a);
    const share = count > 0 ? bigram(documentFrequency, a, b) / count : 0;
    return BIGRAM_SHARE * share + (1 - BIGRAM_SHARE) * p1(b);
  };
  for (const segment of segments) {
    for (let start = 0; start < segment.length; start += WINDOW) {
      const tokens = segment.slice(start, start + WINDOW);
      const candidates = tokens.map((token) => {
        if (hasDiacritics(token)) return [token];
        const used = [token, ...markedSpellings(token)].filter((w) => unigram(documentFrequency, w) > 0);
        return used.length > 0 ? used : [token];
      });
      const n = tokens.length;
      const forward: number[][] = [normalized((candidates[0] as string[]).map(p1))];
      for (let i = 1; i < n; i++) {
        const before = candidates[i - 1] as string[];
        const f = forward[i - 1] as number[];
        forward.push(normalized((candidates[i] as string[]).map((b) => before.reduce((sum, a, k) => sum + (f[k] as number) * p2(a, b), 0))));
      }
      const backward: number[][] = Array.from({ length: n }, () => []);
      backward[n - 1] = (candidates[n - 1] as string[]).map(() => 1);
      for (let i = n - 2; i >= 0; i--) {
        const after = candidates[i + 1] as string[];
        const b = backward[i + 1] as number[];
        backward[i] = normalized((candidates[i] as string[]).map((a) => after.reduce((sum, w, k) => sum + p2(a, w) * (b[k] as number), 0)));
      }
      tokens.forEach((token, i) => {
        const words = candidates[i] as string[];
        const f = forward[i] as number[];
        const b = backward[i] as number[];
        const posterior = normalized(words.map((_w, k) => (f[k] as number) * (b[k] as number)));
        words.forEach((word, k) => {
          if (word !== token && hasDiacritics(word) && !STOP_WORDS.has(word)) terms.set(word, Math.max(terms.get(word) ?? 0, posterior[k] as number));
        });
        // The corpus must use some spelling of it: a look-alike it never writes says nothing.
        if (FOLDED_STOP_FORMS.has(token) && !FOLDED_STOP_WORDS.has(token) && words.some((w) => unigram(documentFrequency, w) > 0)) {
          const asFunctionWord = words.reduce((sum, w, k) => sum + (STOP_WORDS.has(w) ? (posterior[k] as number) : 0), 0) >= FUNCTION_READING;
          functionReadings.set(token, (functionReadings.get(token) ?? true) && asFunctionWord);
        }
      });
    }
  }
  return { terms, functionWords: new Set([...functionReadings].filter(([, always]) => always).map(([token]) => token)) };
}
