import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocument, outlineSections, splitSentences } from './chunk.ts';
import { cleanExtractedText, type Block } from './clean.ts';

const PLAN_FILE = new URL('../../corpus/documents/ke-hoach-dien-bien-1169.txt', import.meta.url);
const planBlocks = cleanExtractedText(readFileSync(PLAN_FILE, 'utf8'));
const passages = chunkDocument('ke-hoach-dien-bien-1169', planBlocks);

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '' && w !== '-');
}

function cloneBlocks(blocks: Block[]): Block[] {
  return blocks.map((b) => ({ ...b }));
}

function heading(text: string, level: number, line = 1): Block {
  return { kind: 'heading', level, text, line };
}

function paragraph(text: string, line = 1): Block {
  return { kind: 'paragraph', level: 0, text, line };
}

/** A sentence of exactly `n` words, ending with a full stop. */
function sentence(n: number, word = 'chữ'): string {
  return `${Array.from({ length: n }, (_, i) => (i === 0 ? 'Câu' : word)).join(' ')}.`;
}

describe('chunkDocument on the Điện Biên plan', () => {
  it('gives each passage the outline path of its section', () => {
    const paths = passages.map((p) => JSON.stringify(p.path));
    expect(paths).toContain(JSON.stringify(['V. Tổ chức thực hiện', '2. Sở Văn hoá, Thể thao và Du lịch']));
    expect(paths).toContain(JSON.stringify(['II. Mục tiêu thực hiện', '2. Mục tiêu cụ thể', '2.3. Đến năm 2030']));
    expect(paths).toContain(JSON.stringify(['V. Tổ chức thực hiện', '10. Chế độ báo cáo']));
  });

  it('places a passage under the right section', () => {
    const target = passages.find((p) => p.text.includes('Ít nhất 80% người dân'));
    expect(target?.path).toEqual(['II. Mục tiêu thực hiện', '2. Mục tiêu cụ thể', '2.3. Đến năm 2030']);
    const report = passages.find((p) => p.text.includes('Định kỳ trước ngày 10/6 và 10/12'));
    expect(report?.path).toEqual(['V. Tổ chức thực hiện', '10. Chế độ báo cáo']);
  });

  it('keeps every passage within 170 words', () => {
    expect(passages.length).toBeGreaterThan(10);
    for (const p of passages) expect(words(p.text).length).toBeLessThanOrEqual(170);
  });

  it('keeps all the text of the blocks, in reading order, and nothing else', () => {
    const fromBlocks = planBlocks.filter((b) => b.kind !== 'heading').flatMap((b) => words(b.text));
    const fromPassages = passages.flatMap((p) => words(p.text));
    expect(fromPassages).toEqual(fromBlocks);
  });

  it('carries the cleaning through: no page number, no broken document number, no signature block', () => {
    const all = passages.map((p) => p.text).join('\n');
    expect(all).toContain('báo chí đấu tranh');
    expect(all).not.toMatch(/57-\s+NQ/);
    expect(all).not.toContain('Nơi nhận');
    expect(all).not.toContain('Vừ A Bằng');
  });

  it('numbers passages in reading order and prefixes their ids with the document id', () => {
    expect(passages.map((p) => p.order)).toEqual(passages.map((_, i) => i));
    for (const p of passages) {
      expect(p.documentId).toBe('ke-hoach-dien-bien-1169');
      expect(p.id.startsWith('ke-hoach-dien-bien-1169:')).toBe(true);
    }
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('gives the same ids when the same text is chunked twice', () => {
    const again = chunkDocument('ke-hoach-dien-bien-1169', cleanExtractedText(readFileSync(PLAN_FILE, 'utf8')));
    expect(again.map((p) => p.id)).toEqual(passages.map((p) => p.id));
  });

  it('changes the id of an edited passage only', () => {
    const edited = cloneBlocks(planBlocks);
    const funding = edited.find((b) => b.text.startsWith('Kinh phí tổ chức, triển khai'));
    expect(funding).toBeDefined();
    if (funding) funding.text = funding.text.replace('nguồn xã hội hóa', 'nguồn xã hội hoá và tài trợ');
    const after = chunkDocument('ke-hoach-dien-bien-1169', edited);
    expect(after).toHaveLength(passages.length);
    const changed = after.filter((p, i) => p.id !== passages[i]?.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.path).toEqual(['IV. Kinh phí thực hiện']);
  });

  it('changes the ids when the same text moves to another section', () => {
    const moved = cloneBlocks(planBlocks);
    const section = moved.find((b) => b.text === 'IV. Kinh phí thực hiện');
    if (section) section.text = 'IV. Nguồn kinh phí';
    const after = chunkDocument('ke-hoach-dien-bien-1169', moved);
    const before = passages.find((p) => p.path[0] === 'IV. Kinh phí thực hiện');
    const now = after.find((p) => p.path[0] === 'IV. Nguồn kinh phí');
    expect(now?.text).toBe(before?.text);
    expect(now?.id).not.toBe(before?.id);
  });
});

describe('chunkDocument on small inputs', () => {
  it('cuts a long paragraph between sentences into passages of at most 160 words', () => {
    const long = Array.from({ length: 12 }, () => sentence(30)).join(' ');
    const result = chunkDocument('doc', [heading('1. Mục một', 2), paragraph(long)]);
    expect(result.length).toBeGreaterThan(1);
    for (const p of result) {
      expect(words(p.text).length).toBeLessThanOrEqual(160);
      expect(p.text.endsWith('.')).toBe(true);
      expect(p.path).toEqual(['1. Mục một']);
    }
    expect(result.flatMap((p) => words(p.text))).toEqual(words(long));
  });

  it('keeps a short section in one passage', () => {
    const result = chunkDocument('doc', [heading('1. Mục một', 2), paragraph('Câu một.'), paragraph('Câu hai.')]);
    expect(result.map((p) => p.text)).toEqual(['Câu một.\nCâu hai.']);
  });

  it('never puts text of two sections in one passage', () => {
    const result = chunkDocument('doc', [heading('1. Mục một', 2), paragraph('Nội dung một.'), heading('2. Mục hai', 2), paragraph('Nội dung hai.')]);
    expect(result.map((p) => [p.path, p.text])).toEqual([
      [['1. Mục một'], 'Nội dung một.'],
      [['2. Mục hai'], 'Nội dung hai.'],
    ]);
  });

  it('gives distinct ids to identical passages of the same section', () => {
    const text = sentence(100);
    const result = chunkDocument('doc', [heading('1. Mục một', 2), paragraph(text), paragraph(text)]);
    expect(result).toHaveLength(2);
    expect(result[0]?.text).toBe(result[1]?.text);
    expect(result[0]?.id).not.toBe(result[1]?.id);
  });

  it('keeps text before the first heading with an empty path', () => {
    const result = chunkDocument('doc', [paragraph('Lời mở đầu.'), heading('I. Phần một', 1), paragraph('Nội dung.')]);
    expect(result[0]?.path).toEqual([]);
    expect(result[0]?.text).toBe('Lời mở đầu.');
  });

  it('returns no passages for a document with headings only', () => {
    expect(chunkDocument('doc', [heading('I. Phần một', 1), heading('1. Mục một', 2)])).toEqual([]);
  });
});

describe('outlineSections', () => {
  it('pops back to the right level when a shallower heading follows a deeper one', () => {
    const sections = outlineSections([
      heading('I. Một', 1),
      heading('1. Một một', 2),
      heading('1.1. Một một một', 3),
      paragraph('a.'),
      heading('2. Một hai', 2),
      paragraph('b.'),
      heading('II. Hai', 1),
      paragraph('c.'),
    ]);
    expect(sections.map((s) => s.path)).toEqual([['I. Một', '1. Một một', '1.1. Một một một'], ['I. Một', '2. Một hai'], ['II. Hai']]);
  });
});

describe('splitSentences', () => {
  it('splits after a full stop followed by a capital but not inside document numbers or amounts', () => {
    expect(splitSentences('Thực hiện Nghị quyết số 57-NQ/TW. Đầu tư 1.000 tỷ đồng cho 1169/QĐ-TTg. Hoàn thành năm 2025.')).toEqual([
      'Thực hiện Nghị quyết số 57-NQ/TW.',
      'Đầu tư 1.000 tỷ đồng cho 1169/QĐ-TTg.',
      'Hoàn thành năm 2025.',
    ]);
  });

  it('does not split before a lower-case word', () => {
    expect(splitSentences('Các tổ chức v.v. được khen thưởng.')).toEqual(['Các tổ chức v.v. được khen thưởng.']);
  });
});
