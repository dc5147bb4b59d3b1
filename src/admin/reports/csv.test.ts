import { describe, expect, it } from 'vitest';
import { CSV_BOM, toCsv } from './csv.ts';

describe('CSV for spreadsheets', () => {
  it('starts with a UTF-8 byte-order mark, ends rows with CRLF and keeps Vietnamese intact', () => {
    const csv = toCsv([
      ['Chỉ số', 'Giá trị'],
      ['Câu hỏi được trả lời', 12],
    ]);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(`${CSV_BOM}Chỉ số,Giá trị\r\nCâu hỏi được trả lời,12\r\n`);
    expect(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes)).toBe('Chỉ số,Giá trị\r\nCâu hỏi được trả lời,12\r\n');
  });

  it('quotes commas, quotes and line breaks, and never lets a cell run as a formula', () => {
    const csv = toCsv([['a, b', 'say "hi"', 'line\nbreak', '=HYPERLINK("x")', '-1+1', '@SUM(A1)', -3, null]]);
    expect(csv.slice(1)).toBe(`"a, b","say ""hi""","line\nbreak","'=HYPERLINK(""x"")",'-1+1,'@SUM(A1),-3,\r\n`);
  });
});
