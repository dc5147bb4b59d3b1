/**
 * @module
 * Staff passwords on Workers: the same scrypt, parameters and stored form as on Node
 * (`scrypt$N$r$p$salt$hash`, src/entry/scrypt.ts), computed by @noble/hashes in JavaScript
 * since Web Crypto has no scrypt. Hashes move between runtimes (a database exported from
 * SQLite into D1) and verify on either. Cost: about a second of CPU per login at N=2^15,
 * r=8, p=3 and 32 MiB of memory, within the Workers Paid plan's CPU limit (30 s by default);
 * PBKDF2 in Web Crypto would be faster but Workers caps it at 100,000 iterations, a sixth of
 * what OWASP asks for PBKDF2-SHA256.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { formatScryptHash, parseScryptHash, SCRYPT_COST, SCRYPT_KEY_BYTES as KEY_BYTES, SCRYPT_SALT_BYTES as SALT_BYTES, type PasswordHasher, type ScryptCost } from '../../admin/auth/passwords.ts';

function toBase64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function derive(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Uint8Array> {
  return scryptAsync(new TextEncoder().encode(password.normalize('NFC')), salt, { ...cost, dkLen: KEY_BYTES, maxmem: 256 * cost.N * cost.r });
}

/** `cost` is lowered only by tests. */
export function createPortableScryptHasher(cost: ScryptCost = SCRYPT_COST): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const key = await derive(password, salt, cost);
      return formatScryptHash(cost, toBase64url(salt), toBase64url(key));
    },
    async verify(password, stored) {
      // A stored hash decides its own cost, within bounds a forged row could not abuse.
      const parsed = parseScryptHash(stored);
      if (!parsed) return false;
      const salt = fromBase64url(parsed.salt);
      const expected = fromBase64url(parsed.key);
      if (!salt || !expected) return false;
      const key = await derive(password, salt, parsed.cost);
      let diff = expected.length ^ key.length;
      for (let i = 0; i < key.length; i++) diff |= (expected[i] ?? 0) ^ (key[i] as number);
      return diff === 0;
    },
  };
}
