import { describe, expect, it } from 'vitest';
import { analyze, canonicalize, foldDiacritics, markEvidence, normalizeVietnamese, stripQuestionPhrasing, TEXT_VERSION, tokenizeSegments } from './index.ts';

/** Canonical document codes among the content terms: letters immediately followed by digits ("nq57"). */
function documentCodes(text: string): string[] {
  return analyze(text).content.filter((t) => /^\p{L}+\d+$/u.test(t));
}

function foldedTerms(text: string): Set<string> {
  return new Set(analyze(text).terms.filter((t) => t.startsWith('~')));
}

describe('analyze: document numbers', () => {
  it.each(['Nghị quyết số 57-NQ/TW', 'NQ57', 'NQ 57', '57/NQ-TW', 'nghị quyết 57', 'nghi quyet 57', 'nq57', '57-NQ/TW'])(
    'reads "%s" as the resolution code nq57',
    (spelling) => {
      expect(documentCodes(spelling)).toEqual(['nq57']);
    },
  );

  it.each(['1169/QĐ-TTg', 'QĐ 1169', 'quyet dinh 1169', 'Quyết định số 1169', 'qd 1169'])(
    'reads "%s" as the decision code qd1169',
    (spelling) => {
      expect(documentCodes(spelling)).toEqual(['qd1169']);
    },
  );

  it('keeps the code in both term streams so accented and unmarked queries meet', () => {
    const terms = analyze('Nghị quyết số 57-NQ/TW').terms;
    expect(terms).toContain('nq57');
    expect(terms).toContain('~nq57');
  });

  it('keeps different documents apart', () => {
    expect(documentCodes('57-NQ/TW')).not.toEqual(documentCodes('71/NQ-CP'));
    expect(documentCodes('NQ 57')).not.toEqual(documentCodes('QĐ 57'));
  });

  it('does not read a plain date as a document number', () => {
    expect(documentCodes('ngày 22/12/2024')).toEqual([]);
  });
});

describe('host names', () => {
  it('reads a host name as its labels: the "vn" of ".gov.vn" is not Việt Nam, "VN" on its own is', () => {
    expect(tokenizeSegments('Truy cập binhdanhocvuso.gov.vn để học.').flat()).toEqual(['truy', 'cập', 'binhdanhocvuso', 'gov', 'để', 'học']);
    expect(tokenizeSegments('Đến 2045 VN phấn đấu').flat()).toContain('việt');
  });
});

describe('canonicalize', () => {
  it('reads "NQ71/NQ-CP" (the type repeated after the number) as the one code nq71', () => {
    expect(canonicalize(normalizeVietnamese('NQ71/NQ-CP ban hành ngày nào')).split(/\s+/)).toContain('nq71');
    expect(canonicalize(normalizeVietnamese('QĐ 1169/QĐ-TTg')).split(/\s+/)).toContain('qđ1169');
    // A date after the type is not a code's suffix.
    expect(canonicalize(normalizeVietnamese('NQ 10/10')).split(/\s+/)).not.toContain('nq10');
  });

  it('rewrites a number-first document number into its code', () => {
    expect(canonicalize(normalizeVietnamese('Quyết định 1169/QĐ-TTg')).split(/\s+/)).toContain('qđ1169');
  });

  it('rewrites day-month dates into one d/m token', () => {
    const out = canonicalize('ngày 10 tháng 10');
    expect(out.split(/\s+/)).toContain('10/10');
    expect(out).not.toContain('tháng');
  });

  it('reads "tháng 3/2025" as one month-of-year token, as a day and month are one; a question\'s "tháng" before it is phrasing', () => {
    expect(tokenizeSegments('tính đến tháng 03/2025').flat()).toEqual(['tính', 'đến', 'tháng', '3/2025']);
    expect(tokenizeSegments('thang 3 nam 2025').flat()).toEqual(['thang', '3/2025']);
    // A day before the month keeps the full date; a number that is no month stays as written.
    expect(tokenizeSegments('ngày 26 tháng 3 năm 2025').flat()).toContain('26/3/2025');
    expect(tokenizeSegments('Nghị quyết 57/2024').flat()).toContain('57/2024');
    // A passage dated "26/3/2025" need not say "tháng"; "tháng 4 năm 2023" names its year as "21/4/2023" does.
    expect(stripQuestionPhrasing('tính đến cuối tháng 3/2025')).toBe('tính đến 3/2025');
    expect(stripQuestionPhrasing('Tháng 4 năm 2023 tỉnh khai trương gì')).toBe('4/2023 2023 tỉnh khai trương gì');
    // "rốt cuộc" sums up; its "cuộc" is no "cuộc cách mạng".
    expect(stripQuestionPhrasing('Nghị quyết này rốt cuộc bàn về mấy lĩnh vực')).not.toContain('cuộc');
    expect(stripQuestionPhrasing('ngày 26 tháng 3 năm 2025')).toBe('ngày 26 tháng 3 năm 2025');
  });

  it('drops leading zeros of a real date but leaves an impossible one as written', () => {
    expect(canonicalize('ngày 05/06').split(/\s+/)).toContain('5/6');
    expect(canonicalize('ngày 05/13').split(/\s+/)).toContain('05/13');
  });
});

