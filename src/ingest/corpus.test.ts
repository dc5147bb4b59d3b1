import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { looseForm } from '../text/index.ts';
import { buildCorpus, type Corpus } from './corpus.ts';
import { readCorpusFiles } from './read-files.ts';
import { SECTION_SEPARATOR } from './types.ts';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));
const PLAN = 'ke-hoach-dien-bien-1169';

describe('buildCorpus over the real corpus', () => {
  let corpus: Corpus;

  beforeAll(async () => {
    corpus = buildCorpus(await readCorpusFiles(CORPUS_DIR));
  });

  it('reports no issues', () => {
    expect(corpus.issues).toEqual([]);
  });

  it('indexes the plan, the resolution and the FAQ', () => {
    const ids = corpus.documents.map((d) => d.id);
    expect(ids).toContain(PLAN);
    expect(ids).toContain('nghi-quyet-57-nq-tw');
    expect(corpus.faq.length).toBeGreaterThan(0);
    for (const id of ids) expect(corpus.passages.some((p) => p.documentId === id)).toBe(true);
  });

  it('applies the V.9 erratum: the wrong date appears nowhere', () => {
    for (const p of corpus.passages) expect(p.text).not.toContain('10/10/2022');
  });

  it('states the correct date in the corrected V.9 passage, with a correction note', () => {
    const corrected = corpus.passages.find((p) => p.documentId === PLAN && p.path.join(' ').includes('9. Đề nghị Ủy ban MTTQ') && p.text.includes('Tăng cường tổ chức tuyên truyền'));
    expect(corrected?.text).toContain('Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị');
    expect(corrected?.text).toContain('Đính chính');
  });

  it('links every FAQ entry to a passage of its own document and section', () => {
    const byId = new Map(corpus.passages.map((p) => [p.id, p]));
    for (const entry of corpus.faq) {
      const passage = entry.passageId ? byId.get(entry.passageId) : undefined;
      expect(passage, entry.id).toBeDefined();
      expect(passage?.documentId, entry.id).toBe(entry.document);
      if (entry.section) {
        expect(looseForm(passage?.path.join(SECTION_SEPARATOR) ?? ''), entry.id).toContain(looseForm(entry.section));
      }
    }
  });

  it('adds a "Thông tin văn bản" passage to the plan saying its number and date are unknown', () => {
    const info = corpus.passages.find((p) => p.documentId === PLAN && p.path[0] === 'Thông tin văn bản');
    expect(info).toBeDefined();
    const numberLine = info?.text.split('\n').find((l) => l.includes('Số hiệu')) ?? '';
    expect(numberLine).toMatch(/Số hiệu: không ghi/);
    expect(numberLine).toMatch(/ngày ban hành: không ghi/);
    expect(info?.text).toContain('Vừ A Bằng');
    expect(info?.text).toContain('Ủy ban nhân dân tỉnh Điện Biên');
  });

  it('adds no "Thông tin văn bản" passage to a compiled summary', () => {
    const compiled = corpus.documents.filter((d) => d.compiledBy);
    expect(compiled.length).toBeGreaterThan(0);
    for (const doc of compiled) {
      expect(corpus.passages.some((p) => p.documentId === doc.id && p.path[0] === 'Thông tin văn bản')).toBe(false);
    }
  });

  it('gives every passage a unique id', () => {
    expect(new Set(corpus.passages.map((p) => p.id)).size).toBe(corpus.passages.length);
  });
});

const GOOD_MD = `---
title: "Các ngày kỷ niệm"
type: "Tài liệu tóm lược"
---
# I. Ngày Chuyển đổi số quốc gia
- Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.
`;

const GOOD_ENTRY = (id: string, document = 'ngay-ky-niem', section = 'I. Ngày Chuyển đổi số quốc gia') => `- id: ${id}
  question: "Ngày Chuyển đổi số quốc gia là ngày nào?"
  answer: "Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia."
  document: ${document}
  section: "${section}"
  agency: "Sở Khoa học và Công nghệ"
  reviewed: "2025-10-01"
`;

