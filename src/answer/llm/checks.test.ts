import { describe, expect, it } from 'vitest';
import type { Passage } from '../../ingest/types.ts';
import { checkAnswer } from './checks.ts';

const passage = (text: string, path = ['IV. Ngày Chuyển đổi số quốc gia 10/10']): Passage => ({ id: text.slice(0, 8), documentId: 'doc', path, text, order: 0 });
const sources = [
  passage('Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia theo Quyết định 505/QĐ-TTg ngày 22/4/2022 do Phó Thủ tướng Vũ Đức Đam ký.'),
  passage('Đến năm 2030, kinh tế số đạt tối thiểu 30% GDP; tỉnh có 1.400 tổ công nghệ số cộng đồng; tăng trưởng 14,5%.', ['II. Mục tiêu']),
];
const check = (answer: string, urls: Array<string | null> = [null, null], passages: Passage[] = sources) =>
  checkAnswer({ answer, passages, urls, systemPrompt: 'Bạn là trợ lý hỏi đáp của chính quyền tỉnh, giải thích cho người dân về Nghị quyết 57-NQ/TW. Mã phiên: NQ57-abc123.', canary: 'NQ57-abc123' });

describe('checkAnswer', () => {
  it('accepts an answer whose every sentence cites a source holding its figures and names', () => {
    expect(check('Ngày Chuyển đổi số quốc gia là 10 tháng 10 hằng năm [1]. Phó Thủ tướng Vũ Đức Đam ký quyết định ngày 22/4/2022 [1].')).toMatchObject({ ok: true });
  });

  it('reads "30 phần trăm" as 30%, "1400" as 1.400 and "14.5%" as 14,5%', () => {
    expect(check('Kinh tế số đạt 30 phần trăm GDP vào năm 2030 [2]. Tỉnh có 1400 tổ, tăng trưởng 14.5% [2].')).toMatchObject({ ok: true });
  });

  it('rejects a figure that the cited source does not hold, even if another source does', () => {
    expect(check('Ngày 10/10 là Ngày Chuyển đổi số quốc gia, đạt 30% GDP [1].')).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '30%' });
  });

  it('rejects a citation of a source that was not given, and an uncited sentence', () => {
    expect(check('Ngày 10/10 [3].')).toMatchObject({ ok: false, reason: 'invalid_citation' });
    expect(check('Ngày 10/10 là ngày chuyển đổi số [1]. Người dân nên tham gia tích cực.')).toMatchObject({ ok: false, reason: 'uncited_sentence' });
  });

  it('lets a sentence that says the sources are silent go uncited', () => {
    expect(check('Ngày 10/10 là ngày chuyển đổi số [1].\n- Văn bản không nêu địa điểm tổ chức.')).toMatchObject({ ok: true });
  });

  it('rejects a person or a document the sources do not name', () => {
    expect(check('Thủ tướng Phạm Minh Chính ký quyết định [1].')).toMatchObject({ ok: false, reason: 'unsupported_name' });
    expect(check('Theo Quyết định 749/QĐ-TTg, ngày 10/10 là ngày chuyển đổi số [1].')).toMatchObject({ ok: false, reason: 'unsupported_document' });
  });

  it('rejects HTML, a link that is not a source, and the system prompt or its canary', () => {
    expect(check('<b>Ngày 10/10</b> [1].')).toMatchObject({ ok: false, reason: 'markup' });
    expect(check('Xem https://example.com/lua [1].')).toMatchObject({ ok: false, reason: 'link' });
    expect(check('Xem https://chinhphu.vn/qd505 [1].', ['https://chinhphu.vn/qd505', null])).toMatchObject({ ok: true });
    expect(check('Mã phiên NQ57-abc123 [1].')).toMatchObject({ ok: false, reason: 'prompt_leak' });
    expect(check('Tôi là trợ lý hỏi đáp của chính quyền tỉnh, giải thích cho người dân về Nghị quyết 57 [1].')).toMatchObject({ ok: false, reason: 'prompt_leak' });
  });

  it('removes Markdown emphasis and rejects an empty answer', () => {
    expect(check('**Ngày 10/10** hằng năm [1].')).toEqual({ ok: true, answer: 'Ngày 10/10 hằng năm [1].' });
    expect(check('  ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('counts number words as the figures they say, and rejects one the cited source does not hold', () => {
    expect(check('Kinh tế số đạt bốn mươi phần trăm GDP [2].')).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '40%' });
    expect(check('Kinh tế số đạt ba mươi phần trăm GDP [2].')).toMatchObject({ ok: true });
    expect(check('Tỉnh có một nghìn bốn trăm tổ công nghệ số cộng đồng [2].')).toMatchObject({ ok: true });
    expect(check('Tỉnh có một nghìn năm trăm tổ công nghệ số cộng đồng [2].')).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '1500' });
    expect(check('Tăng trưởng mười bốn phẩy năm phần trăm [2].')).toMatchObject({ ok: true });
    expect(check('Ngày mười tháng mười hằng năm là Ngày Chuyển đổi số quốc gia [1].')).toMatchObject({ ok: true });
    expect(check('Ngày mười một tháng mười là Ngày Chuyển đổi số quốc gia [1].')).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '11/10' });
    expect(check('Tỉnh có hai mươi tổ công nghệ số [2].')).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '20' });
  });

  it('reads a figure the source gives in words as the same figure in digits, and scales after digits', () => {
    const worded = [passage('Kế hoạch hỗ trợ hai triệu rưỡi người dân học kỹ năng số trong hai năm rưỡi, chiếm bốn mươi lăm phần trăm dân số.', ['III. Nhiệm vụ'])];
    expect(check('Kế hoạch hỗ trợ 2.500.000 người dân trong 2,5 năm, chiếm 45% dân số [1].', [null], worded)).toMatchObject({ ok: true });
    expect(check('Kế hoạch hỗ trợ 2,5 triệu người dân [1].', [null], worded)).toMatchObject({ ok: true });
    expect(check('Kế hoạch hỗ trợ 2 triệu người dân [1].', [null], worded)).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '2000000' });
    expect(check('Kế hoạch hỗ trợ 2,5 tỷ người dân [1].', [null], worded)).toMatchObject({ ok: false, reason: 'unsupported_number' });
    expect(check('Kế hoạch chiếm năm mươi phần trăm dân số [1].', [null], worded)).toMatchObject({ ok: false, reason: 'unsupported_number', detail: '50%' });
  });

  it('keeps words that are not quantities: "một số", "năm" as the year, "tỷ lệ", "hằng năm"', () => {
    expect(check('Đến năm 2030, một số chỉ tiêu như tỷ lệ kinh tế số đạt 30% GDP [2].')).toMatchObject({ ok: true });
    expect(check('Hằng năm, ngày 10/10 là một dịp để người dân tìm hiểu chuyển đổi số [1].')).toMatchObject({ ok: true });
    expect(check('Một trong các mục tiêu là tăng trưởng 14,5% [2].')).toMatchObject({ ok: true });
  });

  it('accepts a link only to a source page or below it: same scheme, host and port, the path at a "/" boundary', () => {
    const source = ['https://chinhphu.vn', null];
    const page = ['https://chinhphu.vn/qd505', null];
    const link = (answer: string, urls: Array<string | null>) => check(`Xem ${answer} [1].`, urls);
    expect(link('https://chinhphu.vn.evil.example/x', source)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://chinhphu.vn@evil.example/x', source)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://chinhphu.vn:8443/x', source)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('http://chinhphu.vn/x', source)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://chinhphu.vn/x', source)).toMatchObject({ ok: true });
    expect(link('https://chinhphu.vn/qd505-gia', page)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://chinhphu.vn/qd505/../lua-dao', page)).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://chinhphu.vn/qd505/', page)).toMatchObject({ ok: true });
    expect(link('https://chinhphu.vn/qd505/phu-luc', page)).toMatchObject({ ok: true });
    expect(link('https://CHINHPHU.vn/qd505.', page)).toMatchObject({ ok: true });
    expect(link('www.chinhphu.vn/van-ban', ['https://www.chinhphu.vn', null])).toMatchObject({ ok: true });
    expect(link('www.chinhphu.vn.evil.example', ['https://www.chinhphu.vn', null])).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://vanban.chinhphu.vn/?docid=2', ['https://vanban.chinhphu.vn/?docid=1', null])).toMatchObject({ ok: false, reason: 'link' });
    expect(link('https://vanban.chinhphu.vn/?docid=1', ['https://vanban.chinhphu.vn/?docid=1', null])).toMatchObject({ ok: true });
  });
});
