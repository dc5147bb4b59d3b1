import { Paragraph } from 'docx';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_PAGES, docxBytes, docxParagraphs, PLAN_PAGES, PLAN_WITH_META_PAGES, pdfBytes, scannedPdfBytes } from '../../test/fixtures/published-documents.ts';
import { buildQuery } from '../retrieval/query.ts';
import { CorpusSearcher } from '../retrieval/searcher.ts';
import { buildCorpus, type Corpus } from './corpus.ts';
import { extractDocx, extractPdf } from './extract.ts';
import { corpusHashes, readCorpusFiles, readCorpusSources } from './read-files.ts';

const passagesOf = (corpus: Corpus, documentId: string) => corpus.passages.filter((p) => p.documentId === documentId);
const passageWith = (corpus: Corpus, fragment: string) => corpus.passages.find((p) => p.text.includes(fragment));

describe('PDF and DOCX documents dropped into corpus/documents', () => {
  let dir: string;
  let corpus: Corpus;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-extract-'));
    const documents = join(dir, 'documents');
    mkdirSync(documents);
    writeFileSync(join(documents, 'ke-hoach-tro-ly-ao.pdf'), await pdfBytes(PLAN_PAGES, 'Microsoft Word - KH 45.docx'));
    writeFileSync(join(documents, 'ke-hoach-ky-nang-so.docx'), await docxBytes(docxParagraphs()));
    writeFileSync(join(documents, 'ban-scan.pdf'), await scannedPdfBytes(3));
    writeFileSync(join(documents, 'hong.pdf'), Buffer.from('%PDF-1.7\n\u0001\u0002 not really a PDF \u00ff'));
    writeFileSync(join(documents, 'hong.docx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]));
    writeFileSync(join(documents, 'quyet-dinh-du-lieu.pdf'), await pdfBytes(DECISION_PAGES, 'Quyết định phê duyệt đề án dữ liệu thủ tục hành chính'));
    writeFileSync(join(documents, 'co-metadata.pdf'), await pdfBytes(PLAN_WITH_META_PAGES));
    writeFileSync(
      join(documents, 'co-metadata.meta.yaml'),
      'title: "Kế hoạch số 45/KH-UBND về tổng đài hỏi đáp"\ntype: "Kế hoạch"\nnumber: "45/KH-UBND"\nsigner: "Lò Văn Mừng"\nerrata:\n  - find: "quý III/2026"\n    replace: "quý IV/2026"\n    note: "văn bản sửa đổi lùi thời gian thí điểm"\n',
    );
    corpus = buildCorpus(await readCorpusFiles(dir));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes a PDF under its outline, with bullets rejoined across lines and tone marks intact', () => {
    const purpose = passagesOf(corpus, 'ke-hoach-tro-ly-ao').find((p) => p.text.includes('tra cứu thủ tục hành chính mọi lúc'));
    expect(purpose?.path).toEqual(['I. Mục đích, yêu cầu', '1. Mục đích']);
    expect(purpose?.text).toBe(
      '- Giúp người dân tra cứu thủ tục hành chính mọi lúc, không phải đến trụ sở cơ quan nhà nước.\n- Giảm 30% thời gian chờ giải quyết hồ sơ tại bộ phận một cửa.',
    );
    const data = passagesOf(corpus, 'ke-hoach-tro-ly-ao').find((p) => p.text.includes('1.200 thủ tục'));
    expect(data?.path).toEqual(['II. Nhiệm vụ trọng tâm', '1. Xây dựng kho dữ liệu thủ tục']);
    expect(data?.text).toBe('- Sở Khoa học và Công nghệ chuẩn hoá dữ liệu của 1.200 thủ tục hành chính trước ngày 30/6/2026.');
  });

  it('cleans a PDF like extracted text: no page number, closing formula or signature block', () => {
    const text = passagesOf(corpus, 'ke-hoach-tro-ly-ao')
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Thí điểm trợ lý ảo tại Trung tâm Phục vụ hành chính công tỉnh từ quý III/2026.');
    expect(text).not.toMatch(/^\s*[12]\s*$/m);
    expect(text).not.toContain('Trên đây là');
    expect(text).not.toContain('TM. ỦY BAN');
    expect(passagesOf(corpus, 'ke-hoach-tro-ly-ao').filter((p) => p.text.includes('Lò Văn Mừng'))).toEqual([]);
  });

  it('titles a PDF without metadata from its printed title, ignoring a "Microsoft Word - …" Title property', () => {
    const meta = corpus.documents.find((d) => d.id === 'ke-hoach-tro-ly-ao');
    expect(meta).toMatchObject({
      title: 'Kế hoạch triển khai trợ lý ảo hỗ trợ người dân tra cứu thủ tục hành chính trên địa bàn tỉnh Điện Biên năm 2026',
      type: 'Kế hoạch',
      number: null,
      date: null,
      signer: null,
    });
    const info = passagesOf(corpus, 'ke-hoach-tro-ly-ao').find((p) => p.path[0] === 'Thông tin văn bản');
    expect(info?.text).toContain('Số hiệu: không ghi trong văn bản hiện có');
  });

  it('titles a PDF by its own Title property when that names the document, and takes the type from it', () => {
    expect(corpus.documents.find((d) => d.id === 'quyet-dinh-du-lieu')).toMatchObject({
      title: 'Quyết định phê duyệt đề án dữ liệu thủ tục hành chính',
      type: 'Quyết định',
    });
  });

  it('uses the .meta.yaml beside a PDF, errata included', () => {
    expect(corpus.documents.find((d) => d.id === 'co-metadata')).toMatchObject({ title: 'Kế hoạch số 45/KH-UBND về tổng đài hỏi đáp', number: '45/KH-UBND', signer: 'Lò Văn Mừng' });
    const corrected = passagesOf(corpus, 'co-metadata').find((p) => p.text.includes('tổng đài hỏi đáp tự động'));
    expect(corrected?.path).toEqual(['I. Tổ chức thực hiện']);
    expect(corrected?.text).toContain('từ quý IV/2026. (Đính chính: văn bản sửa đổi lùi thời gian thí điểm)');
    expect(corrected?.text).not.toContain('quý III/2026');
  });

  it('indexes a DOCX under its heading styles, with bulleted and numbered items as bullets', () => {
    const purpose = passageWith(corpus, 'sàn thương mại điện tử');
    expect(purpose?.documentId).toBe('ke-hoach-ky-nang-so');
    expect(purpose?.path).toEqual(['I. Mục đích, yêu cầu', '1. Mục đích']);
    expect(purpose?.text).toBe(
      '- Hộ kinh doanh biết bán hàng trên sàn thương mại điện tử và nhận thanh toán không dùng tiền mặt.\n- Mỗi xã có ít nhất một tổ công nghệ số cộng đồng hướng dẫn người dân.',
    );
    expect(passageWith(corpus, 'Lớp học miễn phí')?.text).toBe('- Lớp học miễn phí, tổ chức vào buổi tối.\n- Tài liệu bằng tiếng Việt và tiếng Thái.');
    expect(passageWith(corpus, 'Lớp học miễn phí')?.path).toEqual(['I. Mục đích, yêu cầu', '2. Yêu cầu']);
  });

  it('makes a numbered DOCX paragraph typed without a heading style a heading too', () => {
    expect(passageWith(corpus, 'Đoàn Thanh niên tỉnh mở 40 lớp')?.path).toEqual(['II. Nhiệm vụ']);
  });

  it('titles a DOCX without metadata from its printed title', () => {
    expect(corpus.documents.find((d) => d.id === 'ke-hoach-ky-nang-so')).toMatchObject({ title: 'Kế hoạch phổ cập kỹ năng số cho hộ kinh doanh năm 2026', type: 'Kế hoạch' });
  });

  it('finds a passage of an extracted PDF and DOCX through the searcher', () => {
    const searcher = new CorpusSearcher(corpus);
    const [pdfHit] = searcher.searchPassages(buildQuery('chuan hoa du lieu thu tuc hanh chinh truoc ngay nao'), 3);
    expect(pdfHit?.passage.documentId).toBe('ke-hoach-tro-ly-ao');
    expect(pdfHit?.passage.path).toEqual(['II. Nhiệm vụ trọng tâm', '1. Xây dựng kho dữ liệu thủ tục']);
    const [docxHit] = searcher.searchPassages(buildQuery('Lớp học có miễn phí không, học vào buổi nào?'), 3);
    expect(docxHit?.passage.documentId).toBe('ke-hoach-ky-nang-so');
    expect(docxHit?.passage.text).toContain('miễn phí');
  });

  it('reports a scanned PDF by name and why, and indexes nothing from it', () => {
    expect(corpus.issues).toContainEqual({
      file: 'documents/ban-scan.pdf',
      line: null,
      message: 'no text layer (scanned PDF?): 3 pages, 0 characters of text; run OCR or add a .txt version',
    });
    expect(corpus.documents.some((d) => d.id === 'ban-scan')).toBe(false);
    expect(passagesOf(corpus, 'ban-scan')).toEqual([]);
  });

  it('reports a corrupt PDF and a corrupt DOCX and still indexes every other file', () => {
    const messages = new Map(corpus.issues.map((i) => [i.file, i.message]));
    expect(messages.get('documents/hong.pdf')).toMatch(/^not a readable PDF: /);
    expect(messages.get('documents/hong.docx')).toMatch(/^not a readable DOCX: /);
    expect(corpus.issues).toHaveLength(3);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(['co-metadata', 'ke-hoach-ky-nang-so', 'ke-hoach-tro-ly-ao', 'quyet-dinh-du-lieu']);
  });
});

