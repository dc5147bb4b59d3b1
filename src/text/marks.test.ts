import { describe, expect, it } from 'vitest';
import { spelledLikeVietnamese, syllableShaped } from './marks.ts';

describe('syllableShaped', () => {
  it('takes a Vietnamese syllable typed without marks, with any onset, vowels and coda', () => {
    for (const syllable of ['duoc', 'nguoi', 'so', 'nghieng', 'dan', 'thuy', 'hoa', 'khuyen', 'a']) expect(syllableShaped(syllable)).toBe(true);
  });

  it('leaves out what cannot be one syllable: numbers, codes, abbreviations, names, long nonsense', () => {
    for (const token of ['2025', 'nq57', 'carbomint', 'kltn', 'ctdt', 'ooooooo', 'aoaoaoa', 'dad', '']) expect(syllableShaped(token)).toBe(false);
  });

  it('reads into a syllable only words written in Vietnamese letters with one tone at most', () => {
    for (const word of ['thủy', 'đường', 'người', 'khuyến', 'ăn', 'ở', 'được', 'ý']) expect(spelledLikeVietnamese(word)).toBe(true);
    // Two tones (a typo), another language's marks, a mark on the wrong letter, two marks on one vowel.
    for (const word of ['thủỷ', 'ça', 'über', 'ñam', 'ŷ', 'ễ\u0306', 'n\u0301', 'điều5']) expect(spelledLikeVietnamese(word)).toBe(false);
  });
});
