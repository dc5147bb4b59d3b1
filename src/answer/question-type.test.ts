import { describe, expect, it } from 'vitest';
import { askedPost, asksForPerson, classifyQuestion, dayNamed, holdsAnswerType, holdsFacet } from './question-type.ts';

describe('holdsAnswerType: a count asked by its unit', () => {
  const holds = (text: string, question: string) => holdsAnswerType('quantity', text, question);

  it('needs a number, or a count in words, before the unit asked', () => {
    expect(holds('Tỉnh Điện Biên có 45 xã, phường.', 'Tỉnh có bao nhiêu xã?')).toBe(true);
    expect(holds('Năm quan điểm chỉ đạo của Nghị quyết.', 'Nghị quyết có bao nhiêu quan điểm?')).toBe(true);
    expect(holds('Đạt 80% người dân.', 'bao nhiêu phần trăm người dân')).toBe(true);
    expect(holds('Luật gồm 73 điều.', 'luat co bao nhieu dieu')).toBe(true);
    expect(holds('Luật gồm 73 điều.', 'Luật có bao nhiêu chương?')).toBe(false);
    // A range counts: "40–50 tổ chức".
    expect(holds('Việt Nam phấn đấu có khoảng 40–50 tổ chức khoa học, công nghệ được xếp hạng.', 'có bao nhiêu tổ chức KHCN được xếp hạng?')).toBe(true);
  });

  it('does not take a word that only folds to a count ("sau": after, "tâm", "năm" of a year) for one', () => {
    for (const text of ['Sau đó các xã được sắp xếp lại.', 'Trung tâm hành chính xã mới.', 'Năm 2025, các xã phải ban hành kế hoạch.']) {
      expect(holds(text, 'Tỉnh có bao nhiêu xã?')).toBe(false);
    }
  });

  it('counts staff, certificates, stations and documents by their unit, and people by any kind of people', () => {
    expect(holds('Trung tâm là bước cụ thể để triển khai Nghị quyết 57.', 'Trung tâm có bao nhiêu cán bộ, nhân viên?')).toBe(false);
    expect(holds('Hơn 50.000 người dân được hướng dẫn kỹ năng số.', 'da cap bao nhieu chung chi ky nang so')).toBe(false);
    expect(holds('Tỉnh có 1.097 trạm phát sóng, trong đó 38 trạm 5G.', 'có bao nhiêu trạm 5G?')).toBe(true);
    expect(holds('Hội nghị có gần 1 triệu cán bộ, đảng viên theo dõi.', 'co bao nhieu nguoi theo doi')).toBe(true);
    expect(holds('Nền tảng phục vụ 400.000 người học cùng lúc.', 'bao nhiêu người học cùng lúc?')).toBe(true);
    expect(holds('Nền tảng ra mắt ngày 26/3/2025.', 'bao nhiêu người học cùng lúc?')).toBe(false);
  });

  it('answers a prize\'s money value only with an amount of money, not a share of the budget', () => {
    const share = 'Nhà nước bố trí ít nhất 3% tổng chi ngân sách hằng năm cho khoa học, công nghệ.';
    expect(holds(share, 'Giải thưởng có mức thưởng bằng tiền là bao nhiêu?')).toBe(false);
    expect(holds(share, 'giải nhất trị giá bn tiền?')).toBe(false);
    expect(holds('Giải nhất được thưởng 20 triệu đồng.', 'giải nhất trị giá bn tiền?')).toBe(true);
  });

  it('needs an amount of money for a wage or a fine, but not for "lượng", "số lượng" or "tăng lương" typed as a count', () => {
    const share = 'Nhà nước bố trí ít nhất 3% tổng chi ngân sách hằng năm cho khoa học, công nghệ.';
    for (const q of ['Lương của nhà khoa học theo NQ57 là bao nhiêu?', 'luong cua nha khoa hoc la bn?', 'Theo NQ57, tăng lương cho nhà khoa học là bao nhiêu?', 'Vi phạm thì mức phạt là bao nhiêu?']) {
      expect(holds(share, q)).toBe(false);
    }
    const count = 'Tỉnh Điện Biên có khoảng 550.000 thuê bao di động.';
    for (const q of ['Lượng thuê bao di động ở Điện Biên là bao nhiêu?', 'Số lượng thuê bao di động là bao nhiêu?', 'so luong thue bao di dong la bao nhieu']) {
      expect(holds(count, q)).toBe(true);
    }
  });

  it('does not take a document named by its number ("Quyết định 1169", "NQ 57") for an amount', () => {
    expect(holds('Các chương trình bằng tiếng Thái là kênh phù hợp theo Quyết định 1169.', 'tần số bao nhiêu?')).toBe(false);
    expect(holds('NQ 57 và Luật 93 được nhắc tới.', 'có bao nhiêu?')).toBe(false);
    expect(holds('Quyết định 1169 giao 5 nhiệm vụ.', 'có bao nhiêu?')).toBe(true);
  });

  it('reads "máy" typed with marks as a machine, not as "mấy" counting provinces', () => {
    expect(holds('Trang bị máy tính cho 300 trường.', 'Có bao nhiêu máy tính?')).toBe(true);
  });
});

