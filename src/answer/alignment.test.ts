import { describe, expect, it } from 'vitest';
import { alignmentOf } from './alignment.ts';

describe('alignmentOf: what is now', () => {
  it('reads "hiện …" alone as asking what is now, and "thực hiện", "cống hiến", "hiện đại", "Hiến pháp" as other words', () => {
    expect(alignmentOf('hiện người giữ chức Chủ tịch UBND tỉnh là ông nào?')?.wants).toBe('result');
    expect(alignmentOf('hien nguoi giu chuc chu tich ubnd tinh la ong nao')?.wants).toBe('result');
    for (const q of ['Việc thực hiện Nghị quyết giao cho ai?', 'Chính sách nào để nhà khoa học yên tâm cống hiến?', 'Hạ tầng hiện đại gồm những gì?', 'Hiến pháp nói gì về khoa học?']) {
      expect(alignmentOf(q)).toBeNull();
    }
  });
});

describe('what is wanted by a year', () => {
  it('is a target ("muốn tới 2030"), while "muốn hỏi" wants nothing of its own', () => {
    expect(alignmentOf('nghi quyet 57 muon toi 2030 sang che phai dem ra kinh doanh duoc bao nhieu phan tram')?.wants).toBe('target');
    expect(alignmentOf('Mình muốn hỏi kết quả đạt được đến nay ra sao?')?.wants).toBe('result');
  });
});

describe('"muốn hỏi đến nay"', () => {
  it('asks a result, not a target', () => {
    expect(alignmentOf('Mình muốn hỏi đến nay đạt bao nhiêu?')?.wants).toBe('result');
  });
});
