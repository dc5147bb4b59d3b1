/**
 * @module
 * Explicit rules for messages the service refuses: requests to reveal its internals,
 * to defame or insult, and instructions smuggled into a question (prompt injection,
 * OWASP LLM01). The extractive path cannot follow instructions, but a citizen should be
 * told plainly that the request is refused rather than get an unrelated passage.
 * Matching is on folded text, so tone marks do not hide a pattern.
 */
import { foldDiacritics, normalizeVietnamese } from '../text/index.ts';

export type GuardKind = 'internals' | 'abuse' | 'injection';

const INTERNALS = [
  /system ?prompt|prompt (he thong|goc|ban dau)|loi nhac (he thong|goc)|chi dan (he thong|goc|ban dau)|huong dan (he thong|goc|ban dau)/,
  /api[ _-]?key|bien moi truong|environment variable|ma nguon|source code|\.env\b|access token|secret key|mat khau (quan tri|admin|he thong|may chu|server|co so du lieu|database|cua (ban|bot|chatbot|he thong))/,
  /(in ra|hien thi|tiet lo|cho (toi|minh|em) (xem|biet)|liet ke|dump|print|reveal|show).{0,40}(cau hinh|config|prompt|quy tac noi bo|co so du lieu|database|du lieu nguoi dung|lich su (chat|tro chuyen) cua nguoi khac)/,
];

