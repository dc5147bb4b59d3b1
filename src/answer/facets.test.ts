import { describe, expect, it } from 'vitest';
import { detectFacets, PLACE_ASKED, questionParts } from './facets.ts';
import { classifyQuestion } from './question-type.ts';

const kinds = (question: string) => detectFacets(question).map((f) => f.kind);

describe('detectFacets', () => {
  it('reads "giao cho" as asking who only when the receiver is not named, and "hạn chót … không" as asking whether', () => {
    expect(kinds('Quyết định này giao cho riêng tỉnh Điện Biên bao nhiêu nhiệm vụ?')).toEqual(['quantity']);
    expect(kinds('Việc tổng hợp báo cáo giao cho ai?')).toEqual(['who']);
    expect(kinds('co danh muc viec kem han chot khong')).toEqual([]);
    expect(kinds('hạn chót nộp báo cáo là ngày nào?')).toEqual(['when']);
  });

  it('reads "Chủ tịch nước nào" as asking a person, not which country', () => {
    expect(kinds('Chủ tịch nước nào đã ký lệnh công bố luật?')).toEqual(['who']);
    expect(kinds('Việt Nam học hỏi nước nào về sandbox?')).toEqual(['where']);
  });

  it('reads "mục đích của … là gì" as asking what for, however many words name what the purpose is of', () => {
    expect(kinds('Mục đích của kế hoạch truyền thông Nghị quyết 57 trên địa bàn tỉnh Điện Biên là gì?')).toEqual(['why']);
    expect(kinds('muc dich cua ke hoach nay la gi')).toEqual(['why']);
    expect(kinds('Ý nghĩa của phong trào Bình dân học vụ số là gì?')).toEqual(['why']);
  });

  it('reads "hiện nay là ai" as one question, a person now, not also how far something has got', () => {
    expect(kinds('Giám đốc Sở Khoa học và Công nghệ tỉnh Điện Biên hiện nay là ai?')).toEqual(['who']);
    // "hiện nay" asked on its own still asks how far.
    expect(kinds('Chỉ tiêu là bao nhiêu, hiện nay đạt tới đâu rồi?')).toEqual(['quantity', 'status']);
  });

  it('reads a rank ("xếp thứ mấy") as a figure, and "đề cập đến những lĩnh vực nào" as what a document is about', () => {
    expect(kinds('Chỉ số DTI năm 2024 của tỉnh xếp thứ mấy?')).toEqual(['quantity']);
    expect(kinds('Nghị quyết 57 đề cập đến những lĩnh vực nào?')).toEqual(['subject']);
  });

  it('reads "sao lại chọn" as why, a second question after "là ngày gì" (which, naming its date, asks what the day is)', () => {
    expect(kinds('Ngày 10/10 là ngày gì vậy mọi người, sao lại chọn đúng ngày đó?')).toEqual(['why']);
    expect(kinds('Ngày 10/10 là ngày gì vậy mọi người')).toEqual(['subject']);
    expect(questionParts('Ngày 10/10 là ngày gì vậy mọi người, sao lại chọn đúng ngày đó?')).toHaveLength(2);
  });

  it('breaks a message at "và" as written, not at "rơi" (folded like "rồi"), and reads "liên hệ số nào" as a contact, "mấy chương" as a count', () => {
    expect(questionParts('Mỗi xã được giao phát bao nhiêu tờ rơi và treo bao nhiêu băng rôn?')).toEqual(['mỗi xã được giao phát bao nhiêu tờ rơi', 'treo bao nhiêu băng rôn']);
    expect(kinds('Trung tâm đặt ở đâu, muốn đăng ký thì liên hệ số nào?')).toContain('contact');
    expect(kinds('luat do chia lam may chuong')).toEqual(['quantity']);
  });

  it('breaks at "và" only where what follows asks something before the next break: "kế hoạch và dự toán" is one thing', () => {
    expect(questionParts('Ai lo tổng hợp kế hoạch và dự toán kinh phí hằng năm, còn ai tham mưu bố trí ngân sách?')).toEqual(['ai lo tổng hợp kế hoạch và dự toán kinh phí hằng năm', 'còn ai tham mưu bố trí ngân sách']);
    expect(questionParts('Mỗi thôn có thể lập mấy tổ và tổ gồm những thành phần nào?')).toEqual(['mỗi thôn có thể lập mấy tổ', 'tổ gồm những thành phần nào']);
  });

  it('never breaks a message inside a name or the resolution\'s refrain ("Sở Khoa học và Công nghệ", "khoa học, công nghệ")', () => {
    expect(questionParts('Cán bộ nào ở Sở Khoa học và Công nghệ phụ trách kế hoạch này, số điện thoại là gì?')).toEqual(['cán bộ nào ở sở khoa học và công nghệ phụ trách kế hoạch này', 'số điện thoại là gì']);
    expect(questionParts('Hạn chót nộp bài dự giải báo chí về khoa học, công nghệ năm 2026 là ngày nào?')).toHaveLength(1);
    expect(questionParts('ai la truong ban chi dao ve khcn va cds, con pho ban la ai')).toEqual(['ai la truong ban chi dao ve khcn va cds', 'con pho ban la ai']);
    expect(questionParts('Sở Giáo dục và Đào tạo làm gì và ai chủ trì?')).toEqual(['sở giáo dục và đào tạo làm gì', 'ai chủ trì']);
    // Two questions still break where they meet.
    expect(questionParts('Quyết định đó ký ngày nào, ai ký?')).toEqual(['quyết định đó ký ngày nào', 'ai ký']);
  });

  it('reads "hiện đang", "bây giờ có bao nhiêu" as dating the figure asked, not as asking how far things have got', () => {
    expect(kinds('trung tam doi moi sang tao cua tinh hien dang ho tro bao nhieu doanh nghiep')).toEqual(['quantity']);
    expect(kinds('Điện Biên bây giờ có bao nhiêu xã, phường?')).toEqual(['quantity']);
    expect(kinds('Chỉ tiêu là bao nhiêu, hiện đạt tới đâu rồi?')).toEqual(['quantity', 'status']);
  });

  it('reads "là ông bà nào" as asking who, "hiện nay" there dating the person', () => {
    expect(kinds('chu tich uy ban mat tran to quoc tinh hien nay la ong ba nao')).toEqual(['who']);
  });

  it('reads "bn?" at the end as how many, and "đồng chí nào" as who', () => {
    expect(kinds('NQ57 đặt mức chi cho R&D là bn?')).toEqual(['quantity']);
    expect(kinds('Nghị quyết đó do đồng chí nào ký?')).toEqual(['who']);
  });

  it('keeps "số nhà khoa học", "chưa đạt ở chỗ nào", "thực hiện được bao nhiêu" and "chào bn" as what they are', () => {
    expect(kinds('Số nhà khoa học trẻ được tỉnh hỗ trợ là bao nhiêu?')).toEqual(['quantity']);
    expect(kinds('Trung tâm đặt ở chỗ nào?')).toEqual(['where']);
    expect(kinds('Việc truyền thông còn chưa đạt ở chỗ nào?')).toEqual([]);
    expect(kinds('Đã thực hiện được bao nhiêu nhiệm vụ, hiện đạt tới đâu?')).toEqual(['quantity', 'status']);
    expect(kinds('Chào bn, NQ57 ban hành ngày nào?')).toEqual(['when']);
    expect(questionParts('Ai ký NQ57 và Sở nào chủ trì?')).toEqual(['ai ký nq57', 'sở nào chủ trì']);
  });

  it('reads "ai cũng", "không ai" and "bất kỳ ai" as everyone or no one, not as asking who', () => {
    expect(kinds('Thế có phải ai cũng được miễn thuế ko?')).toEqual([]);
    expect(kinds('Kế hoạch yêu cầu bảo đảm điều gì để không ai bị thiệt thòi?')).toEqual([]);
    expect(kinds('bat ky ai cung hoc duoc khong')).toEqual([]);
    expect(kinds('ai ky nghi quyet')).toEqual(['who']);
    expect(classifyQuestion('Có phải ai cũng được miễn thuế không?')).toBe('general');
  });

  it('never breaks "bà con" (people) typed with marks before "con" as if it were "còn"', () => {
    expect(questionParts('Ở xã mình đã có bao nhiêu bà con được cấp chứng chỉ Bình dân học vụ số rồi ạ?')).toHaveLength(1);
    expect(questionParts('Nhóm NV thứ 6 là gì, còn nhóm thứ 4 thì sao?')).toHaveLength(2);
    expect(questionParts('nhom 6 la gi con nhom 4 thi sao')).toHaveLength(2);
  });

  it('reads "ngày 01/10 là ngày gì" (a question that names its date) as asking what the day is, not when', () => {
    expect(kinds('Theo trang này thì ngày 01/10 cần được hiểu là ngày gì?')).toEqual(['subject']);
    expect(classifyQuestion('Ngày 01/10 là ngày gì?')).toBe('definition');
    expect(classifyQuestion('Ngày Chuyển đổi số quốc gia là ngày gì?')).toBe('date');
  });

  it('reads "AI" typed in capitals as artificial intelligence in each question of a message, not as "ai" (who)', () => {
    const parts = questionParts('Học trên binhdanhocvuso có bị AI giám sát không, học xong có được cấp chứng chỉ không?');
    expect(parts).toEqual(['học trên binhdanhocvuso có bị trí tuệ nhân tạo giám sát không', 'học xong có được cấp chứng chỉ không']);
    expect(kinds(parts[0] as string)).toEqual([]);
    expect(kinds('ai ký nghị quyết 57')).toEqual(['who']);
  });

  it('still breaks a message typed without marks but for a name at "va"', () => {
    expect(questionParts('Điện Biên co bao nhieu to cong nghe so cong dong va nghi quyet 57 ban hanh ngay nao')).toHaveLength(2);
  });

  it('reads "được tổ chức ở đâu", "được đặt ở đâu" as a place asked, and "chưa đạt ở chỗ nào" as none', () => {
    expect(PLACE_ASKED.test('hoi nghi ngay 13/9/2025 duoc to chuc o dau')).toBe(true);
    expect(PLACE_ASKED.test('tram 5g duoc dat o dau')).toBe(true);
    expect(PLACE_ASKED.test('viec truyen thong con chua dat o cho nao')).toBe(false);
  });

  it('reads "muốn đạt được điều gì" as asking what for', () => {
    expect(kinds('tinh dien bien ra ke hoach truyen thong nay rot cuoc muon dat duoc dieu gi')).toEqual(['why']);
  });
});

