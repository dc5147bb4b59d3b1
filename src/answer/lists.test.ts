import { describe, expect, it } from 'vitest';
import { countedListAsked, namesMembers, onlyCounts } from './lists.ts';

describe('countedListAsked', () => {
  it('reads a count the question states and asks the members of, with or without tone marks', () => {
    expect(countedListAsked('11 công nghệ chiến lược chính phủ phê duyệt cụ thể là những công nghệ nào vậy?')).toEqual({ count: 11, noun: 'cong nghe' });
    expect(countedListAsked('11 cong nghe chien luoc duoc phe duyet gom nhung cong nghe nao, ke ten giup')).toEqual({ count: 11, noun: 'cong nghe' });
    expect(countedListAsked('Điện Biên đã xây 16 cơ sở dữ liệu dùng chung, tên cụ thể từng cái là gì?')).toEqual({ count: 16, noun: 'co so' });
    expect(countedListAsked('3 phuong la nhung phuong nao')).toEqual({ count: 3, noun: 'phuong' });
    expect(countedListAsked('Danh mục 11 nhóm công nghệ chiến lược gồm những công nghệ nào?')).toEqual({ count: 11, noun: 'cong nghe' });
  });

  it('reads no count in a document\'s number, a year, a date or a question asking no members', () => {
    expect(countedListAsked('nghị quyết 57 chỉ ra nước mình chưa làm chủ được những loại công nghệ nào')).toBeNull();
    expect(countedListAsked('Năm 2026 tỉnh đặt ra những mục tiêu nào?')).toBeNull();
    expect(countedListAsked('Trong 5 năm tới tỉnh làm những việc nào?')).toBeNull();
    expect(countedListAsked('Chính phủ đã phê duyệt bao nhiêu công nghệ chiến lược?')).toBeNull();
    expect(countedListAsked('11 công nghệ chiến lược do ai phê duyệt?')).toBeNull();
  });
});

describe('onlyCounts and namesMembers', () => {
  const technologies = { count: 11, noun: 'cong nghe' };
  const wards = { count: 3, noun: 'phuong' };

  it('tells a sentence that says again how many there are from one that names them', () => {
    expect(onlyCounts('Tính đến quý III/2025, Chính phủ đã phê duyệt 11 công nghệ chiến lược.', technologies)).toBe(true);
    expect(onlyCounts('Tính đến cuối năm 2025, danh mục công nghệ chiến lược gồm 11 nhóm công nghệ chiến lược và 35 sản phẩm.', technologies)).toBe(true);
    expect(namesMembers('Tính đến quý III/2025, Chính phủ đã phê duyệt 11 công nghệ chiến lược.', technologies)).toBe(false);
    expect(onlyCounts('Từ ngày 01/7/2025, ba phường của tỉnh Điện Biên là phường Điện Biên Phủ, phường Mường Thanh và phường Mường Lay.', wards)).toBe(false);
    expect(namesMembers('Từ ngày 01/7/2025, ba phường của tỉnh Điện Biên là phường Điện Biên Phủ, phường Mường Thanh và phường Mường Lay.', wards)).toBe(true);
  });

  it('does not take a list of other things that mention the counted word for its members', () => {
    expect(namesMembers('Tính đến quý III/2025, đóng góp của khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số vào GDP đạt trên 16%.', technologies)).toBe(false);
    expect(onlyCounts('Tính đến quý III/2025, đóng góp của khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số vào GDP đạt trên 16%.', technologies)).toBe(false);
  });
});
