/**
 * @module
 * The domain dictionary: abbreviations, synonyms, stop words and question phrasing.
 * Applied at index and query time alike. Its hash is part of TEXT_VERSION, which the
 * index manifest records, so editing this file rebuilds the index.
 */

/** Abbreviation (matched on its folded form) → the words it stands for. */
export const ABBREVIATIONS: Record<string, string> = {
  'nq': 'nghị quyết',
  'qd': 'quyết định',
  'cds': 'chuyển đổi số',
  // Common in chat: "kênh MXH", "thuế TNCN" (not "ĐNA": it folds to the molecule's DNA).
  'mxh': 'mạng xã hội',
  'qg': 'quốc gia',
  'tncn': 'thu nhập cá nhân',
  'tndn': 'thu nhập doanh nghiệp',
  'vpcp': 'văn phòng chính phủ',
  'cnc': 'công nghệ cao',
  'bmnn': 'bí mật nhà nước',
  'kh': 'kế hoạch',
  'db': 'điện biên',
  'dvhc': 'đơn vị hành chính',
  'xhh': 'xã hội hóa',
  'kp': 'kinh phí',
  'nckh': 'nghiên cứu khoa học',
  'cntt': 'công nghệ thông tin',
  'bttt': 'bộ thông tin và truyền thông',
  'tdkt': 'thi đua khen thưởng',
  'tnsv': 'thanh niên sinh viên',
  'hs': 'học sinh',
  'sv': 'sinh viên',
  'gv': 'giáo viên',
  'dn': 'doanh nghiệp',
  'cp': 'chính phủ',
  'nn': 'nhà nước',
  'ktso': 'kinh tế số',
  'kts': 'kinh tế số',
  'clb': 'câu lạc bộ',
  'ns': 'ngân sách',
  'nsnn': 'ngân sách nhà nước',
  'cq': 'cơ quan',
  'khcn': 'khoa học công nghệ',
  'kh&cn': 'khoa học và công nghệ',
  'khvcn': 'khoa học và công nghệ',
  'dmst': 'đổi mới sáng tạo',
  'khcn&dmst': 'khoa học công nghệ đổi mới sáng tạo',
  'bdhvs': 'bình dân học vụ số',
  'ubnd': 'ủy ban nhân dân',
  'hdnd': 'hội đồng nhân dân',
  'mttq': 'mặt trận tổ quốc',
  'ubmttq': 'ủy ban mặt trận tổ quốc',
  'vhttdl': 'văn hóa thể thao và du lịch',
  'vhtt&dl': 'văn hóa thể thao và du lịch',
  'vh,tt&dl': 'văn hóa thể thao và du lịch',
  'svhttdl': 'sở văn hóa thể thao và du lịch',
  'gd&dt': 'giáo dục và đào tạo',
  'gddt': 'giáo dục và đào tạo',
  'sgddt': 'sở giáo dục và đào tạo',
  'tt&tt': 'thông tin và truyền thông',
  'tttt': 'thông tin và truyền thông',
  'bcd': 'ban chỉ đạo',
  'bcdtw': 'ban chỉ đạo trung ương',
  'tw': 'trung ương',
  'cbccvc': 'cán bộ công chức viên chức',
  'cbcc': 'cán bộ công chức',
  'ccvc': 'công chức viên chức',
  'nv': 'nhiệm vụ',
  'dvc': 'dịch vụ công',
  'dvctt': 'dịch vụ công trực tuyến',
  // A citizen's word for the documents' one.
  'online': 'trực tuyến',
  'app': 'ứng dụng',
  // "top 3 Đông Nam Á": the documents say "nhóm 3 nước dẫn đầu".
  'top': 'nhóm',
  // "xếp hạng bn": how many, as citizens type it.
  'bn': 'bao nhiêu',
  'tthc': 'thủ tục hành chính',
  'gplx': 'giấy phép lái xe',
  'ptt': 'phó thủ tướng',
  'tcnscd': 'tổ công nghệ số cộng đồng',
  'cnscd': 'công nghệ số cộng đồng',
  'csdl': 'cơ sở dữ liệu',
  'kt-xh': 'kinh tế xã hội',
  'ktxh': 'kinh tế xã hội',
  'r&d': 'nghiên cứu và phát triển',
  'gdp': 'gdp',
  'tp': 'thành phố',
  'dbp': 'điện biên phủ',
  'dhbk': 'đại học bách khoa',
  'qh': 'quốc hội',
  'ttg': 'thủ tướng',
  'tbt': 'tổng bí thư',
  'bct': 'bộ chính trị',
  'ptth': 'phát thanh truyền hình',
  'stem': 'stem',
  'iot': 'internet vạn vật',
  'cns': 'công nghệ số',
  'dc': 'được',
  'đc': 'được',
  'gđ': 'giám đốc',
  'kt': 'kinh tế',
  'xh': 'xã hội',
  'tg&dv': 'tuyên giáo và dân vận',
  'vn': 'việt nam',
  // Shorthand citizens type: "sp truyền thông", "bn ng".
  'sp': 'sản phẩm',
  'ng': 'người',
};