describe('holdsAnswerType: a phone number asked', () => {
  it('is held by a phone or toll-free number, not by a website', () => {
    expect(holdsAnswerType('contact', 'Gọi tổng đài 1900 1234 để được hỗ trợ.', 'Tổng đài số mấy?')).toBe(true);
    expect(holdsAnswerType('contact', 'Truy cập binhdanhocvuso.gov.vn.', 'Tổng đài số mấy?')).toBe(false);
    expect(holdsAnswerType('contact', 'Truy cập binhdanhocvuso.gov.vn.', 'Địa chỉ trang web là gì?')).toBe(true);
  });
});

describe('classifyQuestion: a street address or opening hours asked', () => {
  it('is a contact question, and "số nhà" is not the start of "số nhằm"', () => {
    expect(classifyQuestion('Trung tâm đặt ở đường nào, giờ làm việc thế nào?')).toBe('contact');
    expect(classifyQuestion('trung tam o so nha may')).toBe('contact');
    expect(classifyQuestion('Trung tâm ở số nhà đường nào?')).toBe('contact');
    expect(classifyQuestion('Tỉnh có bao nhiêu nhà khoa học?')).not.toBe('contact');
    expect(classifyQuestion('Số nhà khoa học của tỉnh là bao nhiêu?')).not.toBe('contact');
    expect(classifyQuestion('Phong trào Bình dân học vụ số nhằm mục đích gì?')).not.toBe('contact');
  });
});

describe('holdsFacet: how far things have got', () => {
  it('reads "hiện", "đã", "đạt" as a state reached, but not "hiện đại" (modern)', () => {
    expect(holdsFacet('status', 'Hiện tỉnh đã có 38 trạm 5G.', '', 'đến nay đạt tới đâu')).toBe(true);
    expect(holdsFacet('status', 'Tăng cường ứng dụng công nghệ hiện đại trong công tác truyền thông.', '', 'đến nay đạt tới đâu')).toBe(false);
  });
});

describe('classifyQuestion: choices offered', () => {
  it('names its own answers, unless "who" is asked first and the choices are posts', () => {
    expect(classifyQuestion('Chương trình này thường xuyên hay có thời hạn?')).toBe('general');
    expect(classifyQuestion('NQ03/NQ-CP ai ký vậy, Thủ tướng hay Phó TTg?')).toBe('who');
    expect(classifyQuestion('Ai ký QĐ 1169, ông Nguyễn Chí Dũng hay ông Phạm Minh Chính?')).toBe('general');
    expect(classifyQuestion('IOC vận hành từ bao giờ, tức là trước hay sau khi có Nghị quyết 57?')).toBe('general');
  });
});

describe('holdsAnswerType: a length of time counted in its unit', () => {
  const holds = (text: string, question: string) => holdsAnswerType('quantity', text, question);
  it('needs the number of sessions or hours asked, not another figure', () => {
    expect(holds('Nền tảng đã đào tạo thử cho hơn 200.000 học viên.', 'mỗi khóa học mất bao nhiêu buổi')).toBe(false);
    expect(holds('Mỗi khóa học gồm 6 buổi.', 'mỗi khóa học mất bao nhiêu buổi')).toBe(true);
    expect(holds('Nền tảng đã đào tạo thử cho hơn 200.000 học viên.', 'moi buoi may tieng')).toBe(false);
    expect(holds('Mỗi buổi kéo dài 2 tiếng.', 'moi buoi may tieng')).toBe(true);
  });
});

