/**
 * @module
 * Password hashing as an interface: scrypt (node:crypto) on Node, injected by the entry, so
 * the core stays free of `node:` imports. Stored hashes name their parameters, so stronger
 * ones can be introduced while old hashes still verify.
 */
import { z } from 'zod';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant time in the password; false for a malformed hash. */
  verify(password: string, stored: string): Promise<boolean>;
}

/** scrypt's cost, the same on both runtimes (hashes move between them); see src/entry/scrypt.ts for the choice. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };
export const SCRYPT_KEY_BYTES = 32;
export const SCRYPT_SALT_BYTES = 16;

/** A stored `scrypt$N$r$p$salt$hash` read back: its cost (within bounds a forged row could not abuse) and its base64url parts; null when malformed. */
export function parseScryptHash(stored: string): { cost: ScryptCost; salt: string; key: string } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { cost: { N, r, p }, salt: parts[4] as string, key: parts[5] as string };
}

/** The stored form of a hash: it names its parameters, so they can be raised later while old hashes verify. */
export function formatScryptHash(cost: ScryptCost, salt: string, key: string): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt, key].join('$');
}

/** NIST SP 800-63B §3.1.1.2: at least 8, allow at least 64; staff accounts publish to citizens, so 12. */
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

export const passwordSchema = z
  .string({ error: 'Cần nhập mật khẩu.' })
  .min(PASSWORD_MIN, { error: `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự.` })
  .max(PASSWORD_MAX, { error: `Mật khẩu dài quá ${PASSWORD_MAX} ký tự.` });
