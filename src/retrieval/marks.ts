/**
 * @module
 * Reads tone marks back into a question typed without them, from how the corpus writes its
 * words.
 *
 * Typed without marks, "so ho khau" matches only folded terms, which every spelling of a
 * syllable shares ("so": số, sổ, sở, so), and "co" may be the function word "có" or the
 * content word "cơ". The same question with marks also matches "sổ", "hộ", "khẩu" as
 * written, and drops "có". Here each syllable's possible spellings, the words with marks the
 * index holds that fold to it, are weighed by the index's own counts: how many passages use
 * a spelling, and how many use it right beside the neighbouring spelling. That is a bigram
 * model whose counts are document frequencies; function words are counted through the
 * index's "%" evidence terms (`markEvidence`), since the index does not search them.
 * Forward–backward over each segment gives every spelling its probability in this
 * question. The searcher adds the marked spellings at that probability, and leaves out a
 * look-alike that most likely reads as a function word (`searchTerms` in query.ts).
 *
 * Nothing here knows a Vietnamese word beyond the stop-word list: the corpus is the
 * dictionary, so a new document teaches it new words. Written here rather than taken from a
 * package: the diacritic restorers on npm ship a model or a word list to download, and
 * answers must come from what the corpus says.
 */
import { FOLDED_STOP_WORDS, STOP_WORDS } from '../text/dictionary.ts';
import { countedAs, FOLDED_STOP_FORMS, foldDiacritics, hasDiacritics, spelledLikeVietnamese, syllableShaped } from '../text/index.ts';
import { memoizedFor } from '../text/memo.ts';

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
/**
 * A spelling less likely than this is not searched: it would add under a twentieth of its
 * word's weight, and searching it walks its passages all the same.
 */
export const LEAST_LIKELY = 0.05;
/** Questions are short; a longer segment is read in windows of this many syllables. */
const WINDOW = 40;

/** What reading marks needs of an index. */
export interface IndexCounts {
  documentFrequency(term: string): number;
  /** Every term the index holds, once each. */
  vocabulary(): Iterable<string>;
  readonly size: number;
}

/** A token's spellings the index uses, with how many passages use each. */
interface Spellings {
  words: string[];
  counts: number[];
}

/**
 * The words with marks an index holds, by their folded spelling ("so": số, sổ, sở…), read
 * once per index from its vocabulary: the corpus is the dictionary, so the spellings a
 * syllable typed without marks may stand for are the ones it writes, and reading a question
 * costs a lookup per syllable. Function words are found through their evidence terms ("%có").
 */
const markedWordsOf = memoizedFor((index: IndexCounts): Map<string, Spellings> => {
  const byFolded = new Map<string, Spellings>();
  for (const term of index.vocabulary()) {
    const word = term.startsWith('%') ? term.slice(1) : term;
    // Pairs, folded ("~") and bridging ("^") terms are not words as written; a word without
    // marks is its own folded spelling. Only what one syllable typed without marks can stand
    // for is filed: so a name or an abbreviation ("ctdt") finds nothing and stays as typed.
    if (word.includes(' ') || word.startsWith('~') || word.startsWith('^')) continue;
    const folded = foldDiacritics(word);
    if (folded === word || !syllableShaped(folded) || !spelledLikeVietnamese(word)) continue;
    const count = unigram(index, word);
    if (count === 0) continue;
    let spellings = byFolded.get(folded);
    if (!spellings) byFolded.set(folded, (spellings = { words: [], counts: [] }));
    if (spellings.words.includes(word)) continue;
    spellings.words.push(word);
    spellings.counts.push(count);
  }
  return byFolded;
});

export interface Restoration {
  /** Marked spellings the index searches, with the probability that the question meant each and the syllable typed. */
  terms: Map<string, { probability: number; typed: string }>;
  /**
   * Syllables typed without marks that the index also writes so ("thu": thu, thư, thứ…), with
   * the probability that the question meant them as typed, at its likeliest: the searcher
   * weighs the as-typed word by it, as it weighs every other spelling.
   */
  typed: Map<string, number>;
  /**
   * Look-alikes typed without marks ("co", "trong", "duoc") that read as a function word
   * wherever the question has them ("co the": có thể). Only the look-alikes the analyzer
   * keeps as terms; those it always drops ("la", "khi") it has read already.
   */
  functionWords: Set<string>;
}

/** How many passages hold a spelling (a stop word through its evidence term). */
function unigram(index: IndexCounts, word: string): number {
  return index.documentFrequency(countedAs(word));
}

/** How many passages hold two spellings side by side. */
function bigram(index: IndexCounts, a: string, b: string): number {
  return index.documentFrequency(countedAs(`${a} ${b}`));
}

/** Scales `values` in place to sum to 1 (evenly when they are all 0). */
function normalize(values: number[]): number[] {
  let sum = 0;
  for (const v of values) sum += v;
  for (let i = 0; i < values.length; i++) values[i] = sum > 0 ? (values[i] as number) / sum : 1 / values.length;
  return values;
}

