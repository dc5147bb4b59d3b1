/**
 * @module
 * What the assistant says on the chat platforms besides answers, in Vietnamese. Every
 * notice a user may get before any answer says that it is an automated assistant (Meta's
 * policy asks for it where the law does; a citizen is owed it in any case).
 */
import { MAX_MESSAGE_CODE_POINTS } from '../web/schemas.ts';

export const DISCLOSURE =
  'Xin chào! Tôi là trợ lý tự động (không phải cán bộ), trả lời câu hỏi về Nghị quyết 57-NQ/TW và các văn bản thực hiện, dựa trên văn bản chính thức và luôn ghi nguồn.';

export const UNSUPPORTED_MESSAGE =
  'Tôi là trợ lý tự động và hiện chỉ đọc được tin nhắn dạng chữ: chưa xem được hình ảnh, nhãn dán, âm thanh, video, tệp, đường liên kết hay vị trí. Bạn vui lòng gõ câu hỏi bằng chữ nhé.';

export const TOO_LONG_MESSAGE = `Câu hỏi dài quá ${MAX_MESSAGE_CODE_POINTS} ký tự. Bạn vui lòng rút gọn và gửi lại nhé.`;

/** The "too long" notice as a user's first reply: it says who is answering, as a first answer does. */
export const FIRST_TOO_LONG_MESSAGE = `${DISCLOSURE}\n\n${TOO_LONG_MESSAGE}`;

export const FAILED_MESSAGE = 'Xin lỗi, trợ lý tự động đang gặp sự cố nên chưa trả lời được câu hỏi này. Bạn vui lòng gửi lại sau ít phút.';

export const WELCOME_MESSAGE = `${DISCLOSURE}\n\nBạn hãy gõ câu hỏi, ví dụ: "Nghị quyết 57 đặt mục tiêu gì đến năm 2030?"`;

/** Prefixed to a staff answer delivered later, so the citizen knows what it is. */
export const STAFF_PREFIX = 'Cán bộ trả lời câu hỏi bạn đã gửi:';

export function rateLimitedMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} giây` : `${Math.ceil(retryAfterSeconds / 60)} phút`;
  return `Bạn gửi nhiều tin nhắn quá nhanh. Trợ lý tự động sẽ trả lời tiếp sau khoảng ${wait}; các tin nhắn gửi trong lúc này sẽ không được trả lời.`;
}
