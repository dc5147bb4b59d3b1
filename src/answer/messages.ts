/**
 * @module
 * The fixed Vietnamese texts the service says when it does not answer from a passage.
 * They never repeat the citizen's words (so an injected payload is never echoed).
 */
export const SERVICE_SCOPE =
  'Nghị quyết 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Quyết định 1169/QĐ-TTg, Chương trình hành động của Chính phủ, phong trào "Bình dân học vụ số" và Kế hoạch thực hiện của tỉnh Điện Biên';

export function noAnswerMessage(agency: string): string {
  return `Xin lỗi, các văn bản mà tôi có chưa nêu thông tin này nên tôi không thể trả lời chính xác. Bạn vui lòng hỏi ${agency} để được giải đáp.`;
}

export function outOfScopeMessage(): string {
  return `Xin lỗi, câu hỏi này nằm ngoài phạm vi của tôi. Tôi chỉ giải đáp về ${SERVICE_SCOPE}. Với việc khác, bạn vui lòng liên hệ cơ quan phụ trách lĩnh vực đó.`;
}

export function refusedMessage(): string {
  return `Xin lỗi, tôi không thể thực hiện yêu cầu này. Tôi chỉ trả lời các câu hỏi về ${SERVICE_SCOPE}, dựa trên văn bản chính thức.`;
}
