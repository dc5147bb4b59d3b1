import { describe, expect, it } from 'vitest';
import { createScryptHasher } from '../scrypt.ts';
import { createPortableScryptHasher } from './scrypt.ts';

// Tests lower the cost; the stored form carries it, so each side verifies the other's.
const cost = { N: 2 ** 10, r: 8, p: 1 };

describe('scrypt on Workers', () => {
  it("verifies the Node server's hashes, and Node verifies its hashes: one stored form on both runtimes", async () => {
    const node = createScryptHasher(cost);
    const worker = createPortableScryptHasher(cost);
    const fromNode = await node.hash('mật khẩu quản trị dài');
    const fromWorker = await worker.hash('mật khẩu quản trị dài');
    expect(fromWorker).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await worker.verify('mật khẩu quản trị dài', fromNode)).toBe(true);
    expect(await node.verify('mật khẩu quản trị dài', fromWorker)).toBe(true);
    expect(await worker.verify('mật khẩu sai', fromNode)).toBe(false);
    // NFC: the same password typed with combining marks.
    expect(await worker.verify('mật khẩu quản trị dài'.normalize('NFD'), fromNode)).toBe(true);
  });

  it('refuses malformed or abusive stored hashes without computing them', async () => {
    const worker = createPortableScryptHasher(cost);
    for (const stored of ['', 'bcrypt$x', 'scrypt$3$8$1$AA$AA', 'scrypt$4194304$8$1$AA$AA', 'scrypt$1024$8$1$@@$AA']) expect(await worker.verify('x', stored)).toBe(false);
  });
});
