import { describe, expect, it } from 'vitest';
import { syllableShaped } from './marks.ts';

describe('syllableShaped', () => {
  it('takes a Vietnamese syllable typed without marks, with any onset, vowels and coda', () => {
    for (const syllable of ['duoc', 'nguoi', 'so', 'nghieng', 'dan', 'thuy', 'hoa', 'khuyen', 'a']) expect(syllableShaped(syllable)).toBe(true);
  });

  it('leaves out what cannot be one syllable: numbers, codes, abbreviations, names, long nonsense', () => {
    for (const token of ['2025', 'nq57', 'carbomint', 'kltn', 'ctdt', 'ooooooo', 'aoaoaoa', 'dad', '']) expect(syllableShaped(token)).toBe(false);
  });
});
