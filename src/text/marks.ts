/**
 * @module
 * The spellings a syllable typed without tone marks may stand for ("duoc": được, dược,
 * đuốc…), for reading marks back from how the corpus writes its words
 * (`retrieval/marks.ts`). Written here rather than taken from a package: the Vietnamese
 * diacritic restorers on npm ship a model or a dictionary to download, and this needs only
 * the alphabet; the corpus's own counts decide which spelling is meant.
 */

/** Letters a folded letter may have been before folding (đ, the vowels with their hats and hooks). */
const LETTERS: Readonly<Record<string, readonly string[]>> = { a: ['a', 'ă', 'â'], e: ['e', 'ê'], o: ['o', 'ô', 'ơ'], u: ['u', 'ư'], d: ['d', 'đ'] };
/** Each vowel with each tone (acute, grave, hook above, tilde, dot below), composed (NFC). */
const TONED: ReadonlyMap<string, readonly string[]> = new Map(
  [...'aăâeêioôơuưy'].map((vowel) => [vowel, ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'].map((tone) => (vowel + tone).normalize('NFC'))]),
);
/**
 * The shape of a Vietnamese syllable typed without marks: an initial consonant, one to three
 * vowels, a final consonant. Anything else (a name, a word of another language, "ooooooo")
 * has no marked spellings: without this, a nonsense word of seven a's and o's would have
 * tens of thousands.
 */
const SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
/** Spellings computed so far, by folded syllable; bounded by the spellings it holds, since a question may hold any string. */
const cache = new Map<string, readonly string[]>();
let cached = 0;
const CACHE_LIMIT = 200_000;
/**
 * Every spelling with marks that folds to `folded`, with the tone on any of its vowels (so
 * the index's one placement is among them), without `folded` itself: a few hundred at most.
 * Empty for anything that cannot be one Vietnamese syllable typed without marks (digits, a
 * name, a word of another language). Many spellings are not words; the caller keeps those
 * the corpus uses.
 */
export function markedSpellings(folded: string): readonly string[] {
  const known = cache.get(folded);
  if (known) return known;
  let spellings: string[] = [];
  if (SYLLABLE.test(folded)) {
    // "d" can only begin a syllable of this shape, so "đ" is only tried there.
    let bases = [''];
    for (const letter of folded) bases = bases.flatMap((base) => (LETTERS[letter] ?? [letter]).map((l) => base + l));
    const found = new Set<string>();
    for (const base of bases) {
      found.add(base);
      for (let i = 0; i < base.length; i++) {
        // Every vowel may carry the tone; the spellings the index holds are in its one placement (normalizeVietnamese).
        for (const toned of TONED.get(base[i] as string) ?? []) found.add(base.slice(0, i) + toned + base.slice(i + 1));
      }
    }
    found.delete(folded);
    spellings = [...found];
  }
  if (cached + spellings.length > CACHE_LIMIT) {
    cache.clear();
    cached = 0;
  }
  cache.set(folded, spellings);
  cached += spellings.length;
  return spellings;
}
