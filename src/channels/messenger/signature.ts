/**
 * @module
 * Meta's `X-Hub-Signature-256`: `sha256=` + hex HMAC-SHA256 of the raw body with the app
 * secret. Meta signs the bytes it sent, in which non-ASCII text is `\uXXXX`-escaped: the
 * body must be verified as received, never re-serialised from parsed JSON.
 */
import { sameText } from '../../admin/auth/secret-text.ts';
import { hmacSha256Hex } from '../platform/crypto.ts';

export async function verifyMessengerSignature(header: string | undefined, rawBody: Uint8Array<ArrayBuffer>, appSecret: string): Promise<boolean> {
  if (!header) return false;
  const match = /^sha256=([0-9a-f]+)$/i.exec(header.trim());
  if (!match?.[1]) return false;
  return sameText(match[1].toLowerCase(), await hmacSha256Hex(appSecret, rawBody));
}