describe('buildCorpus over a synthetic corpus with problems', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-test-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(path: string, content: string): void {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  async function build(): Promise<Corpus> {
    return buildCorpus(await readCorpusFiles(dir));
  }

  it('indexes a clean synthetic corpus without issues', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    write('faq/faq.yaml', GOOD_ENTRY('ngay-cds'));
    const corpus = await build();
    expect(corpus.issues).toEqual([]);
    expect(corpus.documents.map((d) => d.id)).toEqual(['ngay-ky-niem']);
    expect(corpus.faq.map((f) => f.id)).toEqual(['ngay-cds']);
  });

  it('reports a Markdown document with broken front matter at its line and still indexes the others', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    // Line 3 holds the YAML error.
    write('documents/hong.md', '---\ntitle: "Văn bản hỏng"\ntype: a: b\n---\n# I. Phần\n- Nội dung.\n');
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'documents/hong.md', line: 3 });
    expect(corpus.issues[0]?.message).toMatch(/front matter/);
    expect(corpus.documents.map((d) => d.id)).toEqual(['ngay-ky-niem']);
    expect(corpus.passages.some((p) => p.documentId === 'hong')).toBe(false);
  });

  it('reports front matter that is never closed', async () => {
    write('documents/mo.md', '---\ntitle: "Không đóng"\ntype: x\n# I. Phần\n- Nội dung.\n');
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const corpus = await build();
    expect(corpus.issues).toEqual([expect.objectContaining({ file: 'documents/mo.md', line: 1 })]);
    expect(corpus.documents.map((d) => d.id)).toEqual(['ngay-ky-niem']);
  });

  it('reports metadata missing a required field', async () => {
    write('documents/thieu.md', '---\ntype: "Kế hoạch"\n---\n# I. Phần\n- Nội dung.\n');
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'documents/thieu.md' });
    expect(corpus.issues[0]?.message).toContain('title');
    expect(corpus.documents.map((d) => d.id)).toEqual(['ngay-ky-niem']);
  });

  it('reports one malformed FAQ entry at its line and keeps the good entries', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const bad = `- id: Sai Dinh Dang
  question: "x"
  answer: "ngắn"
  document: ngay-ky-niem
  agency: "Sở"
  reviewed: "2025-10-01"
`;
    const faq = GOOD_ENTRY('mot') + bad + GOOD_ENTRY('hai');
    write('faq/faq.yaml', faq);
    const badLine = faq.split('\n').indexOf('- id: Sai Dinh Dang') + 1;
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'faq/faq.yaml', line: badLine });
    expect(corpus.faq.map((f) => f.id)).toEqual(['mot', 'hai']);
  });

  it('reports a .txt document without its .meta.yaml and still indexes the others', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    write('documents/ke-hoach.txt', 'I. MỤC ĐÍCH\n\nNội dung kế hoạch.\n');
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'documents/ke-hoach.txt', line: null });
    expect(corpus.issues[0]?.message).toContain('ke-hoach.meta.yaml');
    expect(corpus.documents.map((d) => d.id)).toEqual(['ngay-ky-niem']);
  });

  it('indexes a .txt document that has its .meta.yaml', async () => {
    write('documents/ke-hoach.txt', 'I. MỤC ĐÍCH\n\nNội dung kế hoạch về chuyển đổi số.\n');
    write('documents/ke-hoach.meta.yaml', 'title: "Kế hoạch thử"\ntype: "Kế hoạch"\n');
    const corpus = await build();
    expect(corpus.issues).toEqual([]);
    const passage = corpus.passages.find((p) => p.text.includes('Nội dung kế hoạch'));
    expect(passage?.path).toEqual(['I. Mục đích']);
  });

  it('reports a duplicate FAQ id at the line of the second entry and keeps the first', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const faq = GOOD_ENTRY('trung') + GOOD_ENTRY('khac') + GOOD_ENTRY('trung');
    write('faq/faq.yaml', faq);
    const secondLine = faq.split('\n').lastIndexOf('- id: trung') + 1;
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'faq/faq.yaml', line: secondLine });
    expect(corpus.issues[0]?.message).toContain('trung');
    expect(corpus.faq.map((f) => f.id)).toEqual(['trung', 'khac']);
  });

  it('reports an FAQ entry naming an unknown document and keeps the others', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const faq = GOOD_ENTRY('tot') + GOOD_ENTRY('la', 'khong-ton-tai');
    write('faq/faq.yaml', faq);
    const line = faq.split('\n').indexOf('- id: la') + 1;
    const corpus = await build();
    expect(corpus.issues).toHaveLength(1);
    expect(corpus.issues[0]).toMatchObject({ file: 'faq/faq.yaml', line });
    expect(corpus.issues[0]?.message).toContain('khong-ton-tai');
    expect(corpus.faq.map((f) => f.id)).toEqual(['tot']);
  });

  it('reports an FAQ entry naming a section its document does not have', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    const faq = GOOD_ENTRY('tot') + GOOD_ENTRY('lac', 'ngay-ky-niem', 'IX. Không có');
    write('faq/faq.yaml', faq);
    const line = faq.split('\n').indexOf('- id: lac') + 1;
    const corpus = await build();
    expect(corpus.issues).toEqual([expect.objectContaining({ file: 'faq/faq.yaml', line })]);
    expect(corpus.issues[0]?.message).toContain('IX. Không có');
    expect(corpus.faq.map((f) => f.id)).toEqual(['tot']);
  });

  it('matches an FAQ section written with other tone placement or without accents', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    write('faq/faq.yaml', GOOD_ENTRY('khong-dau', 'ngay-ky-niem', 'I. Ngay chuyen doi so quoc gia'));
    const corpus = await build();
    expect(corpus.issues).toEqual([]);
    const passage = corpus.passages.find((p) => p.id === corpus.faq[0]?.passageId);
    expect(passage?.path).toEqual(['I. Ngày Chuyển đổi số quốc gia']);
  });

  it('reports an erratum whose text is not found', async () => {
    write('documents/ke-hoach.txt', 'I. MỤC ĐÍCH\n\nNội dung kế hoạch.\n');
    write(
      'documents/ke-hoach.meta.yaml',
      'title: "Kế hoạch thử"\ntype: "Kế hoạch"\nerrata:\n  - find: "chữ không có"\n    replace: "chữ khác"\n    note: "sửa"\n',
    );
    const corpus = await build();
    expect(corpus.issues).toEqual([expect.objectContaining({ file: 'documents/ke-hoach.meta.yaml' })]);
    expect(corpus.documents.map((d) => d.id)).toEqual(['ke-hoach']);
  });

  it('reports progress once per document and FAQ file', async () => {
    write('documents/ngay-ky-niem.md', GOOD_MD);
    write('documents/hong.md', '---\ntitle: "x"\ntype: a: b\n---\n');
    write('faq/faq.yaml', GOOD_ENTRY('mot'));
    const calls: Array<[number, number, string]> = [];
    buildCorpus(await readCorpusFiles(dir), (done, total, file) => calls.push([done, total, file]));
    expect(calls).toEqual([
      [1, 3, 'documents/hong.md'],
      [2, 3, 'documents/ngay-ky-niem.md'],
      [3, 3, 'faq/faq.yaml'],
    ]);
  });
});