/** Words holding a synonym's member that mean something else: a fine ("phạt tiền") is no funding ("kinh phí"). */
export const OTHER_MEANINGS: string[] = ['phạt tiền', 'tiền phạt'];

/** Words that mean the same thing to a citizen; each group is indexed as all its members. */
export const SYNONYMS: string[][] = [
  ['chatbot', 'trợ lý ảo'],
  ['đầu tiên', 'thứ nhất'],
  ['kinh phí', 'ngân sách', 'tiền', 'lấy tiền', 'tiền ở đâu'],
  ['người dân', 'nhân dân', 'bà con'],
  ['đồng bào dân tộc thiểu số', 'người dân tộc'],
  ['xã phường', 'cấp xã'],
  ['km2', 'ki lô mét vuông', 'cây số vuông'],
  ['hiệu lực', 'có giá trị'],
  ['nơi nhận', 'gửi tới', 'gửi đến', 'gửi cho'],
  ['giáp với', 'tiếp giáp', 'biên giới', 'giáp ranh', 'giáp biên giới'],
  ['tôn vinh', 'khen ngợi'],
  ['thiếu nhi', 'con nít', 'tụi nhỏ'],
  ['mã otp', 'mã xác thực', 'mã xác nhận'],
];

/**
 * Words whose first syllable is a function word elsewhere ("thế nào") but here is part of the
 * word: "thế giới" is the world, and dropping "thế" left only "giới" of it.
 */
export const STOP_WORD_COMPOUNDS = new Set(['thế giới', 'thế hệ', 'thế mạnh', 'thế kỷ', 'thế kỉ']);

/** Function words dropped from terms (kept in the stored text). */
export const STOP_WORDS = new Set([
  'và', 'của', 'các', 'những', 'là', 'có', 'được', 'cho', 'với', 'thì', 'mà', 'này', 'đó', 'ấy', 'ở', 'tại',
  'về', 'trong', 'theo', 'để', 'một', 'đã', 'sẽ', 'đang', 'bị', 'rằng', 'nào', 'gì', 'ai', 'hay', 'hoặc',
  'cũng', 'như', 'thế', 'nên', 'vì', 'do', 'nhé', 'ạ', 'ơi', 'vậy', 'hả', 'nhỉ', 'à', 'ư', 'mình', 'tôi',
  'em', 'anh', 'chị', 'bạn', 'ad', 'admin', 'sao', 'đâu', 'khi', 'bao', 'nhiêu', 'mấy', 'phải', 'không',
  'ko', 'k', 'hỏi', 'xin', 'biết', 'muốn', 'cần', 'ra', 'lên', 'vào', 'nữa', 'còn', 'lại', 'thôi', 'đi',
  // Conversational fillers citizens type around a question.
  'ủa', 'cái', 'kiểu', 'đúng', 'nhắc', 'tới', 'thấy', 'nghe', 'nói', 'bảo', 'lo', 'chứ', 'hở', 'hén',
  'nhỉ', 'vầy', 'dzậy', 'j', 'gì', 'thì', 'mấy', 'những', 'nhiều', 'rồi',
  // "bao nhiu": "nhiêu" mistyped.
  'nhiu',
]);

/**
 * Stop words recognised in text typed without tone marks. Only folded forms that no
 * content word shares: "ban" (bạn / ban chỉ đạo), "hoi" (hỏi / xã hội), "dang" (đang / Đảng),
 * "co" (có / cơ quan), "do" (do / độ), "bao" (bao / bảo), "trong" (trong / trọng),
 * "ve" (về / vệ), "duoc" (được / dược), "nao" (nào / não), "biet" (biết / biệt),
 * "rang" (rằng / răng), "anh" (anh / ảnh) and the like stay terms.
 */
