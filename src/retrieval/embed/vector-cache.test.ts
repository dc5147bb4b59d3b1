import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VectorCache } from './vector-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'nq57-vector-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function filled(id = 'model-a'): VectorCache {
  const cache = new VectorCache(id, 3);
  cache.set('k1', Float32Array.of(1, 0, 0));
  cache.set('k2', Float32Array.of(0.5, -0.25, 0.125));
  return cache;
}

describe('VectorCache', () => {
  it('reads back exactly the vectors it wrote', async () => {
    const file = join(dir, 'round-trip.bin');
    expect(await filled().save(file)).toBe(2);
    const restored = new VectorCache('model-a', 3);
    expect(await restored.load(file)).toBe(2);
    expect(restored.get('k2')).toEqual(Float32Array.of(0.5, -0.25, 0.125));
    expect(restored.get('k1')).toEqual(Float32Array.of(1, 0, 0));
  });

  it('adds nothing from a missing file or one written for another model or dimension', async () => {
    const file = join(dir, 'other.bin');
    await filled().save(file);
    expect(await new VectorCache('model-a', 3).load(join(dir, 'absent.bin'))).toBe(0);
    expect(await new VectorCache('model-b', 3).load(file)).toBe(0);
    expect(await new VectorCache('model-a', 4).load(file)).toBe(0);
  });

  it('refuses a truncated or foreign file, naming it', async () => {
    const file = join(dir, 'truncated.bin');
    await filled().save(file);
    writeFileSync(file, readFileSync(file).subarray(0, -4));
    await expect(new VectorCache('model-a', 3).load(file)).rejects.toThrow(`vector cache ${file} is damaged (truncated)`);
    writeFileSync(file, 'not a cache at all');
    await expect(new VectorCache('model-a', 3).load(file)).rejects.toThrow(/damaged \(not a vector cache\)/);
  });
});