describe('holdsAnswerType: classes, delegates, targets and villages counted', () => {
  const holds = (text: string, question: string) => holdsAnswerType('quantity', text, question);
  it('needs the thing counted, not a share or another count', () => {
    expect(holds('Năm 2025, Điện Biên đặt mục tiêu hơn 80% người dân trưởng thành biết dùng dịch vụ số.', 'tỉnh đã mở bao nhiêu lớp Bình dân học vụ số')).toBe(false);
    expect(holds('Tỉnh đã mở 120 lớp Bình dân học vụ số.', 'tỉnh đã mở bao nhiêu lớp Bình dân học vụ số')).toBe(true);
    expect(holds('Luật 93 gồm 73 điều.', 'được bao nhiêu đại biểu Quốc hội biểu quyết tán thành')).toBe(false);
    expect(holds('Kế hoạch đặt ra 12 chỉ tiêu cụ thể.', 'kế hoạch đặt ra bao nhiêu chỉ tiêu')).toBe(true);
    expect(holds('Tỉnh còn 105 trên 1.446 thôn, bản chưa có điện lưới.', 'còn bao nhiêu thôn chưa có điện lưới')).toBe(true);
    // Pupils, students and teachers are counted as such: a share of GDP is no number of pupils.
    expect(holds('Đến năm 2030, tổng chi cho nghiên cứu và phát triển (R&D) phải đạt 2% GDP.', 'dat chi tieu bao nhieu hoc sinh duoc hoc lap trinh')).toBe(false);
    expect(holds('Điện Biên tập huấn về trí tuệ nhân tạo (AI) cho gần 14.000 giáo viên.', 'tập huấn AI cho bao nhiêu giáo viên')).toBe(true);
  });
});

describe('holdsAnswerType: how often', () => {
  const holds = (text: string, question: string) => holdsAnswerType('quantity', text, question);
  it('is answered by how often only: not by a count, nor by a rate "mỗi năm"', () => {
    const monthly = 'Ban Chỉ đạo họp định kỳ mấy tháng một lần?';
    expect(classifyQuestion(monthly)).toBe('quantity');
    expect(holds('Ban Chỉ đạo có 24 thành viên.', monthly)).toBe(false);
    expect(holds('Định kỳ trước ngày 10/6 và 10/12 hằng năm, gửi báo cáo kết quả.', monthly)).toBe(true);
    const yearly = 'Ban Chỉ đạo họp bao nhiêu lần mỗi năm?';
    expect(holds('Kinh tế tỉnh tăng trưởng bình quân 8,76% mỗi năm.', yearly)).toBe(false);
    expect(holds('Ban Chỉ đạo họp 2 lần mỗi năm.', yearly)).toBe(true);
    expect(holds('Ban Chỉ đạo họp hai lần mỗi năm.', 'ban chi dao hop may lan mot nam')).toBe(true);
  });
});