/** The spellings of a token the index uses, and their counts; the token as typed when it uses none. */
function spellingsOf(token: string, index: IndexCounts, marked: Map<string, Spellings>): Spellings {
  const count = unigram(index, token);
  // A token with marks (a word an abbreviation stands for) is taken as written; one no
  // syllable is shaped like has no spellings filed (`markedWordsOf`).
  const others = hasDiacritics(token) ? undefined : marked.get(token);
  if (!others) return { words: [token], counts: [count] };
  // The token as typed stays a candidate only if the index uses it too.
  if (count === 0) return others;
  return { words: [token, ...others.words], counts: [count, ...others.counts] };
}

/**
 * Marks read back into a question typed without them: `segments` are its tokens as
 * `analyze` read them, `index` the passages' BM25 index. A token with marks already (a word
 * an abbreviation stands for) is taken as written; a token the corpus never uses in any
 * spelling (a name, a typo) stays as typed.
 */
export function restoreMarks(segments: readonly string[][], index: IndexCounts): Restoration {
  const marked = markedWordsOf(index);
  const terms = new Map<string, { probability: number; typed: string }>();
  const typed = new Map<string, number>();
  const functionReadings = new Map<string, boolean>();
  const total = index.size * WORDS_PER_PASSAGE + SMOOTHING;
  for (const segment of segments) {
    for (let start = 0; start < segment.length; start += WINDOW) {
      const tokens = segment.slice(start, start + WINDOW);
      const n = tokens.length;
      const spellings = tokens.map((token) => spellingsOf(token, index, marked));
      // transitions[i][k * next + j]: the chance of spelling j at i + 1 after spelling k at i.
      const transitions: number[][] = [];
      for (let i = 0; i + 1 < n; i++) {
        const { words: before, counts } = spellings[i] as Spellings;
        const after = (spellings[i + 1] as Spellings).words;
        const afterCounts = (spellings[i + 1] as Spellings).counts;
        const t = new Array<number>(before.length * after.length).fill(0);
        // One spelling on each side: the chance is the same for every path, and cancels.
        if (t.length === 1) t[0] = 1;
        else {
          for (let k = 0; k < before.length; k++) {
            const count = counts[k] as number;
            for (let j = 0; j < after.length; j++) {
              const share = count > 0 ? bigram(index, before[k] as string, after[j] as string) / count : 0;
              t[k * after.length + j] = BIGRAM_SHARE * share + (1 - BIGRAM_SHARE) * (((afterCounts[j] as number) + SMOOTHING) / total);
            }
          }
        }
        transitions.push(t);
      }
      const forward: number[][] = [normalize((spellings[0] as Spellings).counts.map((c) => (c + SMOOTHING) / total))];
      for (let i = 1; i < n; i++) {
        const f = forward[i - 1] as number[];
        const t = transitions[i - 1] as number[];
        const size = (spellings[i] as Spellings).words.length;
        const next = new Array<number>(size).fill(0);
        for (let j = 0; j < size; j++) for (let k = 0; k < f.length; k++) next[j] = (next[j] as number) + (f[k] as number) * (t[k * size + j] as number);
        forward.push(normalize(next));
      }
      const backward: number[][] = new Array<number[]>(n);
      backward[n - 1] = new Array<number>((spellings[n - 1] as Spellings).words.length).fill(1);
      for (let i = n - 2; i >= 0; i--) {
        const b = backward[i + 1] as number[];
        const t = transitions[i] as number[];
        const size = (spellings[i] as Spellings).words.length;
        const previous = new Array<number>(size).fill(0);
        for (let k = 0; k < size; k++) for (let j = 0; j < b.length; j++) previous[k] = (previous[k] as number) + (t[k * b.length + j] as number) * (b[j] as number);
        backward[i] = normalize(previous);
      }
      for (let i = 0; i < n; i++) {
        const token = tokens[i] as string;
        const { words, counts } = spellings[i] as Spellings;
        const lookalike = FOLDED_STOP_FORMS.has(token) && !FOLDED_STOP_WORDS.has(token);
        if (words.length === 1 && words[0] === token && !lookalike) continue;
        const f = forward[i] as number[];
        const b = backward[i] as number[];
        const posterior = normalize(f.map((v, k) => v * (b[k] as number)));
        let asFunctionWord = 0;
        for (let k = 0; k < words.length; k++) {
          const word = words[k] as string;
          const probability = posterior[k] as number;
          if (STOP_WORDS.has(word)) asFunctionWord += probability;
          // Every spelling but the token itself has marks (`markedWordsOf`).
          else if (word === token) typed.set(token, Math.max(typed.get(token) ?? 0, probability));
          else if (word !== token && probability >= LEAST_LIKELY && probability > (terms.get(word)?.probability ?? 0)) terms.set(word, { probability, typed: token });
        }
        // The corpus must use some spelling of it: a look-alike it never writes says nothing.
        if (lookalike && counts.some((c) => c > 0)) functionReadings.set(token, (functionReadings.get(token) ?? true) && asFunctionWord >= FUNCTION_READING);
      }
    }
  }
  return { terms, typed, functionWords: new Set([...functionReadings].filter(([, always]) => always).map(([token]) => token)) };
}
