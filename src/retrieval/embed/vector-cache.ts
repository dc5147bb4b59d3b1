/**
 * @module
 * Passage vectors by content hash, in memory and optionally in one file, so a rebuild after
 * a one-passage change embeds one passage (a model embeds ~5–15 ms per passage; research
 * §4). The file is `NQ57VEC1`, a little-endian uint32 header length, a JSON header (model
 * id, dimension, keys) padded to 4 bytes, then the float32 vectors in key order. It is
 * written to a temporary file and renamed, so a crash never leaves half a cache.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

const MAGIC = 'NQ57VEC1';

interface Header {
  id: string;
  dimension: number;
  keys: string[];
}

export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly used = new Set<string>();

  constructor(
    readonly id: string,
    readonly dimension: number,
  ) {}

  get size(): number {
    return this.vectors.size;
  }

  get(key: string): Float32Array | undefined {
    const vector = this.vectors.get(key);
    if (vector) this.used.add(key);
    return vector;
  }

  set(key: string, vector: Float32Array): void {
    this.vectors.set(key, vector);
    this.used.add(key);
  }

  /**
   * Adds the vectors of a cache file; returns how many. A missing file, or one written for
   * another model or dimension, adds none. A damaged file throws (delete it to start afresh).
   */
  async load(path: string): Promise<number> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const { header, data } = parse(bytes, path);
    if (header.id !== this.id || header.dimension !== this.dimension) return 0;
    header.keys.forEach((key, i) => {
      if (!this.vectors.has(key)) this.vectors.set(key, data.slice(i * this.dimension, (i + 1) * this.dimension));
    });
    return header.keys.length;
  }

  /** Writes the cache; `prune` keeps only vectors read or added since this process started. */
  async save(path: string, options: { prune?: boolean } = {}): Promise<number> {
    const keys = [...this.vectors.keys()].filter((k) => !options.prune || this.used.has(k));
    const json = new TextEncoder().encode(JSON.stringify({ id: this.id, dimension: this.dimension, keys } satisfies Header));
    const start = align4(MAGIC.length + 4 + json.length);
    const bytes = new Uint8Array(start + keys.length * this.dimension * 4);
    bytes.set(new TextEncoder().encode(MAGIC));
    new DataView(bytes.buffer).setUint32(MAGIC.length, json.length, true);
    bytes.set(json, MAGIC.length + 4);
    const data = new Float32Array(bytes.buffer, start);
    keys.forEach((key, i) => data.set(this.vectors.get(key) as Float32Array, i * this.dimension));
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      // Fsynced before the rename: a power cut must leave the old cache or the new one, never a torn file.
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return keys.length;
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function parse(bytes: Buffer, path: string): { header: Header; data: Float32Array } {
  const damaged = (why: string) => new Error(`vector cache ${path} is damaged (${why}); delete it to rebuild it`);
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw damaged('not a vector cache');
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  } catch {
    throw damaged('unreadable header');
  }
  if (typeof header.id !== 'string' || !Number.isInteger(header.dimension) || !Array.isArray(header.keys)) throw damaged('bad header');
  const start = align4(MAGIC.length + 4 + headerLength);
  const length = header.keys.length * header.dimension;
  if (bytes.length !== start + length * 4) throw damaged('truncated');
  // Copy into an aligned buffer: Buffer's own offset need not be a multiple of 4.
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + length * 4));
  return { header, data };
}