describe('analyze: abbreviations', () => {
  it.each([
    ['CĐS', 'chuyển đổi số'],
    ['cds', 'chuyển đổi số'],
    ['KHCN', 'khoa học công nghệ'],
    ['KH&CN', 'khoa học và công nghệ'],
    ['ĐMST', 'đổi mới sáng tạo'],
    ['BDHVS', 'bình dân học vụ số'],
    ['UBND', 'ủy ban nhân dân'],
    ['MTTQ', 'mặt trận tổ quốc'],
    ['VHTTDL', 'văn hóa thể thao và du lịch'],
    ['GD&ĐT', 'giáo dục và đào tạo'],
    ['sp', 'sản phẩm'],
    ['ng', 'người'],
    ['MXH', 'mạng xã hội'],
    ['TNCN', 'thu nhập cá nhân'],
    ['VPCP', 'văn phòng chính phủ'],
  ])('expands %s to "%s" in the accented and the folded stream', (abbreviation, words) => {
    const terms = analyze(abbreviation).terms;
    for (const word of words.split(' ').filter((w) => w !== 'và')) {
      expect(terms).toContain(word);
      expect(terms).toContain(`~${foldDiacritics(word)}`);
    }
    expect(new Set(terms)).toEqual(new Set(analyze(words).terms));
  });

  it('expands an abbreviation inside a sentence', () => {
    const content = analyze('Kế hoạch của UBND tỉnh').content;
    expect(content).toEqual(expect.arrayContaining(['uy', 'ban', 'nhan', 'dan', 'tinh']));
    expect(content).not.toContain('ubnd');
  });
});

describe('stripQuestionPhrasing: capitals', () => {
  it('keeps "AI" and "TU" readable after the question phrasing is removed (the query is lower-cased there)', () => {
    const marked = analyze(stripQuestionPhrasing('Cho mình hỏi tỉnh có dùng chatbot AI không?')).content;
    expect(marked).toEqual(expect.arrayContaining(['tri', 'tue', 'nhan', 'tao']));
    const bare = analyze(stripQuestionPhrasing('cho minh hoi tinh co dung chatbot AI khong')).terms;
    expect(bare).toEqual(expect.arrayContaining(['~tri', '~tue', '~nhan', '~tao']));
    // Unmarked text stays unmarked: the expansion does not make the question read as marked.
    expect(bare).not.toContain('trí');
  });
});

