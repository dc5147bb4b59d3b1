import { describe, expect, it } from 'vitest';
import { markedSpellings } from './marks.ts';
import { foldDiacritics, normalizeVietnamese } from './normalize.ts';

describe('markedSpellings', () => {
  it('lists every spelling with marks that folds to the syllable, not the syllable itself', () => {
    const duoc = markedSpellings('duoc');
    expect(duoc).toEqual(expect.arrayContaining(['được', 'dược', 'đuốc']));
    expect(duoc).not.toContain('duoc');
    expect(duoc.every((s) => foldDiacritics(s) === 'duoc')).toBe(true);
    expect(markedSpellings('nguoi')).toContain('người');
    expect(markedSpellings('so')).toEqual(expect.arrayContaining(['số', 'sổ', 'sở', 'sơ']));
  });

  it('puts the tone on each vowel, so the placement the index writes is among them', () => {
    // Citizens type "thuỷ" and "thủy", "hoà" and "hòa": the index holds one placement (normalizeVietnamese).
    expect(markedSpellings('thuy')).toContain(normalizeVietnamese('thủy'));
    expect(markedSpellings('thuy')).toContain(normalizeVietnamese('thuỷ'));
    expect(markedSpellings('hoa')).toContain(normalizeVietnamese('hòa'));
    expect(markedSpellings('hoa')).toContain(normalizeVietnamese('hoà'));
    // Composed, as the index writes letters.
    expect(markedSpellings('nguoi').every((s) => s === s.normalize('NFC'))).toBe(true);
  });

  it('stays small for any input: a few hundred spellings at most, none for a word no syllable is shaped like', () => {
    // Seven a's and o's would have tens of thousands of spellings, and a question may hold a hundred such words.
    expect(markedSpellings('ooooooo')).toEqual([]);
    expect(markedSpellings('aoaoaoa')).toEqual([]);
    expect(markedSpellings('aaa').length).toBeLessThan(500);
    // "đ" only begins a syllable: no final "d" is tried.
    expect(markedSpellings('dad')).toEqual([]);
    expect(markedSpellings('dan')).toContain('đàn');
    expect(markedSpellings('nghieng')).toContain('nghiêng');
  });

  it('has none for what cannot be one syllable typed without marks', () => {
    expect(markedSpellings('2025')).toEqual([]);
    expect(markedSpellings('nq57')).toEqual([]);
    expect(markedSpellings('carbomint')).toEqual([]);
    expect(markedSpellings('kltn')).toEqual([]);
  });
});
