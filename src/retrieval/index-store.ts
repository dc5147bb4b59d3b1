/**
 * @module
 * The built index on disk. Node only.
 *
 *     DATA_DIR/index/current.json        {"build": "<id>"}: the index being served
 *     DATA_DIR/index/<id>/manifest.json  what it was built from (IndexKey) and its figures
 *     DATA_DIR/index/<id>/corpus.json    the processed corpus
 *     DATA_DIR/index/<id>/embedder.json  the embedder's fitted state (hashed: its idf)
 *     DATA_DIR/index/<id>/vectors/       hnswlib.index + args.json + docstore.json, or vectors.f32
 *
 * A build is written into `.building-<pid>-<id>/`, every file fsynced, the directory
 * renamed to `<id>/` and fsynced, and only then does `current.json` (written to a temp
 * name, fsynced, renamed) point at it. A crash at any step leaves `current.json` naming
 * the old build, which keeps serving; the half-built directory is debris that the next
 * start removes (`removeDebris`).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, CorpusFile } from '../ingest/corpus.ts';
import { hashString } from '../text/index.ts';
import { HnswVectorIndex } from './hnsw-index.ts';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { ExactVectorIndex, type VectorIndex } from './vectors.ts';

export const FORMAT_VERSION = 2;

/** Everything an index is derived from: if any of it changes, the index is stale. */
export interface IndexKey {
  formatVersion: number;
  corpusHash: string;
  faqHash: string;
  textVersion: string;
  /** The embedder's id (it names its dimension), or null for a BM25-only index. */
  embedder: string | null;
  vectorIndex: 'hnsw' | 'exact' | null;
}

export interface Manifest extends IndexKey {
  build: string;
  builtAt: string;
  dimension: number | null;
  documents: number;
  passages: number;
  faq: number;
  buildMs: number;
  /** Milliseconds per build step (corpus, embedding, vector index). */
  timings: Record<string, number>;
}

const isFaqFile = (f: CorpusFile) => f.path.startsWith('faq/');

function hashFiles(files: CorpusFile[]): string {
  // A PDF or DOCX counts by its extracted text, Title and extraction problem: fixing a scanned file triggers a rebuild.
  return hashString(files.map((f) => `${f.path}\u0000${f.content}\u0000${f.title ?? ''}\u0000${f.problem ?? ''}`).join('\u0001'));
}

export function corpusHashes(files: CorpusFile[]): { corpusHash: string; faqHash: string } {
  return { corpusHash: hashFiles(files.filter((f) => !isFaqFile(f))), faqHash: hashFiles(files.filter(isFaqFile)) };
}

export function sameKey(a: IndexKey, b: IndexKey): boolean {
  return (
    a.formatVersion === b.formatVersion &&
    a.corpusHash === b.corpusHash &&
    a.faqHash === b.faqHash &&
    a.textVersion === b.textVersion &&
    a.embedder === b.embedder &&
    a.vectorIndex === b.vectorIndex
  );
}

