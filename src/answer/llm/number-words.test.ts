import { describe, expect, it } from 'vitest';
import { normalizeVietnamese } from '../../text/index.ts';
import { numberWordsToDigits } from './number-words.ts';

const digits = (text: string) => numberWordsToDigits(normalizeVietnamese(text));

describe('numberWordsToDigits', () => {
  it.each([
    ['bốn mươi phần trăm', '40 phần trăm'],
    ['hai mươi mốt', '21'],
    ['ba mươi tư', '34'],
    ['bốn mươi lăm', '45'],
    ['mười', '10'],
    ['mười lăm', '15'],
    ['một trăm linh năm', '105'],
    ['hai trăm hai mươi', '220'],
    ['hai nghìn không trăm hai mươi lăm', '2025'],
    ['một nghìn bốn trăm tổ', '1400 tổ'],
    ['một nghìn tỷ', '1000000000000'],
    ['hai tỷ ba trăm triệu', '2300000000'],
    ['ba ngàn', '3000'],
    ['hai triệu rưỡi', '2500000'],
    ['một trăm rưỡi', '150'],
    ['hai năm rưỡi', '2,5 năm'],
    ['mười bốn phẩy năm phần trăm', '14,5 phần trăm'],
    ['một phần trăm', '1 phần trăm'],
    ['năm nhiệm vụ', '5 nhiệm vụ'],
    ['Ba trụ cột', '3 trụ cột'],
    ['1,4 triệu người', '1400000 người'],
    ['1.400 tỷ đồng', '1400000000000 đồng'],
    ['2 nghìn tỷ', '2000000000000'],
    ['ngày mười tháng mười', 'ngày 10 tháng 10'],
    ['hai ba trăm người', '2 ; 300 người'],
  ])('reads "%s" as "%s"', (text, expected) => {
    expect(digits(text)).toBe(expected);
  });

  it.each([
    'một số doanh nghiệp',
    'một cách chủ động',
    'năm 2025',
    'hằng năm',
    'năm học mới',
    'tỷ lệ 30%',
    'năm 2030 tỷ lệ',
    'hàng trăm doanh nghiệp',
    'vài chục người',
    'mươi năm',
    'đầu tư tư nhân',
    'không có thông tin',
    'triệu tập hội nghị',
  ])('leaves "%s" as it is', (text) => {
    expect(digits(text)).toBe(normalizeVietnamese(text));
  });
});
