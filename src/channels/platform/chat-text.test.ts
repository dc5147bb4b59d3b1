import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../conversation/service.ts';
import { answerMessages, CHAT_TEXT_LIMIT, quickReplyTitle, splitForChat } from './chat-text.ts';
import { DISCLOSURE } from './messages.ts';

const sentence = (i: number) => `Câu thứ ${i} nói về chuyển đổi số và đổi mới sáng tạo trong cơ quan nhà nước tỉnh Điện Biên.`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function result(overrides: Partial<AskResult> = {}): AskResult {
  return {
    conversationId: 'c1',
    messageId: 'm1',
    outcome: 'answered',
    method: 'extractive',
    answer: 'Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.',
    sources: [{ id: 'p1', documentId: 'd1', path: ['IV. Ngày Chuyển đổi số quốc gia'], text: '…', order: 1 }],
    suggestions: ['Vì sao chọn ngày 10/10 làm Ngày Chuyển đổi số quốc gia?', 'NQ57 là gì?'],
    latencyMs: 3,
    isNew: false,
    ...overrides,
  };
}
const documents = new Map([['d1', { id: 'd1', title: 'Quyết định 505/QĐ-TTg', url: 'https://vanban.chinhphu.vn/?docid=205768' } as never]]);

describe('splitForChat', () => {
  it('keeps a short text as one message', () => {
    expect(splitForChat('  Xin chào.  ')).toEqual(['Xin chào.']);
  });

  it('splits a long text on sentence boundaries into messages within the limit, in order, losing nothing', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i + 1)).join(' ');
    const parts = splitForChat(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(CHAT_TEXT_LIMIT);
      expect(part).toMatch(/\.$/);
    }
    expect(squash(parts.join(' '))).toBe(squash(text));
    expect(parts[0]).toMatch(/^Câu thứ 1 /);
  });

  it('splits at line ends too, and keeps lists whole where they fit', () => {
    const text = `Mở đầu.\n${Array.from({ length: 40 }, (_, i) => `- mục ${i}: ${'nội dung '.repeat(10)}`).join('\n')}`;
    const parts = splitForChat(text, 500);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    expect(parts.slice(1).every((p) => p.startsWith('- mục'))).toBe(true);
  });

  it('cuts a sentence longer than the limit at spaces, and a word longer than it between code points', () => {
    const long = 'từ '.repeat(1000).trim();
    const parts = splitForChat(long);
    expect(parts.every((p) => p.length <= CHAT_TEXT_LIMIT && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(parts.join(' ')).toBe(long);
    const emoji = '😀'.repeat(1500);
    const cut = splitForChat(emoji);
    expect(cut.every((p) => p.length <= CHAT_TEXT_LIMIT && !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(cut.join('')).toBe(emoji);
  });
});

describe('answerMessages', () => {
  it('discloses the assistant first, then the answer, a numbered source list with its link, and suggestions as text', () => {
    const [message, ...rest] = answerMessages(result(), documents, { disclose: true, suggestions: 'text' });
    expect(rest).toEqual([]);
    expect(message?.text.startsWith(DISCLOSURE)).toBe(true);
    expect(message?.text).toContain('Ngày 10/10 hằng năm');
    expect(message?.text).toContain('Nguồn:\n1. Quyết định 505/QĐ-TTg — IV. Ngày Chuyển đổi số quốc gia\n   https://vanban.chinhphu.vn/?docid=205768');
    expect(message?.text).toContain('Bạn có thể hỏi tiếp:\n- Vì sao chọn ngày 10/10');
    expect(message?.quickReplies).toBeUndefined();
  });

  it('puts suggestions as quick replies on the last message (titles within 20 characters, the question as payload)', () => {
    const long = result({ answer: Array.from({ length: 50 }, (_, i) => sentence(i)).join(' ') });
    const messages = answerMessages(long, documents, { disclose: false, suggestions: 'quick_replies' });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.slice(0, -1).every((m) => m.quickReplies === undefined)).toBe(true);
    const quick = messages.at(-1)?.quickReplies ?? [];
    expect(quick.map((q) => q.payload)).toEqual(long.suggestions);
    expect(quick.every((q) => q.title.length <= 20 && q.title.length > 0)).toBe(true);
    expect(messages.some((m) => m.text.includes('Bạn có thể hỏi tiếp'))).toBe(false);
  });

  it('does not repeat a source line unless numbered citations need the numbering', () => {
    const twice = result({ sources: [result().sources[0]!, { ...result().sources[0]!, id: 'p2' }] });
    expect(answerMessages(twice, documents, { disclose: false, suggestions: 'text' })[0]?.text).not.toContain('\n2. ');
    const cited = { ...twice, answer: 'Ngày 10/10 [1], ý nghĩa [2].' };
    expect(answerMessages(cited, documents, { disclose: false, suggestions: 'text' })[0]?.text).toContain('\n2. ');
  });
});

describe('quickReplyTitle', () => {
  it('keeps short questions and shortens long ones at a word', () => {
    expect(quickReplyTitle('NQ57 là gì?')).toBe('NQ57 là gì?');
    const title = quickReplyTitle('Vì sao chọn ngày 10/10 làm Ngày Chuyển đổi số quốc gia?');
    expect(title).toBe('Vì sao chọn ngày…');
    expect(title.length).toBeLessThanOrEqual(20);
  });
});
