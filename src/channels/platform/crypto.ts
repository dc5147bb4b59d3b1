/**
 * @module
 * Digests for webhook signatures on Web Crypto (`crypto.subtle`), so the same code runs on
 * Node and on Workers. Signatures are compared with `sameText` (admin/auth/secret-text.ts),
 * whose time does not depend on where two strings first differ.
 */
const encoder = new TextEncoder();
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Joins byte strings into one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', data));
}

export async function hmacSha256Hex(secret: string, data: Uint8Array<ArrayBuffer>): Promise<string> {
  // Importing the key costs more than signing a webhook body: one import per secret.
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(secret, key);
  }
  return toHex(await crypto.subtle.sign('HMAC', await key, data));
}
