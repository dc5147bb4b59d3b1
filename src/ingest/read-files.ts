/**
 * @module
 * Reads the corpus directory from disk (Node only; Workers get a prebuilt index). PDF and
 * DOCX documents are extracted to text here, so that `buildCorpus` stays pure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { CorpusFile } from './corpus.ts';
import { extractDocx, extractPdf, type Extracted } from './extract.ts';

const TEXT_FILE = /\.(md|txt|ya?ml)$/i;
const EXTRACTORS: Record<string, (bytes: Uint8Array) => Promise<Extracted>> = { '.pdf': extractPdf, '.docx': extractDocx };

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

export async function readCorpusFiles(corpusDir: string): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  for (const full of listFiles(corpusDir)) {
    const path = relative(corpusDir, full).split(sep).join('/');
    // Only documents are extracted: a PDF kept elsewhere (an original, a scan) is not read.
    const extract = path.startsWith('documents/') ? EXTRACTORS[extname(full).toLowerCase()] : undefined;
    if (extract) files.push({ path, ...(await extract(readFileSync(full))) });
    else if (TEXT_FILE.test(full)) files.push({ path, content: readFileSync(full, 'utf8') });
  }
  return files;
}