describe('questionParts: "còn … thì sao?"', () => {
  it('is a question of its own', () => {
    expect(questionParts('Nhóm NV thứ 6 trong NQ57 nói về j, còn nhóm thứ 4 thì sao?')).toHaveLength(2);
  });

  it('is "still" after words that ask nothing themselves: "hiện giờ … còn bao nhiêu bản", "có còn phải …"', () => {
    expect(questionParts('Hiện giờ ở Điện Biên còn bao nhiêu bản chưa có điện lưới vậy?')).toHaveLength(1);
    expect(questionParts('nghi quyet 03/NQ-CP bay gio con hieu luc khong')).toHaveLength(1);
    expect(questionParts('Khi áp dụng cơ chế này, tổ chức chủ trì có còn phải quyết toán kinh phí không?')).toHaveLength(1);
    expect(questionParts('Chủ tịch UBND tỉnh là ai, còn bí thư là ai?')).toHaveLength(2);
    expect(questionParts('NQ57 ban hành bao giờ còn NQ71 ban hành bao giờ?')).toHaveLength(2);
  });
});

describe('questionParts: "gì cả" (at all)', () => {
  it('is not a question: "chưa làm chuyển đổi số gì cả, vậy … có bị xử phạt không?" asks one thing', () => {
    expect(questionParts('Em có cái xưởng mộc nhỏ, chưa làm chuyển đổi số gì cả, vậy theo NQ57 em có bị xử phạt không ạ?')).toHaveLength(1);
    expect(questionParts('NQ57 là gì, ai ký?')).toHaveLength(2);
  });
});

