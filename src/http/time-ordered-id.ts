/**
 * @module
 * UUIDv7 (RFC 9562): 48 bits of milliseconds, then random bits. Ids made one after another
 * sort one after another, so the database's primary-key and index B-trees grow at their
 * right edge instead of touching a random page per insert: the pages a commit writes are
 * shared by the exchanges it holds. Web Crypto only, so it runs on Workers too.
 */
let lastMs = 0;
let sequence = 0;
// Random bytes are drawn 4 KB at a time: one getRandomValues call per id was 6% of a request under load.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function randomBytes(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.slice(poolAt - 16, poolAt);
}

export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomBytes();
  // Within one millisecond a 12-bit counter keeps the order (rand_a as a counter, RFC 9562 §6.2 method 1).
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = (bytes[6] as number) & 0x3f;
  }
  for (let i = 5; i >= 0; i--) {
    bytes[i] = now % 256;
    now = Math.floor(now / 256);
  }
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let hex = '';
  for (const b of bytes) hex += HEX[b];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
