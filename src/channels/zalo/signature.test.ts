import { describe, expect, it } from 'vitest';
import { utf8 } from '../platform/crypto.ts';
import { verifyZaloSignature, zaloSignature } from './signature.ts';

// The worked vectors of the protocol notes (channels.md §1.2), computed there with Node, Python and Web Crypto.
const appId = '1234567890123456789';
const oaSecretKey = 'TEST_OA_SECRET_KEY_abc123';
const timestamp = '1718000000000';
const ascii =
  '{"app_id":"1234567890123456789","event_name":"user_send_text","timestamp":"1718000000000","sender":{"id":"246845883529197922"},"recipient":{"id":"388613280878808645"},"message":{"msg_id":"msg0001","text":"hello"}}';
const vietnamese =
  '{"app_id":"1234567890123456789","user_id_by_app":"552177279717587730","event_name":"user_send_text","timestamp":"1718000000000","sender":{"id":"246845883529197922"},"recipient":{"id":"388613280878808645"},"message":{"msg_id":"96d3cdf3af150460909","text":"Xin chào, cho tôi hỏi thủ tục cấp CCCD?"}}';

describe('verifyZaloSignature', () => {
  it('reproduces the worked ASCII vector', async () => {
    expect(await zaloSignature({ appId, rawBody: utf8(ascii), timestamp, oaSecretKey })).toBe('0fb20d262aedc45cb7c9d55a5a2315b479eb6dbe90a54c08ec6891ec5f683dc8');
    expect(await verifyZaloSignature('mac=0fb20d262aedc45cb7c9d55a5a2315b479eb6dbe90a54c08ec6891ec5f683dc8', { appId, rawBody: utf8(ascii), timestamp, oaSecretKey })).toBe(true);
  });

  it('reproduces the worked Vietnamese vector over UTF-8 bytes', async () => {
    const header = 'mac=d1035ab5c310c094d2891b1f93b402a055ac899912c3a5c48da3266f1d6f9d71';
    expect(await verifyZaloSignature(header, { appId, rawBody: utf8(vietnamese), timestamp, oaSecretKey })).toBe(true);
  });

  it('accepts the hex without its mac= prefix and in upper case', async () => {
    const parts = { appId, rawBody: utf8(ascii), timestamp, oaSecretKey };
    expect(await verifyZaloSignature('0FB20D262AEDC45CB7C9D55A5A2315B479EB6DBE90A54C08EC6891EC5F683DC8', parts)).toBe(true);
  });

  it('refuses a tampered body, another timestamp, another secret, a truncated or missing header', async () => {
    const header = 'mac=0fb20d262aedc45cb7c9d55a5a2315b479eb6dbe90a54c08ec6891ec5f683dc8';
    expect(await verifyZaloSignature(header, { appId, rawBody: utf8(ascii.replace('hello', 'hellO')), timestamp, oaSecretKey })).toBe(false);
    expect(await verifyZaloSignature(header, { appId, rawBody: utf8(ascii), timestamp: '1718000000001', oaSecretKey })).toBe(false);
    expect(await verifyZaloSignature(header, { appId, rawBody: utf8(ascii), timestamp, oaSecretKey: 'other' })).toBe(false);
    expect(await verifyZaloSignature(header.slice(0, -1), { appId, rawBody: utf8(ascii), timestamp, oaSecretKey })).toBe(false);
    expect(await verifyZaloSignature(undefined, { appId, rawBody: utf8(ascii), timestamp, oaSecretKey })).toBe(false);
  });
});