describe('detectFacets: "ở tỉnh thành nào"', () => {
  it('asks a place', () => {
    expect(detectFacets('ngay hoi doi moi sang tao quoc gia nam 2025 to chuc o tinh thanh nao').map((f) => f.kind)).toContain('where');
    expect(detectFacets('Ngày hội năm 2025 diễn ra ở tỉnh thành nào?').map((f) => f.kind)).toContain('where');
  });
});

describe('questionParts: a yes/no question opened before a comma', () => {
  it('is one question when what follows only closes it', () => {
    expect(questionParts('Kế hoạch này có nói mỗi xã được cấp bao nhiêu tiền để làm pano, áp phích tuyên truyền không?')).toHaveLength(1);
    expect(questionParts('nam 2025 quyet dinh 1169 co lam kenh truyen hinh hay mang xa hoi nao cho tre con khong?')).toHaveLength(1);
    expect(questionParts('Sandbox thực chất là gì, có bị giới hạn thời gian không?')).toHaveLength(2);
    expect(questionParts('Kế hoạch có giao Sở KHCN tổ chức sự kiện không, có giao Báo ĐBP đăng bài không?')).toHaveLength(2);
    expect(questionParts('Sandbox có thời hạn, có bị giám sát không?')).toHaveLength(2);
    expect(questionParts('Kế hoạch có nói Báo ĐBP được bao nhiêu tiền, lấy từ đâu không?')).toHaveLength(2);
  });
});

describe('detectFacets: "cq nào"', () => {
  it('reads "cq" as "cơ quan": a body asked', () => {
    expect(detectFacets('Quỹ đầu tư mạo hiểm theo NQ57 có vốn bn tỷ, cq nào quản lý?').map((f) => f.kind)).toEqual(['quantity', 'who']);
  });
});