describe('extractDocx', () => {
  it('turns heading styles into Markdown headings in sentence case and list items into bullets', async () => {
    const { content, problem } = await extractDocx(await docxBytes(docxParagraphs().slice(3, 10)));
    expect(problem).toBeUndefined();
    expect(content.split('\n\n')).toEqual([
      '# I. Mục đích, yêu cầu',
      '## 1. Mục đích',
      '- Hộ kinh doanh biết bán hàng trên sàn thương mại điện tử và nhận thanh toán không dùng tiền mặt.',
      '- Mỗi xã có ít nhất một tổ công nghệ số cộng đồng hướng dẫn người dân.',
      '## 2. Yêu cầu',
      '- Lớp học miễn phí, tổ chức vào buổi tối.',
      '- Tài liệu bằng tiếng Việt và tiếng Thái.',
    ]);
  });

  it('refuses a PDF of more pages than a plan has, before reading them', async () => {
    expect((await extractPdf(await scannedPdfBytes(1001))).problem).toMatch(/^too many pages to index: 1001/);
  });

  it('reports a DOCX without any text', async () => {
    expect((await extractDocx(await docxBytes([new Paragraph('')]))).problem).toMatch(/^no text in the DOCX/);
  });
});

describe('PDF and DOCX in the corpus hash and beside a text version', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-extract-'));
    mkdirSync(join(dir, 'documents'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes the corpus hash when a PDF\'s text changes, and when a scanned PDF is replaced', async () => {
    const file = join(dir, 'documents', 'ke-hoach.pdf');
    const hashOf = () => corpusHashes(readCorpusSources(dir)).corpusHash;
    writeFileSync(file, await scannedPdfBytes(2));
    const scanned = hashOf();
    writeFileSync(file, await scannedPdfBytes(3));
    const scannedLonger = hashOf();
    writeFileSync(file, await pdfBytes(PLAN_PAGES));
    const text = hashOf();
    writeFileSync(file, await pdfBytes(PLAN_PAGES.map((lines) => lines.map((l) => l.replace('30/6/2026', '31/7/2026')))));
    const edited = hashOf();
    expect(new Set([scanned, scannedLonger, text, edited]).size).toBe(4);
    expect(hashOf()).toBe(edited);
  });

  it('indexes a .txt version beside a scanned PDF instead of the PDF, without an issue', async () => {
    writeFileSync(join(dir, 'documents', 'ke-hoach.pdf'), await scannedPdfBytes(1));
    writeFileSync(join(dir, 'documents', 'ke-hoach.txt'), 'I. MỤC ĐÍCH\n\nVăn bản đã nhận dạng chữ (OCR) từ bản quét.\n');
    writeFileSync(join(dir, 'documents', 'ke-hoach.meta.yaml'), 'title: "Kế hoạch bản quét"\ntype: "Kế hoạch"\n');
    const corpus = buildCorpus(await readCorpusFiles(dir));
    expect(corpus.issues).toEqual([]);
    expect(passageWith(corpus, 'nhận dạng chữ')?.path).toEqual(['I. Mục đích']);
  });
});

describe('extractPdf', () => {
  it('keeps every page\'s text, Vietnamese tone marks included', async () => {
    const { content, problem } = await extractPdf(await pdfBytes(PLAN_PAGES));
    expect(problem).toBeUndefined();
    expect(content).toContain('ỦY BAN NHÂN DÂN');
    expect(content).toContain('II. NHIỆM VỤ TRỌNG TÂM');
    expect(content.normalize('NFC')).toContain('chuẩn hoá dữ liệu của 1.200 thủ tục hành chính');
  });
});

describe('reading the corpus directory', () => {
  it('reports a file it cannot read by name and reads the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-unreadable-'));
    try {
      mkdirSync(join(dir, 'documents'));
      writeFileSync(join(dir, 'documents', 'a.md'), '---\ntitle: "A"\ntype: "Tài liệu"\n---\n# I. Mục\n- Nội dung.\n');
      symlinkSync(join(dir, 'nowhere.pdf'), join(dir, 'documents', 'b.pdf'));
      const sources = readCorpusSources(dir);
      expect(sources.map((s) => s.path)).toEqual(['documents/a.md', 'documents/b.pdf']);
      expect(sources[1]?.problem).toMatch(/^cannot read: ENOENT/);
      expect(sources[0]?.problem).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
