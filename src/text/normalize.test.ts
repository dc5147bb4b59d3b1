import { describe, expect, it } from 'vitest';
import { codePointLength, foldDiacritics, foldedQuestion, hasDiacritics, looseForm, normalizeVietnamese, readCapitals } from './normalize.ts';

describe('normalizeVietnamese', () => {
  it('composes decomposed (NFD) input into NFC', () => {
    const decomposed = 'Nghị quyết'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan('Nghị quyết'.length);
    const result = normalizeVietnamese(decomposed);
    expect(result).toBe('nghị quyết');
    expect(result).toBe(result.normalize('NFC'));
    expect(result.length).toBe('nghị quyết'.length);
  });

  it('lower-cases the text', () => {
    expect(normalizeVietnamese('CHUYỂN ĐỔI SỐ')).toBe('chuyển đổi số');
  });

  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['khoẻ', 'khỏe'],
    ['hoá', 'hóa'],
    ['xoã', 'xõa'],
    ['hoạ', 'họa'],
    ['uỷ', 'ủy'],
    ['tuỳ', 'tùy'],
  ])('moves the tone of an open "%s" syllable to the first vowel ("%s")', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('gives both tone placements the same form inside a sentence', () => {
    expect(normalizeVietnamese('Văn hoá, Thể thao; thuỷ lợi và sức khoẻ')).toBe(
      normalizeVietnamese('Văn hóa, Thể thao; thủy lợi và sức khỏe'),
    );
  });

  it('applies the tone placement to decomposed and upper-case input too', () => {
    expect(normalizeVietnamese('HOÀ'.normalize('NFD'))).toBe('hòa');
    expect(normalizeVietnamese('Thuỷ'.normalize('NFD'))).toBe('thủy');
  });

  it.each(['quỹ', 'quý', 'hoàn', 'khuya', 'ngoài', 'quỳnh'])('leaves "%s" unchanged', (word) => {
    expect(normalizeVietnamese(word)).toBe(word);
  });

  it('reads the Latin capital eth (U+00D0) as the Vietnamese đ', () => {
    const latinEth = '\u00D0iện Biên';
    expect(normalizeVietnamese(latinEth)).toBe('điện biên');
    expect(normalizeVietnamese(latinEth)).toBe(normalizeVietnamese('Điện Biên'));
  });
});

describe('foldDiacritics', () => {
  it('turns đ into d and Đ into D', () => {
    expect(foldDiacritics('đường đi')).toBe('duong di');
    expect(foldDiacritics('Đảng')).toBe('Dang');
  });

  it('removes all five tone marks and the vowel marks', () => {
    expect(foldDiacritics('à á ả ã ạ')).toBe('a a a a a');
    expect(foldDiacritics('ă â ê ô ơ ư')).toBe('a a e o o u');
    expect(foldDiacritics('ặ ẫ ờ ự ỷ ễ')).toBe('a a o u y e');
  });

  it('folds a whole Vietnamese phrase to plain ASCII', () => {
    const folded = foldDiacritics('chuyển đổi số quốc gia, khoa học và công nghệ');
    expect(folded).toBe('chuyen doi so quoc gia, khoa hoc va cong nghe');
    expect(folded).toMatch(/^[\x20-\x7e]*$/);
  });

  it('folds decomposed input the same way as composed input', () => {
    expect(foldDiacritics('nghị quyết'.normalize('NFD'))).toBe('nghi quyet');
  });

  it('leaves text without diacritics as it is', () => {
    expect(foldDiacritics('nq57 2030 abc')).toBe('nq57 2030 abc');
  });

  it('folds a word it remembers (short) as it folds the same word inside a long text', () => {
    const words = ['Điện', 'biên', 'thủy', 'thuỷ'.normalize('NFD'), 'ĐỔI', 'x²', '€5', 'nghị-quyết', 'chuyển_đổi'];
    for (let round = 0; round < 2; round++) {
      const long = foldDiacritics(`${words.join(' ')} ${'và '.repeat(20)}`);
      expect(words.map((w) => foldDiacritics(w)).join(' ')).toBe(long.split(' ').slice(0, words.length).join(' '));
    }
  });
});

describe('hasDiacritics', () => {
  it('is true when folding changes a letter, composed or decomposed', () => {
    for (const text of ['đ', 'Đà Nẵng', 'ệ'.normalize('NFD'), 'hoà', 'abc é']) expect(hasDiacritics(text), text).toBe(true);
  });

  it('is false for ASCII and for characters folding leaves alone', () => {
    for (const text of ['', 'nq57 2030', '€ “quote” – ²', 'tieng viet khong dau']) expect(hasDiacritics(text), text).toBe(false);
  });

  it('agrees with folding on every UTF-16 unit alone, and on letters followed by each combining mark', () => {
    const disagree: string[] = [];
    const check = (text: string) => {
      if (hasDiacritics(text) !== (foldDiacritics(text) !== text.normalize('NFC'))) disagree.push(text);
    };
    for (let unit = 0; unit <= 0xffff; unit++) check(String.fromCharCode(unit));
    for (let mark = 0x300; mark <= 0x36f; mark++) for (const base of ['a', 'đ', 'A', 'ư', '1', ' ']) check(`${base}${String.fromCharCode(mark)}`);
    for (const text of ['Nghị quyết 57', 'nghi quyet 57', 'cafe\u0301', '“Đ”', '²³']) check(text);
    expect(disagree).toEqual([]);
  });
});