describe('analyze: "TU"', () => {
  it('reads an upper-case "TU" as Tỉnh ủy, but not "tu" or a document code', () => {
    expect(analyze('Bí thư TU ĐB').content).toEqual(expect.arrayContaining(['tinh', 'uy']));
    expect(analyze('tu nay').content).not.toContain('tinh');
    expect(analyze('Nghị quyết 13-NQ/TU').content).toContain('nq13');
  });
});

describe('analyze: "AI" and "ai"', () => {
  it('reads the upper-case "AI" as trí tuệ nhân tạo', () => {
    expect(analyze('ứng dụng AI').content).toEqual(expect.arrayContaining(['tri', 'tue', 'nhan', 'tao']));
  });

  it('reads the lower-case "ai" of "who signed" as a question word, not as AI', () => {
    for (const question of ['Ai ký Nghị quyết 57?', 'nghị quyết 57 do ai ký']) {
      const content = analyze(question).content;
      expect(content).not.toContain('tri');
      expect(content).not.toContain('tue');
      expect(content).toContain('ky');
    }
  });
});

describe('analyze: text typed without tone marks', () => {
  it.each([
    ['Ngày Chuyển đổi số quốc gia', 'ngay chuyen doi so quoc gia'],
    ['Kế hoạch truyền thông của tỉnh Điện Biên', 'ke hoach truyen thong cua tinh dien bien'],
    ['Bình dân học vụ số', 'binh dan hoc vu so'],
  ])('"%s" and "%s" share their folded terms', (accented, unmarked) => {
    expect(foldedTerms(unmarked)).toEqual(foldedTerms(accented));
  });

  it('keeps accented terms out of the folded namespace', () => {
    const accented = analyze('chuyển đổi số').terms;
    expect(accented).toContain('chuyển');
    expect(accented).toContain('~chuyen');
    expect(accented).not.toContain('chuyen');
  });

  it('gives both tone placements the same accented terms', () => {
    expect(analyze('Sở Văn hoá và sức khoẻ').terms).toEqual(analyze('Sở Văn hóa và sức khỏe').terms);
  });
});

describe('analyze: dates', () => {
  it.each(['10/10', '10-10', '10 tháng 10', '10 thang 10', 'ngày 10/10/2025'])('reads "%s" as the term 10/10', (date) => {
    expect(analyze(date).terms).toContain('10/10');
  });

  it('drops a leading zero so 01/10 and 1/10 meet', () => {
    expect(analyze('01/10').terms).toContain('1/10');
    expect(analyze('1/10').terms).toContain('1/10');
  });

  it('keeps the year of a full date as a term of its own', () => {
    const terms = analyze('ngày 22/12/2024').terms;
    expect(terms).toContain('22/12');
    expect(terms).toContain('2024');
  });
});