describe('holdsAnswerType: a time of day, a percentage typed "bn %", an amount of money, a head of a team', () => {
  it('answers "mấy giờ" with a time, not with a date', () => {
    expect(classifyQuestion('Chương trình phát lúc mấy giờ vậy ạ?')).toBe('date');
    expect(holdsAnswerType('date', 'Chương trình ra mắt ngày 15/01/2026.', 'phát lúc mấy giờ')).toBe(false);
    expect(holdsAnswerType('date', 'Chương trình phát lúc 20 giờ hằng ngày.', 'phát lúc mấy giờ')).toBe(true);
    expect(holdsAnswerType('date', 'Chương trình ra mắt ngày 15/01/2026.', 'ra mắt ngày nào')).toBe(true);
  });

  it('reads "bn %" as a percentage and "mấy thành viên" as a count of members', () => {
    expect(holdsAnswerType('quantity', 'Nghị quyết có chính sách hỗ trợ doanh nghiệp triển khai mạng 5G.', 'được hỗ trợ bn % chi phí')).toBe(false);
    expect(holdsAnswerType('quantity', 'Việc học giúp giảm khoảng 80% chi phí đào tạo.', 'giảm được bn % chi phí')).toBe(true);
    expect(classifyQuestion('mỗi đội gồm mấy thành viên')).toBe('quantity');
    expect(holdsAnswerType('quantity', 'Từ ngày 01/7/2025, 75 đội hình thanh niên tình nguyện hỗ trợ người dân.', 'mỗi đội gồm mấy thành viên')).toBe(false);
  });

  it('needs an amount of money for "kinh phí … là bao nhiêu"', () => {
    expect(holdsAnswerType('quantity', 'Chỉ tiêu 2% tính theo GDP.', 'dự toán kinh phí kế hoạch năm 2026 là bao nhiêu')).toBe(false);
    expect(holdsAnswerType('quantity', 'Kinh phí năm 2026 là 500 triệu đồng.', 'dự toán kinh phí kế hoạch năm 2026 là bao nhiêu')).toBe(true);
  });

  it('asks for a person with "ai làm đội trưởng", "ai giữ vai trò trưởng ban"', () => {
    expect(asksForPerson('ai làm đội trưởng')).toBe(true);
    expect(asksForPerson('Cho hỏi ai đang làm Giám đốc Sở KH&CN tỉnh Điện Biên vậy?')).toBe(true);
    expect(asksForPerson('ai nay la chu tich tinh')).toBe(true);
    expect(asksForPerson('ai giữ vai trò trưởng ban giám khảo')).toBe(true);
    expect(asksForPerson('cuối văn bản ký tên ai vậy')).toBe(true);
    expect(asksForPerson('nghị quyết này là ai đứng tên ký ban hành?')).toBe(true);
  });

  it('asks for a person with a post of a named body and "nào" ("Thứ trưởng Bộ KH&CN nào"), with chat shorthand ("GĐ", "đ/c", "ông/bà"), and with a long name between the post and "là ai"', () => {
    expect(asksForPerson('Thứ trưởng Bộ Khoa học và Công nghệ nào phụ trách chương trình?')).toBe(true);
    expect(askedPost('Thứ trưởng Bộ Khoa học và Công nghệ nào phụ trách chương trình?')).toBe('thu truong');
    expect(asksForPerson('GĐ Sở KH&CN hiện giờ là ông/bà nào?')).toBe(true);
    expect(asksForPerson('Kế hoạch đó do đ/c nào ký?')).toBe(true);
    expect(asksForPerson('Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh hiện giờ là ông nào?')).toBe(true);
    // "Sở GD&ĐT" is education, not a director; "bộ nào", "bộ trưởng bộ nào" ask a ministry, not a person.
    expect(asksForPerson('Sở GD&ĐT phải làm những việc gì?')).toBe(false);
    expect(asksForPerson('Bộ nào chủ trì chương trình truyền thông?')).toBe(false);
    expect(asksForPerson('ra đời theo đề nghị của bộ trưởng bộ nào?')).toBe(false);
    expect(asksForPerson('Chủ tịch UBND tỉnh Điện Biên giao cơ quan nào tham mưu bố trí kinh phí?')).toBe(false);
    expect(asksForPerson('Thủ tướng ban hành QĐ 1169 giao bộ nào chủ trì?')).toBe(false);
    expect(asksForPerson('Giám đốc Sở KHCN phối hợp với đơn vị nào?')).toBe(false);
  });

  it('asks for a person with a post one person holds followed by "nào" ("Chủ tịch nước nào", "Thủ tướng nào"), not for a country; "bộ trưởng nào" asks their ministries', () => {
    expect(asksForPerson('Chủ tịch nước nào đã ký lệnh công bố Luật 93/2025/QH15?')).toBe(true);
    expect(classifyQuestion('Chủ tịch nước nào đã ký lệnh công bố Luật 93/2025/QH15?')).toBe('who');
    expect(asksForPerson('thu tuong nao ky quyet dinh 1169')).toBe(true);
    expect(asksForPerson('Nghị quyết 03/NQ-CP được ban hành theo đề nghị của những bộ trưởng nào?')).toBe(false);
    expect(asksForPerson('Người ký NQ 71/NQ-CP là PTT nào?')).toBe(true);
    // (A post many hold at once asks which one by its body: "bộ trưởng nào đề nghị", "thủ trưởng nào tổ chức thực hiện".)
    expect(asksForPerson('Nghị quyết 03/NQ-CP được ban hành theo đề nghị của bộ trưởng nào?')).toBe(false);
    expect(asksForPerson('Thủ trưởng nào tổ chức thực hiện NQ 03?')).toBe(false);
  });
});

