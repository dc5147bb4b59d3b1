import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanExtractedText, type Block } from './clean.ts';

const PLAN_FILE = new URL('../../corpus/documents/ke-hoach-dien-bien-1169.txt', import.meta.url);
const planText = readFileSync(PLAN_FILE, 'utf8');
const planLines = planText.split(/\r?\n/);
const plan = cleanExtractedText(planText);

function headings(blocks: Block[]): string[] {
  return blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
}

function blockContaining(blocks: Block[], fragment: string): Block {
  const found = blocks.find((b) => b.text.includes(fragment));
  if (!found) throw new Error(`no block contains "${fragment}"`);
  return found;
}

describe('cleanExtractedText on the Điện Biên plan', () => {
  it('turns the all-caps section titles into sentence-case level-1 headings', () => {
    const top = plan.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text);
    expect(top).toEqual(
      expect.arrayContaining(['I. Mục đích, yêu cầu', 'II. Mục tiêu thực hiện', 'IV. Kinh phí thực hiện', 'V. Tổ chức thực hiện']),
    );
    for (const text of top) {
      const title = text.replace(/^[IVXL]+\.\s+/, '');
      expect(title).not.toBe(title.toUpperCase());
    }
  });

  it('reads numbered sub-sections as deeper headings and drops a trailing colon', () => {
    const byText = new Map(plan.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]));
    expect(byText.get('2. Mục tiêu cụ thể')).toBe(2);
    expect(byText.get('2.3. Đến năm 2030')).toBe(3);
    expect(byText.get('2. Sở Văn hoá, Thể thao và Du lịch')).toBe(2);
    expect(headings(plan).some((h) => h.endsWith(':'))).toBe(false);
  });

  it('records the source line where each heading starts', () => {
    const heading = plan.find((b) => b.text === 'V. Tổ chức thực hiện');
    const sourceLine = planLines.findIndex((l) => l.trim() === 'V. TỔ CHỨC THỰC HIỆN') + 1;
    expect(sourceLine).toBeGreaterThan(0);
    expect(heading?.line).toBe(sourceLine);
  });

  it('removes the lone page number in section V.8 and rejoins "đấu tranh"', () => {
    const block = blockContaining(plan, 'báo chí đấu');
    expect(block.text).toContain('báo chí đấu tranh, phản bác những thông tin');
    expect(block.text).not.toMatch(/đấu\s+9\s/);
    expect(plan.some((b) => b.text.trim() === '9')).toBe(false);
  });

  it('joins "57-" at a line end with "NQ/TW" on the next line', () => {
    expect(blockContaining(plan, 'chatbot AI').text).toContain('thực hiện Nghị quyết số 57-NQ/TW (hoàn thành trong năm 2025)');
    expect(blockContaining(plan, 'công tác chỉ đạo, hướng dẫn, thực hiện').text).toContain('Nghị quyết số 57-NQ/TW trên địa bàn tỉnh');
    for (const block of plan) expect(block.text).not.toMatch(/57-\s+NQ/);
  });

  it('joins the lines of a bullet into one block with single spaces', () => {
    const bullet = blockContaining(plan, 'Tạo sự đồng thuận xã hội');
    expect(bullet.kind).toBe('bullet');
    expect(bullet.text).toMatch(/^- Tạo sự đồng thuận xã hội/);
    expect(bullet.text).toContain('Khẳng định vai trò của khoa học, công nghệ');
    expect(bullet.text).not.toMatch(/\s{2,}|\n/);
  });

  it('leaves out the closing formula and the signature block', () => {
    for (const fragment of ['Trên đây là', 'Vừ A Bằng', 'PHÓ CHỦ TỊCH', 'TM. ỦY BAN']) {
      expect(plan.some((b) => b.text.includes(fragment))).toBe(false);
    }
  });

  it('keeps the distribution list as a section of its own, after the last numbered section', () => {
    const index = plan.findIndex((b) => b.kind === 'heading' && b.text === 'Nơi nhận');
    expect(index).toBeGreaterThan(plan.findIndex((b) => b.text === '10. Chế độ báo cáo'));
    expect(plan[index]?.level).toBe(1);
    const recipients = plan.slice(index + 1).map((b) => b.text);
    expect(recipients).toContain('- Bộ KH&CN; Bộ VHTT&DL;');
    expect(recipients.every((t) => t.startsWith('- '))).toBe(true);
  });

  it('keeps the "10. Chế độ báo cáo" heading apart from its body', () => {
    const index = plan.findIndex((b) => b.text === '10. Chế độ báo cáo');
    expect(index).toBeGreaterThan(-1);
    expect(plan[index]?.kind).toBe('heading');
    const body = plan[index + 1];
    expect(body?.kind).not.toBe('heading');
    expect(body?.text).toMatch(/^Định kỳ trước ngày 10\/6 và 10\/12/);
  });

  it('replaces typographic quotes with straight ones', () => {
    expect(plan.some((b) => /[“”]/.test(b.text))).toBe(false);
    expect(blockContaining(plan, 'Bình dân học vụ số').text).toContain('"Bình dân học vụ số"');
  });
});

