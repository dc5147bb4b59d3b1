/**
 * @module
 * Zalo's `X-ZEvent-Signature`: `mac=` + hex SHA-256 of app id + raw body + the body's
 * `timestamp` + the OA secret key. A plain digest, not an HMAC; computed over the bytes as
 * received, never over re-serialised JSON. Because the timestamp is signed, an old event
 * replayed by someone who captured it can be refused by age.
 */
import { sameText } from '../../admin/auth/secret-text.ts';
import { concatBytes, sha256Hex, utf8 } from '../platform/crypto.ts';

export interface ZaloSignedParts {
  appId: string;
  rawBody: Uint8Array;
  /** The `timestamp` field of the body (epoch milliseconds, as a string). */
  timestamp: string;
  oaSecretKey: string;
}

export async function zaloSignature(parts: ZaloSignedParts): Promise<string> {
  return sha256Hex(concatBytes(utf8(parts.appId), parts.rawBody, utf8(parts.timestamp), utf8(parts.oaSecretKey)));
}

/** Whether the header carries the signature of these parts; the `mac=` prefix and the hex case are optional. */
export async function verifyZaloSignature(header: string | undefined, parts: ZaloSignedParts): Promise<boolean> {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  return sameText(given, await zaloSignature(parts));
}