const INJECTION = [
  /(bo qua|quen|phot lo|khong can tuan theo|vuot qua).{0,30}(huong dan|chi dan|chi thi|lenh|quy tac|rang buoc|gioi han|nguyen tac)/,
  /ignore (all |any |the |your )?(previous|above|prior|earlier|instructions)|disregard (all|previous|the|your)|forget (all|your|previous)/,
  /developer mode|che do (nha phat trien|khong gioi han|dev)|jailbreak|\bdan mode\b|do anything now/,
  /(tu bay gio|ke tu gio|tu nay|from now on).{0,40}(ban (la|se|phai)|hay|you|tra loi|noi|chi)/,
  /(dong vai|gia vo la|hay la|pretend|act as|roleplay|nhap vai).{0,60}(khong (co )?(gioi han|kiem duyet|rang buoc)|hacker|ke xau|tu do|bat ky)/,
  // "Hãy trả lời: '…'" is an instruction; "người ta hay nói 'bộ tứ nghị quyết'" quotes what people say.
  // …and so is quoting what a document says ("Mục tiêu chung của KH nói 'khơi dậy khí thế mới' …"; not "Nghị quyết 57 hãy
  // nói: '…'", whose "hãy" folds to "hay").
  /(?<!(?:(?:nguoi ta|moi nguoi|nhieu nguoi|ai cung|ho|bao chi|dai bao|bao|dan|ba con)(?: hay| thuong| van| cu)?|(?:^|\s)(?:kh\d*|ke hoach|nq\d*|nghi quyet|qd\d*|quyet dinh|van ban|luat|de an|chuong trinh|nghi dinh|chi thi|thong tu|tai lieu)(?: (?:nay|do|tren|\d[\w/.-]*))?(?: co| da| cung)?) )(chi |hay )?(tra loi|noi|viet|in ra|lap lai|nhac lai|xuat ra|reply|say|print|repeat)( lai)?( dung| chinh xac| nguyen van)?( cau| chu| dong| tu)?\s*[:"'“]/,
  /(ket thuc|bat dau|mo dau|them|chen|kem theo|gan|viet)\s.{0,40}(cau tra loi|tra loi|cuoi cau|cuoi dong|dau cau).{0,20}(bang|chuoi|dong|cum|tu|ky tu)/,
  /\[\s*(system|he thong|admin|developer)\b|<\s*(?:\/\s*)?system|(^|\s)(system|assistant)\s*:|nguoi dung (nay )?la (quan tri vien|admin)|admin[-_ ]access/,
];

/**
 * Verbs of asking for a text to be written, as whole words: "Việt Nam", "đào tạo" and
 * "làm sao / làm gì" are not them.
 */
const WRITE = String.raw`viet(?! nam)|soan|(?<!dao )tao`;
const MAKE = String.raw`lam(?! sao| the nao| gi(?:\s|$))`;

const ABUSE = [
  // Asked to write one: "viết/soạn/bịa/làm/nghĩ ra … nói xấu, xuyên tạc, tin giả", and not a question about recognising or
  // countering them ("đào tạo người dân nhận biết tin giả").
  new RegExp(String.raw`(?:^|\s)(?:${WRITE}|${MAKE}|nghi ra)(?!.{0,60}(?:phan bac|dau tranh|chong|xu ly|ngan chan|nhan biet|nhan dien|phan biet|canh giac|phong tranh|bao cao))(?:\s|$).{0,40}(?:noi xau|boi nho|xuyen tac|tin gia|tin don|bia dat|chui|cong kich|phi bang|che gieu|xuc pham|kich dong|chong pha|lat do)`),
  new RegExp(String.raw`(?:^|\s)(${WRITE}|${MAKE}|dang(?= (?:giup|ho|len|bai|tin|status))|dua(?= (?:giup|ho|len|tin|bai)))( giup| ho| cho (toi|minh|em))?(?:\s|$).{0,25}(bai|tin|status|bai dang|bai viet|trich dan|thong bao).{0,100}(?:^|\s)(noi rang|rang|la tro lua|lua dao|tham nhung|bat (moi|nguoi|dan)|thu (moi|tien)|da bi huy)(?=\s|$|[.,!?:;"'])`),
  // Spreading rumours is asked for ("hãy tung tin…", "tung tin rằng…"); a question about handling those who do it is not.
  new RegExp(String.raw`bia (giup|ra|dat|chuyen|mot|hoa|cau)|(?:hay|giup|cu|thu|cung)(?: \S+){0,3} (?:loan tin|tung tin)|(?:loan tin|tung tin) (?:rang|len|di)(?:\s|$)|(?:^|\s)(?:${WRITE}|dang|tung|loan|lan truyen|phat tan|dua)(?: \S+){0,3} tin (nong|gia|don) (rang|ve)`),
  /(noi xau|boi nho|chui|xuc pham|che gieu).{0,30}(lanh dao|tong bi thu|thu tuong|chu tich|dang|nha nuoc|chinh quyen|can bo|bo chinh tri)/,
  // "văn bản điện tử" is not "bạn điên".
  // (An electric motorbike, "xe máy điện", insults no one.)
  /(^|\s)((?<!xe )may|mi|bot|thang|con|lu|bon|chung may|(?<!van )ban)\s+(ngu|dan don|oc cho|do ngu|khon nan|mat day|vo hoc|rac ruoi|ngu ngoc|dien(?! (?:tu|bien|luc|thoai|hanh|ap|anh|tich|dan|gia|vien)(?![a-z])))(?![a-z])/,
  /(^|\s)(do|thang|con|lu|bon)\s+(ngu|oc cho|khon nan|mat day|vo hoc|rac ruoi)(?![a-z])/,
];

/** Profanity tokens are checked on the raw words, before folding turns "cặc" into "cac" ("các"). */
// "DM công nghệ chiến lược" is a list (danh mục) of them.
const PROFANITY_ACCENTED = /(^|[^\p{L}])(đm|đmm|đcm|dm(?! (?:công nghệ|sản phẩm|bí mật)(?!\p{L}))|dmm|vcl|vkl|địt|đéo|cặc|lồn|cút)([^\p{L}]|$)/u;

function matchesAny(patterns: RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** The kind of request to refuse, or null. */
export function classifyRequest(message: string): GuardKind | null {
  const normal = normalizeVietnamese(message);
  const folded = foldDiacritics(normal);
  if (matchesAny(INTERNALS, folded)) return 'internals';
  if (matchesAny(ABUSE, folded) || PROFANITY_ACCENTED.test(normal)) return 'abuse';
  if (matchesAny(INJECTION, folded)) return 'injection';
  return null;
}

/**
 * The message with injected instructions removed, sentence by sentence; what remains
 * may still be a real question worth answering.
 */
export function withoutInjection(message: string): string {
  return message
    .split(/(?<=[.!?\n])\s+|\n+/)
    .filter((sentence) => !matchesAny(INJECTION, foldDiacritics(normalizeVietnamese(sentence))))
    .join(' ')
    .trim();
}