const indexRoot = (dataDir: string) => join(dataDir, 'index');
const BUILD_ID = /^b-[0-9a-z-]+$/;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurable(path: string, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(path, 'w');
  try {
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Fsyncs every file under `dir`, then the directories themselves (bottom up). */
function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fsyncTree(path);
    else fsyncPath(path);
  }
  fsyncPath(dir);
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export interface StoredIndex {
  dir: string;
  manifest: Manifest;
}

/** The index `current.json` names, if its manifest is readable and of this format. */
export function readCurrentIndex(dataDir: string): StoredIndex | null {
  const pointer = readJson<{ build?: unknown }>(join(indexRoot(dataDir), 'current.json'));
  if (typeof pointer?.build !== 'string' || !BUILD_ID.test(pointer.build)) return null;
  const dir = join(indexRoot(dataDir), pointer.build);
  const manifest = readJson<Manifest>(join(dir, 'manifest.json'));
  if (!manifest || manifest.formatVersion !== FORMAT_VERSION || manifest.build !== pointer.build) return null;
  return { dir, manifest };
}

export function newBuildId(now: Date = new Date()): string {
  return `b-${now.toISOString().replace(/[-:.]/g, '').toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface IndexContent {
  corpus: Corpus;
  embedderState: unknown;
  vectors: VectorIndex | null;
}

async function writeVectors(dir: string, vectors: VectorIndex): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (vectors instanceof HnswVectorIndex) await vectors.save(dir);
  else if (vectors instanceof ExactVectorIndex) writeDurable(join(dir, 'vectors.f32'), new Uint8Array(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength));
  else throw new Error(`cannot save a ${vectors.kind} vector index`);
}

/**
 * Starts a build: its directory exists from the first step, so a crash at any point leaves
 * debris for `removeDebris`, never a half-written current index.
 */
export function beginBuild(dataDir: string, build: string): string {
  const root = indexRoot(dataDir);
  mkdirSync(root, { recursive: true });
  const building = join(root, `.building-${process.pid}-${build}`);
  mkdirSync(building);
  return building;
}

/** Writes the build's content, fsyncs it, renames it into place and makes it current. */
export async function commitBuild(dataDir: string, building: string, manifest: Manifest, content: IndexContent): Promise<string> {
  const root = indexRoot(dataDir);
  writeDurable(join(building, 'corpus.json'), JSON.stringify(content.corpus));
  writeDurable(join(building, 'embedder.json'), JSON.stringify(content.embedderState ?? null));
  if (content.vectors) await writeVectors(join(building, 'vectors'), content.vectors);
  writeDurable(join(building, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fsyncTree(building);
  const dir = join(root, manifest.build);
  renameSync(building, dir);
  fsyncPath(root);
  const pointerTemp = join(root, `.current-${process.pid}.tmp`);
  writeDurable(pointerTemp, JSON.stringify({ build: manifest.build }));
  renameSync(pointerTemp, join(root, 'current.json'));
  fsyncPath(root);
  // Older builds go: a process serving one holds it in memory, not open on disk.
  removeDebris(dataDir);
  return dir;
}

/** Removes a build that failed, so it does not wait for the next start. */
export function abandonBuild(building: string): void {
  rmSync(building, { recursive: true, force: true });
}

export interface LoadedContent {
  corpus: Corpus;
  embedderState: unknown;
  readVectors: (embeddings: EmbeddingsInterface) => Promise<VectorIndex | null>;
}

/** Reads a stored build; vectors are read once the caller has the embedder they need. */
export function loadIndexContent(stored: StoredIndex): LoadedContent | null {
  const corpus = readJson<Corpus>(join(stored.dir, 'corpus.json'));
  if (!corpus || corpus.passages.length !== stored.manifest.passages) return null;
  const embedderState = readJson<unknown>(join(stored.dir, 'embedder.json'));
  const vectorsDir = join(stored.dir, 'vectors');
  const { vectorIndex, dimension } = stored.manifest;
  const readVectors = async (embeddings: EmbeddingsInterface): Promise<VectorIndex | null> => {
    if (vectorIndex === 'hnsw') return HnswVectorIndex.load(vectorsDir, embeddings);
    if (vectorIndex === 'exact' && dimension) {
      const bytes = readFileSync(join(vectorsDir, 'vectors.f32'));
      return new ExactVectorIndex(dimension, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
    return null;
  };
  return { corpus, embedderState, readVectors };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what a crash or an older format left behind: half-written builds of processes
 * that are gone, builds other than the current one, stray temp files and the format-1
 * files. Returns the names removed.
 */
export function removeDebris(dataDir: string): string[] {
  const root = indexRoot(dataDir);
  if (!existsSync(root)) return [];
  const current = readCurrentIndex(dataDir)?.manifest.build;
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (name === 'current.json' || name === current) continue;
    const building = /^\.building-(\d+)-/.exec(name);
    if (building && Number(building[1]) !== process.pid && isAlive(Number(building[1]))) continue;
    if (building && Number(building[1]) === process.pid) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length) fsyncPath(root);
  return removed;
}