describe('analyze: stop words and bigrams', () => {
  it('drops function words from the terms', () => {
    const { terms, content } = analyze('Người dân có được hỗ trợ không');
    for (const stop of ['có', 'được', 'không']) expect(terms).not.toContain(stop);
    expect(content).toEqual(expect.arrayContaining(['nguoi', 'dan', 'ho', 'tro']));
    expect(content).not.toContain('duoc');
    expect(content).not.toContain('khong');
  });

  it('drops unmarked function words that no content word shares', () => {
    const content = analyze('cac xa co ho tro khong').content;
    expect(content).not.toContain('cac');
    expect(content).not.toContain('khong');
    expect(content).toEqual(expect.arrayContaining(['xa', 'co', 'ho', 'tro']));
  });

  it.each([
    ['do', 'nhiet do cao'],
    ['bao', 'bao ve moi truong'],
    ['trong', 'coi trong nhan tai'],
    ['ve', 'an ninh ve sinh'],
    ['duoc', 'nganh duoc'],
    ['nao', 'chan thuong nao'],
    ['biet', 'dac biet'],
    ['anh', 'hinh anh'],
    ['rang', 'rang mieng'],
  ])('keeps unmarked "%s", which may be a content word (%s)', (word, text) => {
    expect(analyze(text).content).toContain(word);
    expect(analyze(text).terms).toContain(`~${word}`);
  });

  it('still drops those words written with their tone marks as function words', () => {
    const content = analyze('do ai ký, bao nhiêu, trong kế hoạch, về việc, được giao, nào, biết').content;
    for (const word of ['do', 'bao', 'trong', 've', 'duoc', 'nao', 'biet']) expect(content).not.toContain(word);
  });

  it('never builds a folded bigram across a dropped stop word (no invented words)', () => {
    const terms = analyze('nguyên nhân nào dẫn tới').terms;
    expect(terms).not.toContain('~nhan dan');
    // The pair across it lives in a namespace of its own, for text typed without marks.
    expect(terms).toContain('^nhan dan');
    expect(analyze('nguyen nhan nao dan toi').terms).toContain('^nhan dan');
  });

  it('keeps the "X là" bigram that starts a definition', () => {
    expect(analyze('An ninh mạng là gì').terms).toContain('mạng là');
    expect(analyze('An ninh mạng là việc bảo vệ').terms).toContain('mạng là');
  });

  it('expands a synonym only as a whole term, never inside another', () => {
    expect(analyze('người dân được gì').terms).toContain('nhân dân');
    expect(analyze('Ủy ban nhân dân tỉnh').terms).not.toContain('người dân');
    expect(analyze('tuyến giáp').terms).not.toContain('biên giới');
    expect(analyze('tinh giap voi lao').terms).toContain('~bien gioi');
    expect(analyze('tien tien').terms).not.toContain('~ngan sach');
  });

  it('does not expand a member another word gives another meaning: a fine ("phạt tiền") is no funding', () => {
    expect(analyze('lấy tiền ở đâu').terms).toContain('ngân sách');
    expect(analyze('có bị phạt tiền không').terms).not.toContain('ngân sách');
    expect(analyze('tiền phạt bao nhiêu').terms).not.toContain('kinh phí');
    // "phát tiền" (money handed out) is funding: the words are read as written.
    expect(analyze('có phát tiền cho người học không').terms).toContain('ngân sách');
  });

  it('reads "54 tr đồng" as millions', () => {
    expect(analyze('khoảng 54 tr đồng').terms).toContain('triệu');
    expect(analyze('luong 3tr').terms).toContain('triệu');
    expect(analyze('tr 5 của tài liệu').terms).not.toContain('triệu');
  });

  it('adds bigrams of adjacent syllables in both streams', () => {
    const terms = analyze('chuyển đổi số').terms;
    expect(terms).toContain('chuyển đổi');
    expect(terms).toContain('đổi số');
    expect(terms).toContain('~chuyen doi');
    expect(terms.some((t) => t.includes(' '))).toBe(true);
  });

  it('does not build a bigram across punctuation', () => {
    const terms = analyze('khoa học. Công nghệ').terms;
    expect(terms).toContain('khoa học');
    expect(terms).toContain('công nghệ');
    expect(terms).not.toContain('học công');
  });

  it('counts repeated words once per occurrence', () => {
    expect(analyze('số số số').terms.filter((t) => t === 'số')).toHaveLength(3);
  });

  it('returns no terms for text made only of stop words and punctuation', () => {
    expect(analyze('và của các ... ?').terms).toEqual([]);
  });
});

