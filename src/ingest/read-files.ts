/**
 * @module
 * Reads the corpus directory from disk (Node only; Workers get a prebuilt index).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CorpusFile } from './corpus.ts';

const CORPUS_FILE = /\.(md|txt|ya?ml)$/i;

export function readCorpusFiles(corpusDir: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (CORPUS_FILE.test(name)) files.push({ path: relative(corpusDir, full).split(sep).join('/'), content: readFileSync(full, 'utf8') });
    }
  };
  walk(corpusDir);
  return files;
}