describe('holdsAnswerType: a day, a length of time, a count of meetings, a phone number typed "số mấy"', () => {
  it('answers "từ ngày nào" with a day, not with a year', () => {
    expect(holdsAnswerType('date', 'Trong năm 2025, sandbox được luật hóa qua Nghị định 94/2025/NĐ-CP.', 'Nghị định 94/2025/NĐ-CP có hiệu lực từ ngày nào?')).toBe(false);
    expect(holdsAnswerType('date', 'Luật có hiệu lực từ ngày 01/10/2025.', 'Luật có hiệu lực từ ngày nào?')).toBe(true);
    expect(holdsAnswerType('date', 'Việc này hoàn thành trong năm 2025.', 'việc đó xong trước cuối năm nào')).toBe(true);
  });

  it('answers "bao lâu" with a length of time or the dates it runs between', () => {
    expect(holdsAnswerType('quantity', 'Nền tảng phục vụ khoảng 400.000 người học cùng một lúc.', 'học xong thì bao lâu mới được cấp chứng chỉ')).toBe(false);
    expect(holdsAnswerType('quantity', 'Khóa học kéo dài 3 tháng.', 'học mất bao lâu')).toBe(true);
    // "bao nhiêu cái" counts things: a share is no count.
    const items = 'Trong 50 nhiệm vụ KHCN của tỉnh giai đoạn 2021-2025 thì bao nhiêu cái đã nghiệm thu xong rồi?';
    expect(holdsAnswerType('quantity', 'Trong giai đoạn 2021–2025, 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến.', items)).toBe(false);
    expect(holdsAnswerType('quantity', 'Có 32 nhiệm vụ đã được nghiệm thu.', items)).toBe(true);
    expect(holdsAnswerType('quantity', 'Chuỗi hoạt động diễn ra từ ngày 22/9/2025 đến ngày 05/10/2025.', 'kéo dài bao lâu')).toBe(true);
  });

  it('counts meetings in meetings, and reads "liên hệ số mấy" as a phone number asked', () => {
    expect(holdsAnswerType('quantity', '100% các xã ban hành kế hoạch.', 'mỗi xã tổ chức bn hội nghị mỗi năm')).toBe(false);
    expect(classifyQuestion('trưởng ban quản lý tên là gì, liên hệ số mấy')).toBe('contact');
  });
});

describe('a document\'s number asked ("quyết định số mấy", "theo nghị quyết nào")', () => {
  it('is a question of its own type, answered only by a number of the kind asked', () => {
    const q = 'Danh mục công nghệ chiến lược được Thủ tướng ban hành bằng quyết định số mấy?';
    expect(classifyQuestion(q)).toBe('code');
    expect(holdsAnswerType('code', 'Thủ tướng Chính phủ ban hành danh mục công nghệ chiến lược.', q)).toBe(false);
    expect(holdsAnswerType('code', 'Trung tâm là bước cụ thể để triển khai Kế hoạch 252-KH/TU của Tỉnh ủy.', 'Trung tâm được thành lập theo quyết định số mấy?')).toBe(false);
    expect(holdsAnswerType('code', 'Bộ Chính trị thành lập Ban Chỉ đạo theo Quyết định 229-QĐ/TW ngày 10/01/2025.', 'Ban Chỉ đạo được thành lập theo quyết định nào?')).toBe(true);
    const resolution = 'Việc sắp xếp được thực hiện theo nghị quyết nào của Ủy ban Thường vụ Quốc hội?';
    expect(classifyQuestion(resolution)).toBe('code');
    expect(holdsAnswerType('code', 'Theo Nghị quyết 1661/NQ-UBTVQH15 ngày 16/6/2025, tỉnh có 45 đơn vị hành chính cấp xã.', resolution)).toBe(true);
  });

  it('does not count the number the question names itself, and leaves a law (named by its title) and a plain count alone', () => {
    expect(holdsAnswerType('code', 'Quyết định 1169 yêu cầu chú trọng các đối tượng đặc thù.', 'Quyết định 1169 triển khai quyết định nào?')).toBe(false);
    expect(classifyQuestion('Luật 93 thay thế luật nào?')).not.toBe('code');
    expect(classifyQuestion('Có bao nhiêu quyết định được ban hành?')).toBe('quantity');
  });
});

