/**
 * @module
 * Which tokens typed without tone marks may stand for a word with marks, for reading marks
 * back from how the corpus writes its words (`retrieval/marks.ts`).
 */

/**
 * The shape of a Vietnamese syllable typed without marks: an initial consonant, one to three
 * vowels, a final consonant. Anything else (a name, a word of another language, "ooooooo",
 * "ctdt") is taken as typed.
 */
const SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
/**
 * Whether a folded token can be one Vietnamese syllable typed without marks, and so stand
 * for a word with marks: not digits, a name, an abbreviation or a word of another language.
 */
export function syllableShaped(folded: string): boolean {
  return SYLLABLE.test(folded);
}