describe('cleanExtractedText on small inputs', () => {
  it('treats a blank line as a paragraph break in single-spaced text', () => {
    const blocks = cleanExtractedText(
      ['Người dân cần cài ứng dụng VNeID', 'để làm thủ tục trực tuyến', '', 'Tổ công nghệ số cộng đồng hướng dẫn', 'bà con tại nhà văn hóa'].join('\n'),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Người dân cần cài ứng dụng VNeID để làm thủ tục trực tuyến',
      'Tổ công nghệ số cộng đồng hướng dẫn bà con tại nhà văn hóa',
    ]);
    expect(blocks.map((b) => b.line)).toEqual([1, 4]);
  });

  it('does not treat the blank line after every line of a double-spaced extraction as a break', () => {
    const lines = ['Người dân cần cài ứng dụng VNeID', 'để làm thủ tục trực tuyến', 'tại nhà văn hóa xã.', 'Tổ công nghệ số cộng đồng', 'hướng dẫn bà con.'];
    const blocks = cleanExtractedText(lines.map((l) => `${l}\n\n`).join(''));
    expect(blocks.map((b) => b.text)).toEqual([
      'Người dân cần cài ứng dụng VNeID để làm thủ tục trực tuyến tại nhà văn hóa xã.',
      'Tổ công nghệ số cộng đồng hướng dẫn bà con.',
    ]);
  });

  it('starts a new paragraph after a finished sentence', () => {
    const blocks = cleanExtractedText('Câu thứ nhất kết thúc ở đây.\nCâu thứ hai bắt đầu ở đây.');
    expect(blocks.map((b) => b.text)).toEqual(['Câu thứ nhất kết thúc ở đây.', 'Câu thứ hai bắt đầu ở đây.']);
  });

  it('removes a running header repeated on each page and the page numbers, joining the text across pages', () => {
    const raw = [
      'UBND TỈNH ĐIỆN BIÊN',
      'Đoạn văn nói về chuyển đổi số',
      'ở các xã vùng cao',
      '1',
      'UBND TỈNH ĐIỆN BIÊN',
      'tiếp tục ở trang hai',
      'về kỹ năng số',
      '- 2 -',
      'UBND TỈNH ĐIỆN BIÊN',
      'và kết thúc ở trang ba.',
      'Trang 3',
    ].join('\n');
    const blocks = cleanExtractedText(raw);
    expect(blocks.map((b) => b.text)).toEqual([
      'Đoạn văn nói về chuyển đổi số ở các xã vùng cao tiếp tục ở trang hai về kỹ năng số và kết thúc ở trang ba.',
    ]);
  });

  it('keeps a short line that appears only twice', () => {
    const blocks = cleanExtractedText('Hà Nội\n\nHà Nội\n\nlà thủ đô.');
    expect(blocks.map((b) => b.text).join(' ').match(/Hà Nội/g)).toHaveLength(2);
  });

  it('reads "Chương" and "Điều" as headings and "a)" points as separate blocks', () => {
    const raw = [
      'Chương I',
      'QUY ĐỊNH CHUNG',
      '',
      'Điều 1. Phạm vi điều chỉnh',
      '',
      'Nghị định này quy định về hỗ trợ chuyển đổi số.',
      '',
      'Điều 2. Đối tượng áp dụng',
      '',
      'Nghị định áp dụng đối với:',
      'a) Cơ quan nhà nước;',
      'b) Doanh nghiệp',
      'công nghệ số;',
      'c) Người dân.',
    ].join('\n');
    const blocks = cleanExtractedText(raw);
    const chapter = blocks[0];
    expect(chapter?.kind).toBe('heading');
    expect(chapter?.level).toBe(1);
    expect(chapter?.text).toMatch(/^Chương I\b/);
    const articles = blocks.filter((b) => b.kind === 'heading' && b.text.startsWith('Điều'));
    expect(articles.map((b) => [b.text, b.level])).toEqual([
      ['Điều 1. Phạm vi điều chỉnh', 3],
      ['Điều 2. Đối tượng áp dụng', 3],
    ]);
    expect(blocks.find((b) => b.text.startsWith('Nghị định này'))?.kind).toBe('paragraph');
    const points = blocks.filter((b) => /^[a-z]\)/.test(b.text)).map((b) => b.text);
    expect(points).toEqual(['a) Cơ quan nhà nước;', 'b) Doanh nghiệp công nghệ số;', 'c) Người dân.']);
  });

  it('keeps the body of an article whose heading is followed directly by its text', () => {
    // PDF extraction puts "Điều 1. …" on its own line with the article text on the next one.
    const blocks = cleanExtractedText(
      ['Điều 1. Phạm vi điều chỉnh', 'Nghị định này quy định về hỗ trợ chuyển đổi số.', 'Điều 2. Đối tượng áp dụng', 'Người dân và doanh nghiệp.'].join('\n'),
    );
    const body = blocks.filter((b) => b.kind !== 'heading').map((b) => b.text);
    expect(body).toEqual(['Nghị định này quy định về hỗ trợ chuyển đổi số.', 'Người dân và doanh nghiệp.']);
  });

  it('reads a numbered heading on its own line apart from the sentence below it', () => {
    const blocks = cleanExtractedText('1. Mục đích\nNâng cao nhận thức.\n2. Yêu cầu\nTriển khai đồng bộ.');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', '1. Mục đích'],
      ['paragraph', 'Nâng cao nhận thức.'],
      ['heading', '2. Yêu cầu'],
      ['paragraph', 'Triển khai đồng bộ.'],
    ]);
  });

  it('normalises Windows line ends, non-breaking spaces and decomposed letters', () => {
    const blocks = cleanExtractedText('Chuyển\u00A0đổi số\r\nquốc gia.'.normalize('NFD'));
    expect(blocks.map((b) => b.text)).toEqual(['Chuyển đổi số quốc gia.']);
  });

  it('returns no blocks for empty input', () => {
    expect(cleanExtractedText('\n\n  \n')).toEqual([]);
  });
});
