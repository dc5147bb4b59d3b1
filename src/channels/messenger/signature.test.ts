import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, utf8 } from '../platform/crypto.ts';
import { verifyMessengerSignature } from './signature.ts';

// The worked vectors of the protocol notes (channels.md §2.3).
const secret = 'test_app_secret_0123456789abcdef';
const ascii =
  '{"object":"page","entry":[{"id":"106000000000001","time":1718000000123,"messaging":[{"sender":{"id":"7001000000000001"},"recipient":{"id":"106000000000001"},"timestamp":1718000000000,"message":{"mid":"m_TEST_MID_0002","text":"hello"}}]}]}';
const escaped =
  '{"object":"page","entry":[{"id":"106000000000001","time":1718000000123,"messaging":[{"sender":{"id":"7001000000000001"},"recipient":{"id":"106000000000001"},"timestamp":1718000000000,"message":{"mid":"m_TEST_MID_0001","text":"Xin ch\\u00e0o, cho t\\u00f4i h\\u1ecfi th\\u1ee7 t\\u1ee5c c\\u1ea5p CCCD?"}}]}]}';

describe('verifyMessengerSignature', () => {
  it('reproduces the worked ASCII vector', async () => {
    const header = 'sha256=3ef84a6e97370e25a7e9bbf8b12fef956bbcba2e62ad3e77fef574f3bb82d0fe';
    expect(await verifyMessengerSignature(header, utf8(ascii), secret)).toBe(true);
  });

  it('reproduces the worked Vietnamese vector over the \\u-escaped bytes Meta sends', async () => {
    const header = 'sha256=865ddf0d78c226c83afd2d591dac478161393ab60e56205b7aae3785cfd243c6';
    expect(await verifyMessengerSignature(header, utf8(escaped), secret)).toBe(true);
  });

  it('refuses the same JSON re-serialised with raw UTF-8 text (the bug the escaping causes)', async () => {
    const reserialised = JSON.stringify(JSON.parse(escaped) as unknown);
    expect(reserialised).toContain('Xin chào');
    const digest = await hmacSha256Hex(secret, utf8(reserialised));
    expect(digest.startsWith('a83f5ee8')).toBe(true);
    expect(digest.endsWith('f1ed')).toBe(true);
    expect(await verifyMessengerSignature('sha256=865ddf0d78c226c83afd2d591dac478161393ab60e56205b7aae3785cfd243c6', utf8(reserialised), secret)).toBe(false);
  });

  it('refuses a tampered body, another secret, the legacy sha1 header and a missing one', async () => {
    const header = 'sha256=3ef84a6e97370e25a7e9bbf8b12fef956bbcba2e62ad3e77fef574f3bb82d0fe';
    expect(await verifyMessengerSignature(header, utf8(ascii.replace('hello', 'hellp')), secret)).toBe(false);
    expect(await verifyMessengerSignature(header, utf8(ascii), 'another_secret')).toBe(false);
    expect(await verifyMessengerSignature('sha1=3ef84a6e97370e25a7e9bbf8b12fef956bbcba2e', utf8(ascii), secret)).toBe(false);
    expect(await verifyMessengerSignature(undefined, utf8(ascii), secret)).toBe(false);
  });
});
