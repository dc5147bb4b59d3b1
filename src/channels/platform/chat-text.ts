/**
 * @module
 * Answers as chat apps show them: plain text (no Markdown is rendered by Zalo or
 * Messenger), at most 2,000 characters a message (both platforms' limit; longer texts are
 * refused, -210 on Zalo, code 100 on Messenger) split on sentence boundaries, sources as a
 * short numbered list with their official links, suggested questions as text or as quick
 * replies, and the assistant saying what it is in its first message to a user.
 */
import type { AskResult } from '../../conversation/service.ts';
import { toSource } from '../../conversation/service.ts';
import type { DocumentMeta } from '../../ingest/types.ts';
import { DISCLOSURE } from './messages.ts';

/** Counted in UTF-16 code units, which is never fewer than the characters either platform counts. */
export const CHAT_TEXT_LIMIT = 2000;
/** Messenger shows at most 13 quick replies, each titled in at most 20 characters. */
const QUICK_REPLY_TITLE = 20;
const MAX_QUICK_REPLIES = 13;
const SOURCE_LINE = 300;

export interface QuickReply {
  title: string;
  /** Sent back as `quick_reply.payload` when tapped: the whole question. */
  payload: string;
}

export interface OutgoingMessage {
  text: string;
  quickReplies?: QuickReply[];
}

/** Sentences and lines, each with the whitespace after it. */
function sentences(text: string): string[] {
  return text.split(/(?<=\n)|(?<=[.!?…]["”’')\]]?[ \t]+)/u).filter(Boolean);
}

/** Cuts a piece longer than the limit at its last space, or between code points when it has none. */
function cutLong(piece: string, limit: number): string[] {
  const out: string[] = [];
  let rest = piece;
  while (rest.length > limit) {
    let at = rest.lastIndexOf(' ', limit);
    if (at <= 0) {
      at = limit;
      // Never between the two halves of a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at--;
    }
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ +/, '');
  }
  out.push(rest);
  return out;
}

/** A paragraph longer than a message, by sentences (and lines), then by words. */
function splitParagraph(paragraph: string, limit: number): string[] {
  const messages: string[] = [];
  let current = '';
  const flush = () => {
    const trimmed = current.trim();
    if (trimmed) messages.push(trimmed);
    current = '';
  };
  for (const sentence of sentences(paragraph)) {
    if ((current + sentence).trimEnd().length <= limit) {
      current += sentence;
      continue;
    }
    flush();
    const pieces = cutLong(sentence, limit);
    current = pieces.pop() ?? '';
    for (const piece of pieces) messages.push(piece.trim());
  }
  flush();
  return messages;
}

/**
 * Splits a text into messages of at most `limit` units, in reading order: a paragraph that
 * fits in a message is not split (a source list stays whole); a longer one is split on
 * sentence boundaries, then at spaces.
 */
export function splitForChat(text: string, limit = CHAT_TEXT_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const paragraph of text.trim().split(/\n[ \t]*\n\s*/)) {
    const joined = current ? `${current}\n\n${paragraph}` : paragraph;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (paragraph.length <= limit) {
      if (current) messages.push(current);
      current = paragraph;
      continue;
    }
    // Split anyway: it starts in the message being filled.
    const parts = splitParagraph(joined, limit);
    current = parts.pop() ?? '';
    messages.push(...parts);
  }
  if (current.trim()) messages.push(current.trim());
  return messages;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A quick reply's title: the question's first words within 20 characters. */
export function quickReplyTitle(question: string): string {
  const q = question.trim();
  if (q.length <= QUICK_REPLY_TITLE) return q;
  const cut = q.lastIndexOf(' ', QUICK_REPLY_TITLE - 1);
  return `${q.slice(0, cut > 8 ? cut : QUICK_REPLY_TITLE - 1).trimEnd()}…`;
}

function sourceList(result: AskResult, documents: Map<string, DocumentMeta>): string | null {
  const lines: string[] = [];
  const seen = new Set<string>();
  // Generated answers cite sources by number ([1]): then the numbering must stay whole.
  const cited = /\[\d+\]/.test(result.answer);
  for (const source of result.sources.map((p) => toSource(p, documents))) {
    const line = clip(source.section ? `${source.title} — ${source.section}` : source.title, SOURCE_LINE) + (source.url ? `\n   ${source.url}` : '');
    if (!cited && seen.has(line)) continue;
    seen.add(line);
    lines.push(`${lines.length + 1}. ${line}`);
  }
  return lines.length ? `Nguồn:\n${lines.join('\n')}` : null;
}

/**
 * An answer as messages: the disclosure when asked, the answer, its sources, then the
 * suggested questions, as text (Zalo) or as quick replies on the last message (Messenger).
 */
export function answerMessages(result: AskResult, documents: Map<string, DocumentMeta>, options: { disclose: boolean; suggestions: 'text' | 'quick_replies' }): OutgoingMessage[] {
  const blocks = [options.disclose ? DISCLOSURE : null, result.answer.trim(), sourceList(result, documents)];
  if (options.suggestions === 'text' && result.suggestions.length > 0) blocks.push(`Bạn có thể hỏi tiếp:\n${result.suggestions.map((q) => `- ${q}`).join('\n')}`);
  const messages: OutgoingMessage[] = splitForChat(blocks.filter(Boolean).join('\n\n')).map((text) => ({ text }));
  const last = messages.at(-1);
  if (options.suggestions === 'quick_replies' && last && result.suggestions.length > 0) {
    last.quickReplies = result.suggestions.slice(0, MAX_QUICK_REPLIES).map((q) => ({ title: quickReplyTitle(q), payload: q }));
  }
  return messages;
}

/** A text of our own (a notice, a staff answer) as messages. */
export function textMessages(text: string): OutgoingMessage[] {
  return splitForChat(text).map((t) => ({ text: t }));
}
