/**
 * @module
 * Text out of the PDF and DOCX files staff drop into `corpus/documents/` as published
 * (Node only). A PDF gives its text layer for the same cleaning as an extracted `.txt`; a
 * DOCX gives Markdown, so its heading styles and list items keep the outline. A file that
 * yields no usable text comes back with a `problem`: `buildCorpus` reports it and indexes
 * nothing from it.
 */
import mammoth from 'mammoth';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { CorpusFile } from './corpus.ts';
import { sentenceCase } from './derive-meta.ts';

export type Extracted = Omit<CorpusFile, 'path'>;

// A scanned page may still carry a few characters (a page number, an e-signature stamp);
// a page of plan text holds well over a thousand.
const MIN_CHARACTERS_PER_PAGE = 50;
// Word documents often type "I. MỤC ĐÍCH" or "1. Mục đích" in a Normal paragraph instead of
// using a Heading style; the text cleaner's rule (a short numbered line) makes them headings.
const OUTLINE_LABEL = /^(?:([IVXL]{1,5})|(\d{1,2}(?:\.\d{1,2}){0,3}))\.\s+\S/;
const MAX_HEADING_WORDS = 14;
/** A provincial plan runs to tens of pages; a thousand-page PDF is a compilation to split. */
const MAX_PDF_PAGES = 1000;

function failed(problem: string): Extracted {
  return { content: '', problem };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The PDF's own Title, unless it is a leftover such as "Microsoft Word - KH 123.docx" or "Untitled". */
function ownTitle(info: Record<string, unknown>): string | undefined {
  const title = typeof info.Title === 'string' ? info.Title.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
  const words = title.split(' ').filter((w) => /\p{L}/u.test(w)).length;
  if (words < 3 || /^microsoft\s/i.test(title) || /\.(docx?|pdf|odt|rtf)$/i.test(title) || title.includes('\uFFFD')) return undefined;
  return title;
}

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js refuses a Node Buffer and may detach the memory it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    return failed(`not a readable PDF: ${reason(error)}`);
  }
  if (pdf.numPages > MAX_PDF_PAGES) {
    const pages = pdf.numPages;
    await pdf.destroy();
    return failed(`too many pages to index: ${pages} (at most ${MAX_PDF_PAGES}); split the document`);
  }
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const characters = text.join('').replace(/\s/g, '').length;
    if (characters < MIN_CHARACTERS_PER_PAGE * totalPages) {
      return failed(`no text layer (scanned PDF?): ${plural(totalPages, 'page')}, ${plural(characters, 'character')} of text; run OCR or add a .txt version`);
    }
    const title = ownTitle((await getMeta(pdf)).info);
    // Pages join with a single line break: a sentence running over a page break must rejoin.
    return { content: text.join('\n'), ...(title ? { title } : {}) };
  } catch (error) {
    return failed(`not a readable PDF: ${reason(error)}`);
  } finally {
    await pdf.destroy();
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** One Markdown line for a DOCX block (h1–h6, p or li), or null when it holds no word. */
function markdownLine(tag: string, raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  const style = /^h([1-6])$/.exec(tag);
  if (style) return `${'#'.repeat(Number(style[1]))} ${sentenceCase(text.replace(/:$/, ''))}`;
  if (tag === 'li') return `- ${text.replace(/^[-–•+*]\s*/, '')}`;
  const label = OUTLINE_LABEL.exec(text);
  if (label && text.split(' ').length <= MAX_HEADING_WORDS && !/[.;,]$/.test(text)) {
    const level = label[1] ? 1 : 1 + (label[2] ?? '').split('.').length;
    return `${'#'.repeat(level)} ${sentenceCase(text.replace(/:$/, ''))}`;
  }
  return text.replace(/^[-–•+]\s*/, '- ');
}

/** Markdown from mammoth's HTML: headings stay headings, list items become "- " bullets, the rest paragraphs. */
function htmlToMarkdown(html: string): string {
  const lines: string[] = [];
  let block: { tag: string; text: string } | null = null;
  const flush = () => {
    const line = block && markdownLine(block.tag, block.text);
    if (line) lines.push(line);
    block = null;
  };
  for (const [, closing, name, text] of html.matchAll(/<(\/?)([a-z0-9]+)(?:[^>a-z0-9][^>]*)?>|([^<]+)/gi)) {
    const tag = name?.toLowerCase();
    if (text !== undefined) {
      block ??= { tag: 'p', text: '' };
      block.text += decodeEntities(text);
    } else if (tag === 'br') {
      if (block) block.text += ' ';
    } else if (tag && /^(h[1-6]|p|li)$/.test(tag) && !closing) {
      flush();
      block = { tag, text: '' };
    } else if (tag && /^(h[1-6]|p|li|ul|ol|table|tr|td|th)$/.test(tag)) {
      // A nested list or a table cell ends the block it interrupts.
      flush();
    }
  }
  flush();
  return lines.join('\n\n');
}

export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (error) {
    return failed(`not a readable DOCX: ${reason(error)}`);
  }
  const content = htmlToMarkdown(html);
  if (content === '') return failed('no text in the DOCX (only images?); run OCR or add a .txt version');
  return { content };
}
