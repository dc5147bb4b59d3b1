/**
 * @module
 * Assembles the corpus from its files (already read, PDF and DOCX already extracted):
 * documents become passages, FAQ entries are linked to their passage. Pure: the caller
 * reads files (Node) or passes a bundle (Workers). Problems are collected, never thrown,
 * so one bad file does not stop the others from being indexed.
 */
import { parse } from 'yaml';
import { looseForm } from '../text/index.ts';
import { cleanExtractedText, type Block } from './clean.ts';
import { chunkDocument } from './chunk.ts';
import { deriveMeta } from './derive-meta.ts';
import { parseFaq } from './faq.ts';
import { MarkdownError, parseMarkdown } from './markdown.ts';
import { documentMetaSchema, PARTICULARS_SECTION, SECTION_SEPARATOR, type DocumentMeta, type FaqEntry, type IngestIssue, type Passage } from './types.ts';

/**
 * Version of what turns files into passages (extraction, cleaning, chunking, metadata):
 * bump it with any change there, so deployed indexes are rebuilt on upgrade.
 */
export const INGEST_VERSION = 3;

/**
 * File order by code units, not `localeCompare`: the locale (LANG) must not change the
 * corpus hash or the order of passages between a shell and a service.
 */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface CorpusFile {
  /** Path relative to the corpus directory, with "/" separators, e.g. "documents/nq57.md". */
  path: string;
  /** The file's text; for a PDF the text extracted from it, for a DOCX Markdown made from it. */
  content: string;
  /** A PDF's own Title property, when it names the document. */
  title?: string;
  /** Why no text could be extracted (scanned, corrupt): the file is reported and skipped. */
  problem?: string;
}

export interface Corpus {
  documents: DocumentMeta[];
  passages: Passage[];
  faq: FaqEntry[];
  issues: IngestIssue[];
}

export type Progress = (done: number, total: number, file: string) => void;

const DOCUMENT_FILE = /^documents\/.*\.(md|txt|pdf|docx)$/i;
const TEXT_DOCUMENT = /\.(md|txt)$/i;

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.(md|txt|pdf|docx|ya?ml)$/i, '').replace(/\.meta$/i, '');
}

function applyErrata(meta: DocumentMeta, blocks: Block[], file: string, issues: IngestIssue[]): Set<Block> {
  const corrected = new Set<Block>();
  for (const erratum of meta.errata) {
    const hits = blocks.filter((b) => b.text.includes(erratum.find));
    if (hits.length === 0) issues.push({ file, line: null, message: `erratum not found in the text: "${erratum.find}"` });
    for (const block of hits) {
      block.text = `${block.text.split(erratum.find).join(erratum.replace)} (Đính chính: ${erratum.note})`;
      corrected.add(block);
    }
  }
  return corrected;
}

/** A passage stating the document's own particulars, from its metadata (for "ai ký", "số mấy"). */
function particularsPassage(meta: DocumentMeta, order: number): Passage {
  const unknown = 'không ghi trong văn bản hiện có';
  const lines = [
    `- ${meta.title}.`,
    `- Loại văn bản: ${meta.type}; cơ quan ban hành: ${meta.issuer ?? unknown}.`,
    `- Số hiệu: ${meta.number ?? unknown}; ngày ban hành: ${meta.date ?? unknown}.`,
    `- Người ký: ${meta.signer ? `${meta.signerTitle ? `${meta.signerTitle} ` : ''}${meta.signer}` : unknown}.`,
  ];
  if (meta.implements) lines.push(`- Văn bản này thực hiện ${meta.implements}.`);
  return { id: `${meta.id}:thong-tin-van-ban`, documentId: meta.id, path: [PARTICULARS_SECTION], text: lines.join('\n'), order };
}

interface DocumentSource {
  frontMatter: unknown;
  blocks: Block[];
}

function readMarkdown(file: CorpusFile, issues: IngestIssue[]): DocumentSource | null {
  try {
    return parseMarkdown(file.content);
  } catch (error) {
    if (!(error instanceof MarkdownError)) throw error;
    issues.push({ file: file.path, line: error.line, message: error.message });
    return null;
  }
}

