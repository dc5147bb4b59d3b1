/**
 * @module
 * The built index on disk: a manifest (what it was built from) and the processed corpus.
 * The index is derived data: when the corpus, the FAQ or the text processing changes, the
 * manifest no longer matches and the index is rebuilt. Files are written to a temporary
 * name, fsynced and renamed, so a crash never leaves a half-written index in place.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus, type Corpus, type CorpusFile, type Progress } from '../ingest/corpus.ts';
import { hashString, TEXT_VERSION } from '../text/index.ts';

export interface Manifest {
  formatVersion: 1;
  corpusHash: string;
  textVersion: string;
  embedder: string;
  builtAt: string;
  documents: number;
  passages: number;
  faq: number;
  buildMs: number;
}

export function corpusHash(files: CorpusFile[]): string {
  return hashString(files.map((f) => `${f.path}\u0000${f.content}`).join('\u0001'));
}

function writeAtomic(path: string, content: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export interface LoadedIndex {
  corpus: Corpus;
  manifest: Manifest;
  rebuilt: boolean;
}

/** Loads the index from `dataDir` if it matches the corpus files, else builds and saves it. */
export function loadOrBuildIndex(files: CorpusFile[], dataDir: string, options: { force?: boolean; onProgress?: Progress } = {}): LoadedIndex {
  const dir = join(dataDir, 'index');
  const hash = corpusHash(files);
  const manifest = readJson<Manifest>(join(dir, 'manifest.json'));
  if (!options.force && manifest && manifest.corpusHash === hash && manifest.textVersion === TEXT_VERSION && manifest.formatVersion === 1) {
    const corpus = readJson<Corpus>(join(dir, 'corpus.json'));
    if (corpus && corpus.passages.length === manifest.passages) return { corpus, manifest, rebuilt: false };
  }
  const started = performance.now();
  const corpus = buildCorpus(files, options.onProgress);
  const fresh: Manifest = {
    formatVersion: 1,
    corpusHash: hash,
    textVersion: TEXT_VERSION,
    embedder: 'none',
    builtAt: new Date().toISOString(),
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    faq: corpus.faq.length,
    buildMs: Math.round(performance.now() - started),
  };
  mkdirSync(dir, { recursive: true });
  // The manifest goes last: an index whose manifest was not written is rebuilt at next start.
  writeAtomic(join(dir, 'corpus.json'), JSON.stringify(corpus));
  writeAtomic(join(dir, 'manifest.json'), JSON.stringify(fresh, null, 2));
  fsyncDirectory(dir);
  return { corpus, manifest: fresh, rebuilt: true };
}
