/**
 * @module
 * Whether a question is on the service's subject, and whether it is about an everyday
 * matter the documents do not cover. A passage that shares generic words with a question
 * ("tỉnh", "người dân", "hỗ trợ", "tiền") does not make a divorce procedure, tomorrow's
 * weather or a quick loan answerable: the question's own topic decides.
 */
import { DOMAIN_TERMS, foldDiacritics, hasDiacritics, tokenizeSegments } from '../text/index.ts';

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

/** Terms only the service's own subject uses ("công nghệ", "kế hoạch" are everyone's): folded. */
const OWN_SUBJECT_TERMS = ['nq57', 'qd1169', 'nq71', 'nq193', 'binh dan hoc vu', 'binhdanhocvuso', 'vneid', 'ky nang so', 'to cong nghe so cong dong', 'chuyen doi so', 'doi moi sang tao', 'ban chi dao', 'hoc tap so', 'nen tang so'];

/** Whether the question names the service's own subject by a term no everyday matter uses ("Bình dân học vụ số", "VNeID"). */
export function namesOwnSubject(question: string): boolean {
  const text = foldedWords(question);
  return OWN_SUBJECT_TERMS.some((t) => text.includes(` ${t} `));
}

/**
 * Everyday matters citizens also ask a government chatbot about. Each is out of scope when
 * the corpus never mentions it; a corpus that does (a province that adds a document on
 * health insurance) makes it answerable again without a code change. Written with tone
 * marks: a question with marks is matched as written ("sở đó" is not "sổ đỏ"); one typed
 * without marks is matched folded, except the few whose folded form is also common on the
 * subject ("thuoc": thuộc, "so do": sở đó).
 */
const EVERYDAY_TOPICS = [
  'ly hôn', 'kết hôn', 'đăng ký kết hôn', 'khai sinh', 'khai tử', 'hộ khẩu', 'tạm trú', 'hộ chiếu', 'thị thực',
  'thời tiết', 'dự báo thời tiết', 'mưa bão', 'mưa lũ', 'dự báo mưa', 'trời mưa', 'trời có mưa', 'có mưa không', 'nhiệt độ', 'lũ lụt', 'sạt lở',
  'vay vốn', 'vay tiền', 'vay nóng', 'vay tiêu dùng', 'lãi suất', 'thẻ tín dụng', 'trả góp', 'ngân hàng nào',
  'khám bệnh', 'khám sức khỏe', 'khám sức khoẻ', 'bệnh viện', 'thuốc', 'tiêm chủng', 'bảo hiểm y tế', 'bảo hiểm xã hội', 'đau bụng', 'sốt', 'ho khan',
  'phạt nguội', 'vi phạm giao thông', 'bằng lái', 'giấy phép lái xe', 'đăng kiểm', 'biển số xe',
  'sổ đỏ', 'sổ hồng', 'tranh chấp đất', 'đất đai', 'giấy chứng nhận quyền sử dụng đất', 'xây nhà', 'làm nhà', 'sửa nhà', 'nhà ở', 'giấy phép xây dựng',
  'bóng đá', 'trận đấu', 'đội tuyển', 'đá với ai', 'tỷ số', 'world cup', 'v league',
  'vé tàu', 'vé xe', 'vé máy bay', 'lịch chạy', 'xe khách',
  'nấu', 'món ăn', 'công thức nấu', 'phở bò',
  'bài thơ', 'làm thơ', 'viết thơ', 'bài hát', 'truyện cười', 'kể chuyện cười',
  'tuyển sinh lớp', 'điểm thi', 'điểm chuẩn', 'học bổng', 'học phí', 'ôn thi', 'thi đại học', 'thi tốt nghiệp',
  'món quà', 'tặng quà', 'quà tặng', 'mua bán nhà', 'bán nhà', 'nhà đất',
  'căn cước', 'cccd', 'chứng minh nhân dân', 'cmnd', 'tết âm lịch', 'tết nguyên đán', 'nghỉ tết', 'nghỉ lễ',
  'tiền điện', 'hóa đơn điện', 'tiền nước', 'cắt điện', 'rác thải', 'xử lý rác', 'thu gom rác',
  'lương hưu', 'lương cơ sở', 'trợ cấp thất nghiệp', 'xuất khẩu lao động', 'tìm việc', 'việc làm thêm',
  // Pay and days off: whether a post is paid, whether a day is a holiday.
  'phụ cấp', 'có lương', 'trả lương', 'nhận lương', 'hưởng lương', 'nghỉ làm', 'được nghỉ', 'ngày nghỉ', 'nghỉ học',
  'thuế thu nhập', 'quyết toán thuế', 'nộp thuế',
  'giá vàng', 'giá xăng', 'chứng khoán', 'cổ phiếu', 'tiền ảo', 'bitcoin',
  'xổ số', 'kết quả xổ số', 'tử vi', 'phong thủy', 'ngày đẹp', 'xem ngày', 'chuyển nhà',
  'thi vào lớp', 'vào lớp 10', 'mục đích sử dụng đất', 'đất trồng lúa', 'đất ở',
  'bị hack', 'lấy lại tài khoản', 'lấy lại mật khẩu', 'quên mật khẩu', 'mất tài khoản', 'nên mua', 'nên chọn máy', 'chọn máy nào',
  'tiếp công dân', 'tiếp dân', 'lịch tiếp',
  'tuyển dụng', 'thi tuyển', 'thi công chức', 'hộ kinh doanh', 'đăng ký kinh doanh', 'giấy phép kinh doanh', 'thành lập doanh nghiệp',
].map((topic) => ({ written: ` ${topic} `, folded: ` ${foldDiacritics(topic)} ` }));

