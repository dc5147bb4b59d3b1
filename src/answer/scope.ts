/**
 * @module
 * Whether a question is on the service's subject, and whether it is about an everyday
 * matter the documents do not cover. A passage that shares generic words with a question
 * ("tỉnh", "người dân", "hỗ trợ", "tiền") does not make a divorce procedure, tomorrow's
 * weather or a quick loan answerable: the question's own topic decides.
 */
import { DOMAIN_TERMS, foldDiacritics, tokenizeSegments } from '../text/index.ts';

/** The question's words as written (abbreviations and document numbers read, no synonyms added), folded, one string. */
export function foldedWords(question: string): string {
  return ` ${tokenizeSegments(question)
    .map((segment) => segment.map(foldDiacritics).join(' '))
    .join(' ')} `;
}

/** Whether the question names the service's subject (the resolution, the plans, digital transformation…). */
export function namesSubject(question: string): boolean {
  const text = foldedWords(question);
  return DOMAIN_TERMS.some((t) => text.includes(` ${t} `));
}

/**
 * Everyday matters citizens also ask a government chatbot about (folded phrases). Each is
 * out of scope when the corpus never mentions it; a corpus that does (a province that adds
 * a document on health insurance) makes it answerable again without a code change.
 */
const EVERYDAY_TOPICS = [
  'ly hon', 'ket hon', 'dang ky ket hon', 'khai sinh', 'khai tu', 'ho khau', 'tam tru', 'ho chieu', 'thi thuc',
  'thoi tiet', 'du bao thoi tiet', 'mua bao', 'nhiet do', 'lu lut', 'sat lo',
  'vay von', 'vay tien', 'vay nong', 'vay tieu dung', 'lai suat', 'the tin dung', 'tra gop', 'ngan hang nao',
  'kham benh', 'benh vien', 'thuoc', 'tiem chung', 'bao hiem y te', 'bao hiem xa hoi', 'dau bung', 'sot', 'ho khan',
  'phat nguoi', 'vi pham giao thong', 'bang lai', 'giay phep lai xe', 'dang kiem', 'bien so xe',
  'so do', 'so hong', 'tranh chap dat', 'dat dai', 'giay chung nhan quyen su dung dat', 'xay nha', 'giay phep xay dung',
  'bong da', 'tran dau', 'ty so', 'world cup', 'v league',
  've tau', 've xe', 've may bay', 'lich chay', 'xe khach',
  'nau', 'mon an', 'cong thuc nau', 'pho bo',
  'tuyen sinh lop', 'diem thi', 'diem chuan', 'hoc bong',
  'tien dien', 'hoa don dien', 'tien nuoc', 'cat dien',
  'luong huu', 'luong co so', 'tro cap that nghiep', 'xuat khau lao dong', 'tim viec', 'viec lam them',
  'thue thu nhap', 'quyet toan thue', 'nop thue',
  'gia vang', 'gia xang', 'chung khoan', 'co phieu', 'tien ao', 'bitcoin',
  'xo so', 'ket qua xo so', 'tu vi', 'phong thuy', 'ngay dep', 'xem ngay', 'chuyen nha',
  'tuyen dung', 'thi tuyen', 'thi cong chuc', 'ho kinh doanh', 'dang ky kinh doanh', 'giay phep kinh doanh', 'thanh lap doanh nghiep',
];

/** An everyday topic the question is about and the corpus never mentions (its folded phrase), or null. */
export function everydayTopicOutsideCorpus(question: string, mentioned: (foldedPhrase: string) => boolean): string | null {
  const text = foldedWords(question);
  for (const topic of EVERYDAY_TOPICS) {
    if (text.includes(` ${topic} `) && !mentioned(topic)) return topic;
  }
  return null;
}
