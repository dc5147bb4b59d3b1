/**
 * @module
 * Staff passwords hashed with scrypt (node:crypto). Cost N=2^15, r=8, p=3: one of the OWASP
 * Password Storage Cheat Sheet's equivalent settings for scrypt, chosen over N=2^17, p=1
 * because it needs 32 MiB per hash instead of 128 MiB on a small provincial server (the
 * work, and so an attacker's cost, is the same). The stored form names its parameters
 * (`scrypt$N$r$p$salt$hash`, base64url), so they can be raised later while old hashes verify.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { formatScryptHash, parseScryptHash, SCRYPT_COST, SCRYPT_KEY_BYTES as KEY_BYTES, SCRYPT_SALT_BYTES as SALT_BYTES, type PasswordHasher, type ScryptCost } from '../admin/auth/passwords.ts';


function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node refuses when 128·N·r exceeds maxmem (32 MiB by default, exactly this cost): leave room.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `cost` is lowered only by tests, which hash hundreds of times. */
export function createScryptHasher(cost: ScryptCost = SCRYPT_COST): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(password, salt, cost);
      return formatScryptHash(cost, salt.toString('base64url'), key.toString('base64url'));
    },
    async verify(password, stored) {
      // A stored hash decides its own cost, within bounds a forged row could not abuse.
      const parsed = parseScryptHash(stored);
      if (!parsed) return false;
      const expected = Buffer.from(parsed.key, 'base64url');
      const key = await derive(password, Buffer.from(parsed.salt, 'base64url'), parsed.cost);
      return expected.length === key.length && timingSafeEqual(expected, key);
    },
  };
}