/** Extracted text (.txt, PDF) or DOCX Markdown, with its .meta.yaml; a PDF or DOCX may do without one. */
function readExtracted(file: CorpusFile, metaFile: CorpusFile | undefined, issues: IngestIssue[]): DocumentSource | null {
  const blocks = /\.docx$/i.test(file.path) ? parseMarkdown(file.content).blocks : cleanExtractedText(file.content);
  if (!metaFile) {
    if (!TEXT_DOCUMENT.test(file.path)) return { frontMatter: deriveMeta(file, blocks), blocks };
    issues.push({ file: file.path, line: null, message: `missing metadata file ${baseName(file.path)}.meta.yaml beside the document` });
    return null;
  }
  try {
    return { frontMatter: parse(metaFile.content), blocks };
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? null;
    issues.push({ file: metaFile.path, line, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return null;
  }
}

function loadDocument(file: CorpusFile, metaFile: CorpusFile | undefined, issues: IngestIssue[]): { meta: DocumentMeta; passages: Passage[] } | null {
  if (file.problem) {
    issues.push({ file: file.path, line: null, message: file.problem });
    return null;
  }
  const id = baseName(file.path);
  if (!file.content.trim()) {
    issues.push({ file: file.path, line: null, message: 'the file is empty: nothing to index' });
    return null;
  }
  const source = /\.md$/i.test(file.path) ? readMarkdown(file, issues) : readExtracted(file, metaFile, issues);
  if (!source) return null;
  const { frontMatter, blocks } = source;
  const parsed = documentMetaSchema.safeParse(frontMatter ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.join('.') || 'metadata';
    const missing = first?.code === 'invalid_type' && (frontMatter as Record<string, unknown> | null)?.[field] === undefined;
    const where = metaFile ? 'the .meta.yaml' : 'the front matter';
    issues.push({ file: metaFile?.path ?? file.path, line: 1, message: missing ? `metadata: "${field}" is missing (add it to ${where})` : `metadata: ${field}: ${first?.message}` });
    return null;
  }
  const meta: DocumentMeta = { ...parsed.data, id };
  applyErrata(meta, blocks, metaFile?.path ?? file.path, issues);
  const passages = chunkDocument(id, blocks);
  if (passages.length === 0) {
    issues.push({ file: file.path, line: null, message: 'the document has no text to index' });
    return null;
  }
  if (!meta.compiledBy) passages.unshift(particularsPassage(meta, -1));
  return { meta, passages };
}

/**
 * Links an FAQ entry to the passage its `section` names (the start of an outline path) in
 * its `document`: the source shown with its answer. A problem is a sentence staff can act on.
 */
export function linkFaqEntry(entry: Omit<FaqEntry, 'passageId'>, passages: readonly Passage[], documents: ReadonlyMap<string, DocumentMeta>): FaqEntry | { problem: string } {
  if (!documents.has(entry.document)) return { problem: `FAQ entry "${entry.id}": unknown document "${entry.document}"` };
  const want = entry.section ? looseForm(entry.section) : '';
  const passage = passages.find((p) => p.documentId === entry.document && looseForm(p.path.join(SECTION_SEPARATOR)).startsWith(want));
  if (!passage) return { problem: `FAQ entry "${entry.id}": no section "${entry.section}" in ${entry.document}` };
  return { ...entry, passageId: passage.id };
}

function linkFaq(file: CorpusFile, passages: Passage[], documents: Map<string, DocumentMeta>, issues: IngestIssue[]): FaqEntry[] {
  const { entries, issues: faqIssues } = parseFaq(file.path, file.content);
  issues.push(...faqIssues);
  const linked: FaqEntry[] = [];
  for (const { entry, line } of entries) {
    const result = linkFaqEntry({ ...entry }, passages, documents);
    if ('problem' in result) issues.push({ file: file.path, line, message: result.problem });
    else linked.push(result);
  }
  return linked;
}

/** Builds the corpus from its files; `issues` lists every file that could not be used, and why. */
export function buildCorpus(files: CorpusFile[], onProgress?: Progress): Corpus {
  const issues: IngestIssue[] = [];
  const documents = new Map<string, DocumentMeta>();
  const passages: Passage[] = [];
  const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
  const metaFiles = new Map(sorted.filter((f) => /\.meta\.ya?ml$/i.test(f.path)).map((f) => [baseName(f.path), f]));
  // A .md or .txt beside a PDF or DOCX of the same name is its text version (OCR, a fix) and replaces it.
  const textIds = new Set(sorted.filter((f) => DOCUMENT_FILE.test(f.path) && TEXT_DOCUMENT.test(f.path)).map((f) => baseName(f.path)));
  const documentFiles = sorted.filter((f) => DOCUMENT_FILE.test(f.path) && (TEXT_DOCUMENT.test(f.path) || !textIds.has(baseName(f.path))));
  const faqFiles = sorted.filter((f) => /^faq\/.*\.ya?ml$/i.test(f.path));
  const total = documentFiles.length + faqFiles.length;
  let done = 0;
  for (const file of documentFiles) {
    const id = baseName(file.path);
    if (documents.has(id)) {
      issues.push({ file: file.path, line: null, message: `duplicate document id "${id}"` });
    } else {
      const loaded = loadDocument(file, metaFiles.get(id), issues);
      if (loaded) {
        documents.set(id, loaded.meta);
        passages.push(...loaded.passages);
      }
    }
    onProgress?.(++done, total, file.path);
  }
  const faq: FaqEntry[] = [];
  for (const file of faqFiles) {
    faq.push(...linkFaq(file, passages, documents, issues));
    onProgress?.(++done, total, file.path);
  }
  return { documents: [...documents.values()], passages, faq, issues };
}