describe('looseForm', () => {
  it('folds, lower-cases and collapses whitespace', () => {
    expect(looseForm('  V. Tổ chức   thực\nhiện  ')).toBe('v. to chuc thuc hien');
  });

  it('makes both tone placements and unmarked typing compare equal', () => {
    const a = looseForm('2. Sở Văn hoá, Thể thao và Du lịch');
    expect(looseForm('2. Sở Văn hóa, Thể thao và Du lịch')).toBe(a);
    expect(looseForm('2. so van hoa, the thao va du lich')).toBe(a);
    expect(looseForm('2. Sở Văn hoá, Thể thao và Du lịch'.normalize('NFD'))).toBe(a);
  });

  it('keeps words that differ in letters apart', () => {
    expect(looseForm('Sở Tài chính')).not.toBe(looseForm('Sở Nội vụ'));
  });
});

describe('codePointLength', () => {
  it('counts an emoji outside the BMP as one code point', () => {
    expect('👍'.length).toBe(2);
    expect(codePointLength('👍')).toBe(1);
    expect(codePointLength('ok 👍🏻')).toBe(5);
  });

  it('counts each combining mark of decomposed text as its own code point', () => {
    expect(codePointLength('hoà')).toBe(3);
    expect(codePointLength('hoà'.normalize('NFD'))).toBe(4);
  });

  it('counts a ZWJ emoji sequence by its parts', () => {
    // man, ZWJ, woman, ZWJ, girl
    expect(codePointLength('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}')).toBe(5);
  });

  it('returns 0 for the empty string and the length for plain text', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('Điện Biên')).toBe(9);
  });
});

describe('foldedQuestion', () => {
  it('reads chat shorthand as the words it stands for', () => {
    expect(foldedQuestion('QĐ 1169 là j v?')).toBe('qđ 1169 la gi vay?'.replace('đ', 'd'));
    expect(foldedQuestion('Xã có phải lập KH ko, đc hỗ trợ ntn?')).toBe('xa co phai lap kh khong, duoc ho tro nhu the nao?');
    expect(foldedQuestion('tỉnh có bao nhiu xã')).toBe('tinh co bao nhieu xa');
    expect(foldedQuestion('GĐ sở là ông/bà nào, đ/c nào ký?')).toBe('giam doc so la ong ba nao, dong chi nao ky?');
    expect(foldedQuestion('Sở GD&ĐT')).toBe('so gd&dt');
    expect(foldedQuestion('thế ô ấy ký với tư cách gì, CT hay PCT?')).toBe('the ong ay ky voi tu cach gi, ct hay pho chu tich?');
  });

  it('reads "AI" as artificial intelligence, not as "ai" (who), unless the whole question is in capitals', () => {
    expect(foldedQuestion('tỉnh có dùng chatbot AI không')).toBe('tinh co dung chatbot tri tue nhan tao khong');
    expect(foldedQuestion('AI KÝ NGHỊ QUYẾT 57?')).toBe('ai ky nghi quyet 57?');
    expect(foldedQuestion('Thắt ĐAI LƯNG')).toBe('that dai lung');
  });

  it('reads "k" and "v" as "không" and "vậy" only where they end a question', () => {
    expect(foldedQuestion('được điểm k')).toBe('duoc diem khong');
    expect(foldedQuestion('điểm k của bài thi là gì')).toBe('diem k cua bai thi la gi');
    expect(foldedQuestion('Mục V?')).toBe('muc v?');
    expect(foldedQuestion('là gì v?')).toBe('la gi vay?');
  });

  it('leaves letters inside words and document codes alone', () => {
    expect(foldedQuestion('KH&CN, Kế hoạch 5k, vốn')).toBe('kh&cn, ke hoach 5k, von');
    expect(foldedQuestion('mục V có gì')).toBe('muc v co gi');
  });
});

describe('readCapitals', () => {
  it('reads a department typed by its initials after "Sở" ("Sở TC", "sở nv", "So TC"), and leaves "TC" alone elsewhere', () => {
    expect(readCapitals('Sở TC được giao làm gì?')).toBe('Sở Tài chính được giao làm gì?');
    expect(readCapitals('So TC duoc giao lam gi')).toBe('So Tai chinh duoc giao lam gi');
    expect(readCapitals('sở nv khen thưởng ai?')).toBe('sở Nội vụ khen thưởng ai?');
    // Without marks, in lower case, "so nv" is "số nhiệm vụ".
    expect(readCapitals('nq57 co tong so nv la may nhom')).toBe('nq57 co tong so nv la may nhom');
    expect(readCapitals('Sở NV khen thưởng ai?')).toBe('Sở Nội vụ khen thưởng ai?');
    expect(readCapitals('Tiêu chuẩn TC là gì?')).toBe('Tiêu chuẩn TC là gì?');
    expect(readCapitals('Sở TC&DL')).toBe('Sở TC&DL');
  });
});