describe('readCorpusFiles', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-read-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns corpus files with "/"-separated relative paths, extracts documents and skips hidden and other files', async () => {
    mkdirSync(join(dir, 'documents', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'faq'));
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'documents', 'a.md'), 'A');
    writeFileSync(join(dir, 'documents', 'sub', 'b.txt'), 'B');
    writeFileSync(join(dir, 'documents', 'sub', 'b.meta.yaml'), 'title: B');
    writeFileSync(join(dir, 'documents', 'c.pdf'), 'binary');
    writeFileSync(join(dir, 'documents', 'd.doc'), 'binary');
    writeFileSync(join(dir, 'documents', '.hidden.md'), 'hidden');
    writeFileSync(join(dir, 'sources', 'original.pdf'), 'binary');
    writeFileSync(join(dir, 'faq', 'faq.yml'), '[]');
    const files = await readCorpusFiles(dir);
    expect(files.map((f) => f.path).sort()).toEqual(['documents/a.md', 'documents/c.pdf', 'documents/sub/b.meta.yaml', 'documents/sub/b.txt', 'faq/faq.yml']);
    expect(files.find((f) => f.path === 'documents/a.md')?.content).toBe('A');
    expect(files.find((f) => f.path === 'documents/c.pdf')?.problem).toMatch(/^not a readable PDF/);
  });
});
