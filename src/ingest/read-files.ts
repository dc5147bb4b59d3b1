/**
 * @module
 * Reads the corpus directory from disk (Node only; Workers get a prebuilt index). Two steps:
 * `readCorpusSources` reads the files' bytes (cheap: enough to tell whether the index is
 * stale), `extractCorpusFiles` turns PDF and DOCX documents into text (costly: done only
 * when building, off the request path), so that `buildCorpus` stays pure.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { comparePaths, type CorpusFile } from './corpus.ts';
import type { Extracted } from './extract.ts';

const TEXT_FILE = /\.(md|txt|ya?ml)$/i;
// Loaded when a PDF or DOCX is extracted, not before: pdf.js and mammoth weigh on every process.
const EXTRACTORS: Record<string, (bytes: Uint8Array) => Promise<Extracted>> = {
  '.pdf': async (bytes) => (await import('./extract.ts')).extractPdf(bytes),
  '.docx': async (bytes) => (await import('./extract.ts')).extractDocx(bytes),
};
/** A published plan is a few MB; a file far larger is a mistake (a scan at print resolution, a video). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface CorpusSource {
  /** Relative to the corpus directory, "/"-separated. */
  path: string;
  bytes: Buffer;
  /** Why the file could not be read; it is reported and skipped. */
  problem?: string;
}

function listFiles(dir: string, problems: CorpusSource[], corpusDir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => {
      const full = join(dir, name);
      try {
        return statSync(full).isDirectory() ? listFiles(full, problems, corpusDir) : [full];
      } catch (error) {
        problems.push({ path: relative(corpusDir, full).split(sep).join('/'), bytes: Buffer.alloc(0), problem: `cannot read: ${(error as Error).message}` });
        return [];
      }
    });
}

const isExtracted = (path: string) => path.startsWith('documents/') && extname(path).toLowerCase() in EXTRACTORS;

/** The corpus files' bytes; a file that cannot be read, or is too large, carries a problem instead. */
export function readCorpusSources(corpusDir: string): CorpusSource[] {
  const sources: CorpusSource[] = [];
  for (const full of listFiles(corpusDir, sources, corpusDir)) {
    const path = relative(corpusDir, full).split(sep).join('/');
    // Only documents are extracted: a PDF kept elsewhere (an original, a scan) is not read.
    if (!isExtracted(path) && !TEXT_FILE.test(path)) continue;
    try {
      const size = statSync(full).size;
      if (size > MAX_FILE_BYTES) sources.push({ path, bytes: Buffer.alloc(0), problem: `too large to index: ${Math.round(size / 1048576)} MB (at most ${MAX_FILE_BYTES / 1048576} MB)` });
      else sources.push({ path, bytes: readFileSync(full) });
    } catch (error) {
      sources.push({ path, bytes: Buffer.alloc(0), problem: `cannot read: ${(error as Error).message}` });
    }
  }
  return sources.sort((a, b) => comparePaths(a.path, b.path));
}

function hashSources(sources: CorpusSource[]): string {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(`${s.path}\u0000${s.problem ?? ''}\u0000${s.bytes.length}\u0000`).update(s.bytes);
  return hash.digest('hex').slice(0, 16);
}

/** What the index records of the files it was built from: the documents' and the FAQ's bytes, apart. */
export function corpusHashes(sources: CorpusSource[]): { corpusHash: string; faqHash: string } {
  const isFaq = (s: CorpusSource) => s.path.startsWith('faq/');
  return { corpusHash: hashSources(sources.filter((s) => !isFaq(s))), faqHash: hashSources(sources.filter(isFaq)) };
}

/** The files as `buildCorpus` takes them: text as is, PDF and DOCX extracted. */
export async function extractCorpusFiles(sources: CorpusSource[]): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  for (const { path, bytes, problem } of sources) {
    const extract = isExtracted(path) ? EXTRACTORS[extname(path).toLowerCase()] : undefined;
    if (problem) files.push({ path, content: '', problem });
    else if (extract) files.push({ path, ...(await extract(bytes)) });
    else files.push({ path, content: bytes.toString('utf8') });
  }
  return files;
}

export async function readCorpusFiles(corpusDir: string): Promise<CorpusFile[]> {
  return extractCorpusFiles(readCorpusSources(corpusDir));
}
