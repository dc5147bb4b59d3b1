/**
 * @module
 * Interface strings. `data-lang` picks the chrome's language; answers stay Vietnamese.
 */

const vi = {
  title: 'Hỏi đáp NQ57',
  greeting:
    'Xin chào! Tôi trả lời câu hỏi về Nghị quyết 57-NQ/TW, Chương trình truyền thông thực hiện Nghị quyết và Kế hoạch triển khai của tỉnh, luôn kèm nguồn trích dẫn.',
  launcher: 'Hỏi đáp',
  open: 'Mở trợ lý hỏi đáp',
  close: 'Đóng',
  newChat: 'Cuộc trò chuyện mới',
  log: 'Cuộc trò chuyện',
  you: 'Bạn hỏi:',
  bot: 'Trợ lý trả lời:',
  input: 'Câu hỏi của bạn',
  placeholder: 'Nhập câu hỏi…',
  send: 'Gửi câu hỏi',
  thinking: 'Đang trả lời…',
  slow: 'Kết nối chậm, vẫn đang chờ câu trả lời…',
  sources: 'Nguồn',
  suggestions: 'Gợi ý câu hỏi',
  up: 'Hữu ích',
  down: 'Chưa hữu ích',
  comment: 'Góp ý thêm (không bắt buộc)',
  sendComment: 'Gửi góp ý',
  thanks: 'Cảm ơn bạn đã góp ý.',
  feedbackFailed: 'Chưa gửi được đánh giá. Vui lòng thử lại.',
  speak: 'Đọc to',
  speakLabel: 'Đọc to câu trả lời',
  retry: 'Thử lại',
  no_answer: 'Chưa có trong tài liệu',
  out_of_scope: 'Ngoài phạm vi',
  refused: 'Không thể trả lời',
  staff: 'Cán bộ trả lời',
  network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
  timeout: 'Máy chủ phản hồi quá lâu. Vui lòng thử lại.',
  rate: 'Bạn hỏi hơi nhanh. Vui lòng thử lại sau {n} giây.',
  busy: 'Hệ thống đang bận hoặc đang khởi động. Vui lòng thử lại sau {n} giây.',
  failed: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  privacy: 'Thông tin & quyền riêng tư',
  idLabel: 'Mã cuộc trò chuyện',
  noId: 'Chưa có: mã được cấp cùng câu trả lời đầu tiên.',
  copy: 'Sao chép mã',
  copied: 'Đã sao chép mã.',
  selected: 'Đã chọn mã: nhấn Ctrl+C (hoặc Sao chép) để sao chép.',
  stored:
    'Máy chủ lưu câu hỏi, câu trả lời và góp ý của bạn theo mã này trong thời hạn cơ quan quy định, sau đó tự động xoá. Trình duyệt chỉ giữ mã đến khi bạn đóng thẻ hoặc bắt đầu cuộc trò chuyện mới: hãy ghi lại mã nếu cần.',
  rights: 'Để nhận bản sao hoặc yêu cầu xoá dữ liệu của mình, hãy gửi mã này cho cơ quan cung cấp dịch vụ hỏi đáp.',
};

export type Strings = typeof vi;

const en: Strings = {
  title: 'NQ57 Q&A',
  greeting:
    'Hello! I answer questions about Resolution 57-NQ/TW, the programme to communicate it and the province plan, always with sources. Answers are in Vietnamese.',
  launcher: 'Q&A',
  open: 'Open the Q&A assistant',
  close: 'Close',
  newChat: 'New conversation',
  log: 'Conversation',
  you: 'You asked:',
  bot: 'Assistant:',
  input: 'Your question',
  placeholder: 'Type a question…',
  send: 'Send question',
  thinking: 'Answering…',
  slow: 'The connection is slow, still waiting for the answer…',
  sources: 'Sources',
  suggestions: 'Suggested questions',
  up: 'Helpful',
  down: 'Not helpful',
  comment: 'More feedback (optional)',
  sendComment: 'Send feedback',
  thanks: 'Thank you for your feedback.',
  feedbackFailed: 'The rating could not be sent. Please try again.',
  speak: 'Read aloud',
  speakLabel: 'Read the answer aloud',
  retry: 'Try again',
  no_answer: 'Not in the documents',
  out_of_scope: 'Out of scope',
  refused: 'Cannot answer',
  staff: 'Answered by staff',
  network: 'Could not reach the server. Please check your connection and try again.',
  timeout: 'The server took too long to answer. Please try again.',
  rate: 'You are asking a little fast. Please try again in {n} seconds.',
  busy: 'The service is busy or starting. Please try again in {n} seconds.',
  failed: 'Something went wrong. Please try again.',
  privacy: 'Privacy & your data',
  idLabel: 'Conversation ID',
  noId: 'None yet: it comes with the first answer.',
  copy: 'Copy ID',
  copied: 'ID copied.',
  selected: 'ID selected: press Ctrl+C (or Copy) to copy it.',
  stored:
    'The server keeps your questions, answers and feedback under this ID for the period the agency has set, then deletes them automatically. This browser keeps the ID only until you close the tab or start a new conversation: note it down if you need it.',
  rights: 'To get a copy of your data or have it erased, send this ID to the agency that provides this Q&A service.',
};

export type Lang = 'vi' | 'en';

export function stringsFor(lang: Lang): Strings {
  return lang === 'en' ? en : vi;
}

export function fill(template: string, n: number): string {
  return template.replace('{n}', String(n));
}
