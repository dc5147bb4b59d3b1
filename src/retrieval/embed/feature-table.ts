/**
 * @module
 * Document frequencies of hashed features: an open-addressing table keyed by the 32-bit
 * feature hash, in flat typed arrays (a Map of a million features measured 38 MB of heap
 * for the collector to trace), serialised as base64 of the sorted keys and their counts.
 * Only `btoa`/`atob`, so it runs wherever the core runs.
 */

export class FeatureTable {
  private readonly keys: Uint32Array;
  private readonly counts: Uint32Array;
  private readonly mask: number;

  /** `features` sorted ascending and unique; `frequencies[i]` ≥ 1 is the count of `features[i]`. */
  constructor(
    readonly features: Uint32Array,
    readonly frequencies: Uint32Array,
  ) {
    let capacity = 16;
    while (capacity < features.length * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < features.length; i++) this.insert(features[i] as number, frequencies[i] as number);
  }

  private insert(key: number, count: number): void {
    let slot = key & this.mask;
    while (this.counts[slot] !== 0) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.counts[slot] = count;
  }

  /** The frequency of a feature, 0 when it was never seen. Keys are hashes already: no re-mixing. */
  get(key: number): number {
    let slot = key & this.mask;
    for (;;) {
      const count = this.counts[slot] as number;
      if (count === 0) return 0;
      if (this.keys[slot] === key) return count;
      slot = (slot + 1) & this.mask;
    }
  }

  get size(): number {
    return this.features.length;
  }

  /** Builds the table from per-feature counts gathered while fitting. */
  static fromCounts(counts: Map<number, number>): FeatureTable {
    const features = Uint32Array.from(counts.keys()).sort();
    const frequencies = features.map((f) => counts.get(f) ?? 0);
    return new FeatureTable(features, frequencies);
  }

  toJSON(): { features: string; frequencies: string } {
    return { features: toBase64(this.features), frequencies: toBase64(this.frequencies) };
  }

  static fromJSON(json: { features: string; frequencies: string }): FeatureTable {
    const features = fromBase64(json.features);
    const frequencies = fromBase64(json.frequencies);
    if (features.length !== frequencies.length) throw new Error('feature table: features and frequencies differ in length');
    return new FeatureTable(features, frequencies);
  }
}

// Little-endian byte order, fixed through DataView so a saved table reads back anywhere.
function toBase64(values: Uint32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint32Array {
  const binary = atob(text);
  if (binary.length % 4 !== 0) throw new Error('feature table: truncated data');
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  return Uint32Array.from({ length: binary.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}
