/**
 * @module
 * Splits a document's blocks into passages that follow its own outline: each passage
 * belongs to one section (its heading path), holds whole bullets and sentences, and
 * stays within a bounded length so that a passage shown as a source is readable.
 */
import { hashString, looseForm } from '../text/index.ts';
import type { Block } from './clean.ts';
import type { Passage } from './types.ts';

const TARGET_WORDS = 90;
const MAX_WORDS = 160;

interface Section {
  path: string[];
  blocks: Block[];
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Groups blocks under the headings above them. */
export function outlineSections(blocks: Block[]): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  let current: Section = { path: [], blocks: [] };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (current.blocks.length > 0) sections.push(current);
      while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= block.level) stack.pop();
      stack.push({ level: block.level, text: block.text });
      current = { path: stack.map((s) => s.text), blocks: [] };
    } else {
      current.blocks.push(block);
    }
  }
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/** Splits text into sentences, keeping the end punctuation; never splits inside "57-NQ/TW" or "1.000". */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=["'(]?[\p{Lu}\d-])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Pieces no longer than MAX_WORDS: long blocks are cut between sentences. */
function pieces(block: Block): string[] {
  if (wordCount(block.text) <= MAX_WORDS) return [block.text];
  const out: string[] = [];
  let piece = '';
  for (const sentence of splitSentences(block.text)) {
    if (piece && wordCount(piece) + wordCount(sentence) > MAX_WORDS) {
      out.push(piece);
      piece = block.kind === 'bullet' ? `- ${sentence}` : sentence;
    } else {
      piece = piece ? `${piece} ${sentence}` : sentence;
    }
  }
  if (piece) out.push(piece);
  return out;
}

/** Passages of one document, in reading order, with stable ids. */
export function chunkDocument(documentId: string, blocks: Block[]): Passage[] {
  const passages: Passage[] = [];
  const seen = new Map<string, number>();
  for (const section of outlineSections(blocks)) {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length === 0) return;
      const text = lines.join('\n');
      const base = `${documentId}:${hashString(looseForm(section.path.join('/'))).slice(0, 6)}:${hashString(text).slice(0, 10)}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      passages.push({ id: n === 0 ? base : `${base}-${n}`, documentId, path: section.path, text, order: passages.length });
      lines = [];
    };
    for (const block of section.blocks) {
      for (const piece of pieces(block)) {
        const words = wordCount(lines.join(' '));
        if (lines.length > 0 && (words >= TARGET_WORDS || words + wordCount(piece) > MAX_WORDS)) flush();
        lines.push(piece);
      }
    }
    flush();
  }
  return passages;
}
