/**
 * @module
 * Markdown documents with YAML front matter: headings (`#`, `##`, …) give the outline,
 * `- ` lines are bullets, other lines join into paragraphs.
 */
import { parse } from 'yaml';
import type { Block } from './clean.ts';

export interface MarkdownDocument {
  frontMatter: unknown;
  blocks: Block[];
}

export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * "## Mục tiêu ##" → level 2, "Mục tiêu": the closing hashes and the spaces before them go,
 * one character at least stays; null when the line is no heading (its text may not span a
 * line break). A loop, not "(.+?)\s*#*$": that pattern backtracks quadratically on a long line.
 */
function headingOf(line: string): { level: number; text: string } | null {
  const match = /^(#{1,6})\s+(\S[^]*)$/.exec(line);
  const rest = match?.[2];
  if (!rest) return null;
  let end = rest.length;
  while (end > 0 && rest[end - 1] === '#') end--;
  const text = rest.slice(0, end).trimEnd() || rest.slice(0, 1);
  return /[\n\r\u2028\u2029]/.test(text) ? null : { level: (match[1] ?? '#').length, text };
}

export function parseMarkdown(source: string): MarkdownDocument {
  const lines = source.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  let frontMatter: unknown = {};
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end < 0) throw new MarkdownError('front matter is not closed with "---"', 1);
    try {
      frontMatter = parse(lines.slice(1, end).join('\n'));
    } catch (error) {
      const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 0;
      throw new MarkdownError(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 1 + line);
    }
    start = end + 1;
  }
  const blocks: Block[] = [];
  let paragraph: Block | null = null;
  const flush = () => {
    if (paragraph) blocks.push(paragraph);
    paragraph = null;
  };
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    const lineNo = i + 1;
    const heading = headingOf(text);
    if (text === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading.level, text: heading.text, line: lineNo });
    } else if (/^[-*+]\s+/.test(text)) {
      flush();
      paragraph = { kind: 'bullet', level: 0, text: `- ${text.replace(/^[-*+]\s+/, '')}`, line: lineNo };
    } else if (paragraph) {
      (paragraph as Block).text += ` ${text}`;
    } else {
      paragraph = { kind: 'paragraph', level: 0, text, line: lineNo };
    }
  }
  flush();
  for (const block of blocks) block.text = block.text.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
  return { frontMatter, blocks };
}