describe('stripQuestionPhrasing', () => {
  it('removes "cho mình hỏi" and "vậy ad", keeps the topic and "là gì" (its "X là" marks a definition)', () => {
    const out = stripQuestionPhrasing('Cho mình hỏi Nghị quyết 57 là gì vậy ad?');
    expect(out).toContain('nghị quyết 57 là gì');
    expect(out).not.toMatch(/cho mình hỏi|vậy ad/);
  });

  it('removes the same phrasing typed without tone marks', () => {
    expect(stripQuestionPhrasing('cho minh hoi cds la gi vay ad')).toBe('cds la gi');
  });

  it('keeps the accents of the words it keeps', () => {
    expect(stripQuestionPhrasing('Xin hỏi kinh phí thực hiện như thế nào')).toBe('kinh phí thực hiện');
  });

  it('does not cut a phrase out of the middle of a longer word', () => {
    expect(stripQuestionPhrasing('la gia')).toBe('la gia');
  });

  it('leaves no question words among the analysed terms', () => {
    const content = analyze(stripQuestionPhrasing('cho mình hỏi ngày chuyển đổi số là gì vậy ad')).content;
    for (const word of ['minh', 'hoi', 'la', 'gi', 'vay', 'ad']) expect(content).not.toContain(word);
    expect(content).toEqual(expect.arrayContaining(['ngay', 'chuyen', 'doi', 'so']));
  });
});

describe('TEXT_VERSION', () => {
  it('names the analysis code version and a hash of the dictionary', () => {
    expect(TEXT_VERSION).toMatch(/^\d+-[0-9a-f]{10}$/);
  });
});

describe('markEvidence', () => {
  it('records each stop word and each pair with one, as written, in a namespace of its own', () => {
    const evidence = markEvidence(analyze('Sinh viên có thể đăng ký trong tháng 9.').segments);
    expect(evidence).toEqual(expect.arrayContaining(['%có', '%viên có', '%có thể', '%trong', '%ký trong', '%trong tháng']));
    // Pairs of two content words are the index's own terms already.
    expect(evidence).not.toContain('%thể đăng');
    expect(evidence.every((t) => t.startsWith('%'))).toBe(true);
    // …and never come out of analyze, so a question never searches them.
    expect(analyze('Sinh viên có thể đăng ký').terms.some((t) => t.startsWith('%'))).toBe(false);
  });

  it('says nothing for a text typed without marks', () => {
    expect(markEvidence(analyze('sinh vien co the dang ky').segments)).toEqual([]);
    // …though it holds words spelled like stop words without marks ("trong", "cho", "khi", "do").
    expect(markEvidence(analyze('trong ke hoach cho sinh vien khi can do tinh giao').segments)).toEqual([]);
  });
});

describe('stripQuestionPhrasing: how to explain is not what is asked', () => {
  it('drops "giải thích dễ hiểu giúp với" with or without marks, and keeps the question', () => {
    expect(stripQuestionPhrasing('Cơ chế sandbox là cái gì, giải thích dễ hiểu giúp với')).toBe('cơ chế sandbox là cái gì,');
    expect(stripQuestionPhrasing('co che sandbox la cai gi, giai thich de hieu giup voi')).toBe('co che sandbox la cai gi,');
    // "dễ hiểu" alone is content: the plan asks for products that are easy to understand.
    expect(stripQuestionPhrasing('sản phẩm truyền thông dễ hiểu nào')).toContain('dễ hiểu');
  });
});

describe('analyze: a function word that starts a word', () => {
  it('keeps "thế" of "thế giới" (the world) with its pair, and drops it in "thế nào"', () => {
    expect(analyze('xếp hạng thế giới').terms).toEqual(expect.arrayContaining(['thế giới', '~the gioi']));
    expect(analyze('làm thế nào').terms).not.toContain('thế');
  });
});

describe('canonicalize: an ordinal typed as a digit', () => {
  it('reads "thứ 6" as the documents write it, "thứ sáu", with or without marks, and leaves amounts alone', () => {
    expect(canonicalize('Nhóm nhiệm vụ thứ 6')).toBe('Nhóm nhiệm vụ thứ sáu');
    expect(canonicalize('nhom thu 4')).toBe('nhom thu tu');
    expect(canonicalize('thu 6 tỷ đồng')).toBe('thu 6 tỷ đồng');
    expect(canonicalize('thứ 12')).toBe('thứ 12');
  });
});