describe('holdsAnswerType: the date a source gathered its figures', () => {
  it('is not the date something happens, unless the figures themselves are asked about', () => {
    const sentence = 'Theo tư liệu tổng hợp đến khoảng tháng 3/2026, tỉnh Điện Biên còn 105 trên 1.446 thôn, bản chưa có điện lưới quốc gia.';
    expect(holdsAnswerType('date', sentence, 'Bao giờ thì 105 thôn, bản chưa có điện lưới sẽ được kéo điện?')).toBe(false);
    expect(holdsAnswerType('date', 'Theo số liệu công bố tháng 12/2025, mạng 5G đã phủ sóng gần 59% dân số.', 'Số liệu về 5G được công bố khi nào?')).toBe(true);
    expect(holdsAnswerType('date', 'Trung tâm Đổi mới sáng tạo tỉnh Điện Biên ra mắt ngày 15/01/2026.', 'Trung tâm ra mắt khi nào?')).toBe(true);
  });
});

describe('a day asked as "ngày tháng năm nào"', () => {
  it('is not answered by a year alone', () => {
    const horizon = 'Trước Nghị quyết 57, Ban Thường vụ Tỉnh ủy Điện Biên đã có Nghị quyết 13-NQ/TU về chuyển đổi số đến năm 2025, định hướng đến năm 2030.';
    expect(holdsAnswerType('date', horizon, 'Nghị quyết 13-NQ/TU ban hành ngày tháng năm nào?')).toBe(false);
    expect(holdsAnswerType('date', 'Nghị quyết 13-NQ/TU được ban hành ngày 24/9/2021.', 'nghi quyet 13 ban hanh ngay thang nam nao')).toBe(true);
    expect(holdsAnswerType('date', horizon, 'Nghị quyết 13-NQ/TU ban hành năm nào?')).toBe(true);
  });
});

describe('the post a person is asked by, and a figure the question names', () => {
  it('reads "do ai làm chủ tịch", "Chủ tịch … là ai" as asking a chairman; "lãnh đạo nào ký" as asking who', () => {
    expect(askedPost('Hội đồng tư vấn của Ban Chỉ đạo Trung ương do ai làm chủ tịch thế?')).toBe('chu tich');
    expect(askedPost('Trưởng Ban Chỉ đạo Trung ương là ai?')).toBe('truong ban');
    expect(askedPost('ai ký nghị quyết')).toBeNull();
    expect(askedPost('Phó Trưởng BCĐ về KHCN, ĐMST và CĐS của tỉnh ĐB là ai?')).toBe('pho truong ban');
    // "… còn những ai": who else holds it.
    expect(askedPost('Ngoài TTg ra thì Phó trưởng BCĐ TW về KHCN, ĐMST & CĐS còn những ai?')).toBe('pho truong ban');
    expect(asksForPerson('Phó trưởng BCĐ TW còn những ai?')).toBe(true);
    expect(asksForPerson('Phó Trưởng BCĐ của tỉnh là ai?')).toBe(true);
    // "phó ban" is how a Phó Trưởng ban is called; several holders may be asked ("là những ai", "những người làm … là ai").
    expect(askedPost('thế phó ban là những ai?')).toBe('pho truong ban');
    expect(askedPost('Thế còn những người làm phó ban là ai?')).toBe('pho truong ban');
    expect(askedPost('Thế các phó trưởng ban gồm những ai ạ?')).toBe('pho truong ban');
    expect(asksForPerson('thế phó ban là những ai?')).toBe(true);
    expect(asksForPerson('Nghị quyết 71 do đồng chí nào đứng tên ký vậy ạ?')).toBe(true);
    expect(classifyQuestion('Kế hoạch của tỉnh do lãnh đạo nào ký?')).toBe('who');
    expect(asksForPerson('Kế hoạch của tỉnh do lãnh đạo nào ký?')).toBe(true);
  });

  it('reads "Con số 98% … là tỷ lệ gì?" as asking what the figure measures, not how much', () => {
    expect(classifyQuestion('Con số 98% trong báo cáo của tỉnh là tỷ lệ gì?')).toBe('definition');
    expect(classifyQuestion('Tỷ lệ văn bản được ký số là bao nhiêu?')).toBe('quantity');
  });
});

