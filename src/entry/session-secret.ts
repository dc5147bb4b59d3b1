/**
 * @module
 * The key that signs staff sessions: SESSION_SECRET when set, else one generated on the
 * first start and kept in DATA_DIR (readable by the server's user only), so sessions
 * survive restarts without anyone having to invent a secret.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_SECRET_FILE = 'session-secret';

export function loadSessionSecret(dataDir: string, configured: string | null): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = join(dataDir, SESSION_SECRET_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return { secret: kept, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  // Written whole, then renamed: a crash never leaves half a key.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return { secret, generated: true };
}