/** Folded forms too common on the subject to mean the everyday matter in a question typed without marks ("khai tu": triển khai từ năm 2025; "dat o": đặt ở; "duoc nghi", "ngay nghi": được, ngày Nghị quyết; "nghi lam", "nghi hoc": đề nghị làm, đề nghị học sinh; "phu cap": Chính phủ cấp; "co luong": có lượng). */
const AMBIGUOUS_FOLDED = new Set([' thuoc ', ' so do ', ' sot ', ' nau ', ' nhiet do ', ' khai tu ', ' lam nha ', ' sua nha ', ' nha o ', ' dat o ', ' duoc nghi ', ' ngay nghi ', ' nghi lam ', ' nghi hoc ', ' phu cap ', ' co luong ']);

/** The question's words as written (abbreviations and document numbers read), lower-case, one string. */
function writtenWords(question: string): string {
  return ` ${tokenizeSegments(question)
    .map((segment) => segment.join(' '))
    .join(' ')} `;
}

/** "nhà" opening a longer word: "người làm nhà nước" builds no house, nor does "nhà khoa học". */
const HOUSE_COMPOUND = /^(?:nước|nuoc|khoa|báo|bao|trường|truong|giáo|giao|đầu|dau|mạng|mang|máy|may|quản|quan|nghiên|nghien|sản|san|cung|chức|chuc|văn|van|thơ|tho)(?:\s|$)/;

/** Whether a text (words space-joined, with a space at each end) says a topic's phrase as a whole, not as the start of a longer word. */
function saysTopic(text: string, phrase: string): boolean {
  if (!/(?:^|\s)nh[aà]\s$/.test(phrase)) return text.includes(phrase);
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (!HOUSE_COMPOUND.test(text.slice(at + phrase.length))) return true;
  }
  return false;
}

/** An everyday topic the question is about and the corpus never mentions (its folded phrase), or null. */
export function everydayTopicOutsideCorpus(question: string, mentioned: (foldedPhrase: string) => boolean): string | null {
  const marked = hasDiacritics(question);
  const text = marked ? writtenWords(question) : foldedWords(question);
  for (const topic of EVERYDAY_TOPICS) {
    const asked = marked ? saysTopic(text, topic.written) : saysTopic(text, topic.folded) && !AMBIGUOUS_FOLDED.has(topic.folded);
    if (asked && !mentioned(topic.folded.trim())) return topic.folded.trim();
  }
  return null;
}
