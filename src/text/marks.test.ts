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

  it('has none for what cannot be one syllable typed without marks', () => {
    expect(markedSpellings('2025')).toEqual([]);
    expect(markedSpellings('nq57')).toEqual([]);
    expect(markedSpellings('carbomint')).toEqual([]);
    expect(markedSpellings('kltn')).toEqual([]);
  });
});