export const FOLDED_STOP_WORDS = new Set([
  'va', 'cua', 'cac', 'nhung', 'la', 'voi', 'nay', 'o', 'theo', 'mot',
  'se', 'gi', 'ai', 'hay', 'hoac', 'nhe', 'a', 'oi', 'vay', 'nhi', 'u', 'em', 'ad',
  'admin', 'sao', 'khi', 'nhieu', 'khong', 'ko', 'k', 'xin', 'muon', 'ra', 'len', 'vao',
  'nua', 'ua', 'kieu', 'nhac', 'j', 'ay', 'nhiu',
]);

/** Question phrasing removed from a query before retrieval (matched on folded text). */
export const QUESTION_PHRASES = [
  'cho minh hoi', 'cho em hoi', 'cho toi hoi', 'cho chau hoi', 'cho hoi', 'xin hoi', 'xin cho biet',
  'ad oi', 'admin oi', 'tom lai giup minh', 'giup minh voi', 'giup minh', 'giup em', 'giup toi', 'lam nhung viec gi', 'nhung viec gi', 'lam nhung gi', 'moi nguoi oi', 'vay moi nguoi', 'a moi nguoi', 'ban oi', 'vay ad', 'nhu the nao', 'the nao', 'ra sao', 'la sao',
  'duoc khong', 'phai khong', 'co phai', 'hay khong', 'co khong', 'khong a', 'the thi', 'vay thi', 'ten la gi', 'ten gi',
  // "ai đang giữ chức bí thư" asks who is the secretary; "… nghĩa là gì" asks what it is, not about "có nghĩa là".
  'giu chuc', 'giu vi tri', 'co nghia la gi', 'nghia la gi', 'nghia la sao',
  // How to explain, not what: "giải thích dễ hiểu giúp với" would match "sản phẩm … dễ hiểu" in the plan.
  'giai thich de hieu', 'giai thich ngan gon', 'giai thich giup', 'xin giai thich', 'noi ngan gon', 'gioi thieu ngan gon',
  'giup toi voi', 'giup em voi', 'giup voi',
  'gium minh', 'gium em', 'gium toi', 'gium voi', 'gium',
  // "tổng cộng bao nhiêu trạm": how many in all, as the figure the documents give is.
  'tong cong',
  // "ký hôm nào" asks the date: "hôm" is no word of the documents, which write "ngày".
  'hom nao',
  // "đặt bút ký" is signing.
  'dat but',
  // "báo cáo bao lâu một lần" asks how often: the documents say "định kỳ", "hằng năm", not "lâu" and "lần".
  'bao lau mot lan', 'bao lau 1 lan',
  // "vậy trước đó, hồi đầu 2025 …": when, relative to the earlier answer; the year says it.
  'truoc do',
  // "rốt cuộc bàn về mấy lĩnh vực": how the asker sums up, not what ("cuộc" would match "cuộc cách mạng").
  'rot cuoc',
];

/** Words that mark a question as on the service's subject even when the corpus lacks the answer. */
export const DOMAIN_TERMS = [
  'nghi quyet', 'nq57', 'qd1169', 'nq71', 'nq3', 'nq193', 'chuyen doi so', 'khoa hoc', 'cong nghe',
  'doi moi sang tao', 'binh dan hoc vu so', 'ke hoach', 'truyen thong', 'so hoa', 'dich vu cong',
  'du lieu', 'tri tue nhan tao', 'kinh te so', 'chinh phu so', 'bo chinh tri', 'ban chi dao',
  'nen tang so', 'ky nang so', 'ha tang so', 'cong nghe so', 'xa hoi so', 'sang kien', 'nghien cuu',
  'sang che', 'khoi nghiep', 'ngan sach', 'kinh phi', 'uy ban nhan dan', 'tuyen truyen', 'quyet dinh',
  'bao cao ket qua', 'stem', 'binh dan hoc vu', 'sandbox', 'khoan chi', 'thu nghiem co kiem soat',
  'don vi hanh chinh', 'dan toc thieu so', 'dien tich tu nhien', '5g', 'ha tang vien thong', 'to cong nghe so cong dong', 'vneid', 'binhdanhocvuso', 'dmst', 'cds', 'khcn',
  'chinh phu dien tu', 'tinh uy', 'trung tam dieu hanh thong minh', 'ioc', 'hoc tap so', 'chuong trinh hanh dong',
];
