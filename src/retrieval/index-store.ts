/**
 * @module
 * The built index on disk. Node only.
 *
 *     DATA_DIR/index/current.json        {"build": "<id>"}: the index being served
 *     DATA_DIR/index/<id>/manifest.json  what it was built from (IndexKey) and its figures
 *     DATA_DIR/index/<id>/corpus.json    the processed corpus
 *     DATA_DIR/index/<id>/bm25.json, bm25.bin   the BM25 index (terms; postings as typed arrays)
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
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { packBm25, unpackBm25 } from '../engine/codec.ts';
import { FORMAT_VERSION, type Manifest } from '../engine/manifest.ts';
import type { Corpus } from '../ingest/corpus.ts';
import { Bm25Index, type Bm25Parts } from './bm25.ts';
import { HnswVectorIndex } from './hnsw-index.ts';
import { ExactVectorIndex, type VectorIndex } from './vectors.ts';

export { FORMAT_VERSION, sameKey, type IndexKey, type Manifest } from '../engine/manifest.ts';

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
  passageIndex: Bm25Index;
  embedderState: unknown;
  vectors: VectorIndex | null;
}

function writeBm25(dir: string, parts: Bm25Parts): void {
  writeDurable(join(dir, 'bm25.json'), JSON.stringify(parts.terms));
  writeDurable(join(dir, 'bm25.bin'), packBm25(parts));
}

function readBm25(dir: string, passages: number): Bm25Index {
  const terms = JSON.parse(readFileSync(join(dir, 'bm25.json'), 'utf8')) as string[];
  return Bm25Index.fromParts(unpackBm25(terms, readFileSync(join(dir, 'bm25.bin')), passages));
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
  writeBm25(building, content.passageIndex.toParts());
  writeDurable(join(building, 'embedder.json'), JSON.stringify(content.embedderState ?? null));
  if (content.vectors) await writeVectors(join(building, 'vectors'), content.vectors);
  writeDurable(join(building, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fsyncTree(building);
  const dir = join(root, manifest.build);
  renameSync(building, dir);
  fsyncPath(root);
  const previous = readCurrentIndex(dataDir)?.manifest.build;
  const pointerTemp = join(root, `.current-${process.pid}.tmp`);
  writeDurable(pointerTemp, JSON.stringify({ build: manifest.build }));
  renameSync(pointerTemp, join(root, 'current.json'));
  fsyncPath(root);
  // Older builds go, but the one just replaced stays a generation: another process may be
  // opening it right now. A process serving a build holds it in memory, not open on disk.
  removeDebris(dataDir, { keep: previous });
  return dir;
}

/** Removes a build that failed, so it does not wait for the next start. */
export function abandonBuild(building: string): void {
  rmSync(building, { recursive: true, force: true });
}

export interface LoadedContent {
  corpus: Corpus;
  /** Null when the build has none or it is unreadable (built before BM25 was stored): rebuilt from the corpus. */
  passageIndex: Bm25Index | null;
  embedderState: unknown;
  readVectors: (embeddings: EmbeddingsInterface) => Promise<VectorIndex | null>;
}

/** Reads a stored build; vectors are read once the caller has the embedder they need. */
export function loadIndexContent(stored: StoredIndex): LoadedContent | null {
  const corpus = readJson<Corpus>(join(stored.dir, 'corpus.json'));
  if (!corpus || corpus.passages.length !== stored.manifest.passages) return null;
  let passageIndex: Bm25Index | null = null;
  try {
    passageIndex = readBm25(stored.dir, corpus.passages.length);
  } catch {
    // Builds from before BM25 was stored, or a damaged file: the searcher builds it.
  }
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
  return { corpus, passageIndex, embedderState, readVectors };
}

/** Whether a process exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what a crash or an older format left behind: unfinished builds of processes that
 * are gone, builds other than the current one (and `keep`), stray temp files and the
 * format-1 files. `ownBuilds`: this process has no build in progress (at start, or after a
 * build failed), so its own unfinished builds go too; a restarted server often gets the
 * same pid (PID 1 in a container). Best effort: what cannot be removed now is left for the
 * next time. Returns the names removed.
 */
export function removeDebris(dataDir: string, options: { ownBuilds?: boolean; keep?: string } = {}): string[] {
  const root = indexRoot(dataDir);
  if (!existsSync(root)) return [];
  const current = readCurrentIndex(dataDir)?.manifest.build;
  // A pointer that cannot be read is no ground to delete builds: one of them may be the current one.
  if (!current && existsSync(join(root, 'current.json'))) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (name === 'current.json' || name === current || name === options.keep) continue;
    // A build newer than the current one (ids sort by time) is another process's, about to become current.
    if (current && BUILD_ID.test(name) && name > current) continue;
    const owner = /^\.(?:building|current)-(\d+)[-.]/.exec(name);
    const pid = owner ? Number(owner[1]) : null;
    if (pid !== null && (pid === process.pid ? !options.ownBuilds : isAlive(pid))) continue;
    try {
      rmSync(join(root, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Busy or gone: the next start tries again.
    }
  }
  if (removed.length) fsyncPath(root);
  return removed;
}
