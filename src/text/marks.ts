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

/** The marks a vowel may carry besides its tone: ă, â; ê; ô, ơ; ư (decomposed). */
const VOWEL_MARKS: Readonly<Record<string, string>> = { a: '\u0306\u0302', e: '\u0302', o: '\u0302\u031b', u: '\u031b', i: '', y: '' };
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

/**
 * Whether a word is written in Vietnamese letters with one tone at most: "thủy", "đường",
 * not "thủỷ" (two tones, a typo) nor "ça" or "über" (another language's marks). Only such a
 * word is read into a syllable typed without marks.
 */
export function spelledLikeVietnamese(word: string): boolean {
  let tones = 0;
  let base = '';
  let marks = '';
  for (const ch of word.normalize('NFD')) {
    if (TONE_MARKS.includes(ch)) {
      if (++tones > 1 || VOWEL_MARKS[base] === undefined) return false;
    } else if (ch >= '\u0300' && ch <= '\u036f') {
      // One mark a vowel may carry (ă, â, ê, ô, ơ, ư), not two.
      if (marks !== '' || !(VOWEL_MARKS[base] ?? '').includes(ch)) return false;
      marks = ch;
    } else if ((ch >= 'a' && ch <= 'z') || ch === 'đ') {
      base = ch;
      marks = '';
    } else {
      return false;
    }
  }
  return true;
}
