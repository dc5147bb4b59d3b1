import { describe, expect, it } from 'vitest';
import { placeInGroups, questionTerms, SAME_QUESTION, similarity } from './grouping.ts';

const same = (a: string, b: string) => similarity(questionTerms(a), questionTerms(b));

describe('questionTerms and similarity', () => {
  it.each([
    ['Tỉnh có hỗ trợ kinh phí cho doanh nghiệp khởi nghiệp sáng tạo không?', 'tinh co ho tro kinh phi cho doanh nghiep khoi nghiep sang tao khong'],
    ['Khi nào có wifi miễn phí ở bản Mường Phăng?', 'khi nao co wifi mien phi o ban muong phang'],
    ['Cho hỏi lương giáo viên năm 2027 tăng bao nhiêu?', 'luong giao vien nam 2027 tang bao nhieu'],
    ['Ai ký nghị quyết 57?', 'ai ky nq57'],
    ['Nghị quyết 57 có hỗ trợ nông dân không?', 'nq57 co ho tro nong dan khong'],
    ['Xã Mường Phăng khi nào có sóng 4G?', 'Khi nào xã Mường Phăng có sóng 4G vậy?'],
    ['Thủ tục đăng ký tài khoản định danh điện tử mức 2 thế nào?', 'THỦ TỤC ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC 2 THẾ NÀO'],
  ])('puts "%s" and "%s" in one group', (a, b) => {
    expect(same(a, b)).toBeGreaterThanOrEqual(SAME_QUESTION);
  });

  it.each([
    ['Ngày chuyển đổi số quốc gia là ngày nào?', 'Ngày khoa học và công nghệ Việt Nam là ngày nào?'],
    ['Lương giáo viên năm 2027 tăng bao nhiêu?', 'Học phí đại học năm 2027 tăng bao nhiêu?'],
    ['NQ57 hỗ trợ nông dân thế nào?', 'NQ57 hỗ trợ học sinh thế nào?'],
    ['Khi nào có wifi miễn phí ở bản Mường Phăng?', 'Khi nào có wifi miễn phí ở xã Na Sang?'],
    ['Xã Mường Phăng khi nào có sóng 4G?', 'Xã Mường Phăng khi nào có điện?'],
    ['Ai ký nghị quyết 57?', 'Ai ký quyết định 1169?'],
  ])('keeps "%s" and "%s" apart (one staff answer must not reach the wrong question)', (a, b) => {
    expect(same(a, b)).toBeLessThan(SAME_QUESTION);
  });
});

describe('placeInGroups', () => {
  it('joins the most similar open group, or starts one that later items of the batch can join', () => {
    let n = 0;
    const newId = () => `g${++n}`;
    const open = [{ id: 'open-1', terms: questionTerms('Xã Mường Phăng khi nào có sóng 5G?') }];
    const at = '2026-11-30T08:00:00.000Z';
    const placed = placeInGroups(
      [
        { messageId: 'm1', question: 'xa muong phang khi nao co song 5g', reason: 'no_answer', askedAt: at },
        { messageId: 'm2', question: 'Giá vé xe khách đi Hà Nội bao nhiêu?', reason: 'out_of_scope', askedAt: at },
        { messageId: 'm3', question: 'gia ve xe khach di ha noi bao nhieu', reason: 'out_of_scope', askedAt: at },
      ],
      open,
      newId,
    );
    expect(placed.items.map((i) => i.groupId)).toEqual(['open-1', 'g1', 'g1']);
    expect(placed.groups).toEqual([{ id: 'g1', question: 'Giá vé xe khách đi Hà Nội bao nhiêu?', terms: questionTerms('Giá vé xe khách đi Hà Nội bao nhiêu?'), folded: 'gia ve xe khach di ha noi bao nhieu?' }]);
  });
});
