import { describe, expect, it } from 'vitest';
import { alignmentFactor, alignmentOf } from './alignment.ts';

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

describe('alignmentFactor: a past period under a target\'s heading', () => {
  it('weighs "trong giai đoạn 2019–2024" under "Mục tiêu đến năm 2030" below the 2030 target when a 2030 target is asked', () => {
    const alignment = alignmentOf('Đến 2030 đơn đăng ký sáng chế phải tăng mỗi năm bao nhiêu?');
    const path = 'IV. Mục tiêu đến năm 2030 6. Mục tiêu về sáng chế';
    const target = alignmentFactor(alignment, 'Đến năm 2030, số đơn đăng ký sáng chế phải tăng bình quân 16–18% mỗi năm.', path);
    const past = alignmentFactor(alignment, 'Để so sánh, trong giai đoạn 2019–2024, số đơn đăng ký sáng chế chỉ tăng khoảng 12,4% mỗi năm.', path);
    expect(past).toBeLessThan(target);
    // A result asked, or a later year named, is weighed as before: the section's year matches.
    const result = alignmentOf('Năm 2024 đơn đăng ký sáng chế đã tăng bao nhiêu?');
    expect(alignmentFactor(result, 'Trong giai đoạn 2019–2024, số đơn tăng khoảng 12,4% mỗi năm.', path)).toBeGreaterThanOrEqual(1);
    // …and so is a question asking of the past too ("trước đây … so với mục tiêu đến năm 2030").
    const both = alignmentOf('Trước đây số đơn sáng chế tăng bao nhiêu mỗi năm so với mục tiêu đến năm 2030?');
    expect(alignmentFactor(both, 'Để so sánh, trong giai đoạn 2019–2024, số đơn đăng ký sáng chế chỉ tăng khoảng 12,4% mỗi năm.', path)).toBeGreaterThanOrEqual(1);
  });

  it('reads a sentence naming only past years as what was, not a target, when a target is asked with no year', () => {
    const alignment = alignmentOf('nghi quyet 57 dat chi tieu don sang che tang moi nam bao nhieu');
    const path = 'IV. Mục tiêu đến năm 2030 6. Mục tiêu về sáng chế';
    const target = alignmentFactor(alignment, 'Đến năm 2030, số đơn đăng ký sáng chế phải tăng bình quân 16–18% mỗi năm.', path);
    const past = alignmentFactor(alignment, 'Để so sánh với mục tiêu của Nghị quyết 57, trong giai đoạn 2019–2024, số đơn đăng ký sáng chế chỉ tăng khoảng 12,4% mỗi năm.', path);
    expect(past).toBeLessThan(target);
    expect(past).toBeLessThan(1);
  });

  it('reads "yêu cầu … tăng bao nhiêu" as a target asked, "yêu cầu gì" and "yêu cầu báo cáo mấy lần" as none', () => {
    expect(alignmentOf('Nghị quyết 57 yêu cầu số đơn đăng ký sáng chế tăng bình quân bao nhiêu mỗi năm')?.wants).toBe('target');
    expect(alignmentOf('Quyết định 1169 yêu cầu gì về truyền thông?')?.wants ?? null).toBeNull();
    expect(alignmentOf('KH yêu cầu báo cáo mấy lần một năm?')?.wants ?? null).toBeNull();
  });
});