describe('a decree\'s number asked', () => {
  it('is answered only by a decree\'s number, not by the resolution it implements', () => {
    const q = 'Nghị định hướng dẫn Nghị quyết 193/2025/QH15 là nghị định số mấy?';
    expect(classifyQuestion(q)).toBe('code');
    expect(holdsAnswerType('code', 'Các văn bản áp dụng trực tiếp gồm Nghị quyết 193/2025/QH15, Luật 93/2025/QH15 và các nghị định về sandbox.', q)).toBe(false);
    expect(holdsAnswerType('code', 'Sandbox được luật hóa ở lĩnh vực ngân hàng qua Nghị định 94/2025/NĐ-CP.', 'Nghị định về sandbox ngân hàng là nghị định số mấy?')).toBe(true);
  });
});

describe('words that read alike folded (found in review)', () => {
  it('reads "sở nào" as which department, not "số nào"; "số nào" only right after a kind of document', () => {
    for (const q of ['Kế hoạch này do sở nào chủ trì?', 'Quyết định 1169 giao sở nào chủ trì?', 'Tài liệu hướng dẫn của sở nào?']) expect(classifyQuestion(q)).toBe('who');
    expect(classifyQuestion('Ban được thành lập theo quyết định số nào?')).toBe('code');
  });

  it('keeps "ai cung cấp", "cử ai", "mời ai" as asking who', () => {
    for (const q of ['Ai cung cấp thông tin về Nghị quyết 57?', 'Tỉnh cử ai làm đầu mối?', 'Lễ phát động mời ai tham dự?']) expect(classifyQuestion(q)).toBe('who');
  });

  it('does not read the digits of "193/2025/QH15" as a date the question names', () => {
    expect(classifyQuestion('Nghị quyết 193/2025/QH15 có hiệu lực từ ngày gì?')).toBe('date');
    expect(dayNamed('ngay 01/10 la ngay gi')).toBe('ngay 01/10 la gi');
  });

  it('does not take "KH&CN" for a plan\'s number, and strips a source\'s date written at the start of a sentence', () => {
    expect(holdsAnswerType('code', 'Sở KH&CN chủ trì thực hiện Quyết định 1169/QĐ-TTg.', 'Tỉnh thực hiện theo kế hoạch số mấy?')).toBe(false);
    expect(holdsAnswerType('date', 'Số liệu cập nhật đến tháng 3/2026 cho thấy còn 105 thôn chưa có điện.', 'Bao giờ thì kéo điện xong?')).toBe(false);
  });
});

describe('holdsAnswerType: when something will be', () => {
  it('is not answered by the date things were counted by, while a deadline still answers it', () => {
    const q = 'Khi nào thì Điện Biên phủ sóng 5G khắp toàn tỉnh?';
    expect(holdsAnswerType('date', 'Tính đến ngày 26/3/2025, tỉnh Điện Biên có 1.097 trạm phát sóng di động, trong đó 38 trạm 5G.', q)).toBe(false);
    expect(holdsAnswerType('date', 'Nghiên cứu xây dựng Bộ tiêu chí đánh giá (hoàn thành năm 2026).', 'bộ tiêu chí khi nào thì hoàn thành')).toBe(true);
    expect(holdsAnswerType('date', 'Tính đến ngày 26/3/2025, tỉnh Điện Biên có 38 trạm 5G.', 'Số trạm 5G được tính đến ngày nào?')).toBe(true);
  });
});

describe('holdsAnswerType: who signed', () => {
  it('needs a sentence about the signing, not "ký hiệu", "đăng ký" or who heads a board', () => {
    expect(holdsAnswerType('who', 'Người ký Quyết định 1169/QĐ-TTg là Phó Thủ tướng Nguyễn Chí Dũng.', 'Quyết định 1169 do ai ký?')).toBe(true);
    expect(holdsAnswerType('who', 'Thủ tướng Chính phủ là Trưởng ban.', 'Quyết định 929 do ai ký?')).toBe(false);
    expect(holdsAnswerType('who', 'Văn bản cùng ký hiệu do Tổng Bí thư Tô Lâm chỉ đạo.', 'Kế hoạch đó do ai ký?')).toBe(false);
    // "nhiệm kỳ", "kỹ thuật" ask no signer.
    expect(holdsAnswerType('who', 'Chủ tịch UBND tỉnh là Lê Thành Đô.', 'chủ tịch tỉnh nhiệm kỳ đó là ai')).toBe(true);
  });
});
