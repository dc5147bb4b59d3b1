import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { openSqliteStores, type SqliteStores } from '../../store/sqlite-stores.ts';
import { startFakeZalo, type FakeZalo } from '../../../test/fakes/zalo.fake.ts';
import { PlatformError, type RetryPolicy } from '../platform/platform-http.ts';
import { createZaloSender } from './client.ts';
import { createZaloTokens } from './tokens.ts';

const APP = { appId: '1234567890123456789', appSecret: 'zalo-app-secret' };
const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateDelayMs: 5, timeoutMs: 2_000 };
const USER = '246845883529197922';

let dir: string;
let stores: SqliteStores;
let zalo: FakeZalo;
const clock = { ms: Date.parse('2026-11-30T08:00:00.000Z') };
const lines: string[] = [];
const logger = createLogger('debug', (line) => lines.push(line));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoidap-zalo-'));
  stores = openSqliteStores(join(dir, 'hoidap.sqlite'));
  zalo = await startFakeZalo({ ...APP, accessToken: 'access-0', refreshToken: 'refresh-0' });
  lines.length = 0;
});
afterEach(async () => {
  await zalo.close();
  await stores.conversations.close();
  rmSync(dir, { recursive: true, force: true });
});

function tokens(configured = { accessToken: 'access-0', refreshToken: 'refresh-0' }) {
  return createZaloTokens({ ...APP, configured, oauthBase: zalo.url, fetch, store: () => stores.channels.tokens, now: () => new Date(clock.ms), retry: FAST, logger });
}

function sender(t = tokens()) {
  return createZaloSender({ openApiBase: zalo.url, fetch, tokens: t, retry: FAST, logger });
}

describe('Zalo tokens', () => {
  it('refreshes once for many callers refused with the same token, and stores the rotated pair', async () => {
    const t = tokens();
    const fresh = await Promise.all(Array.from({ length: 5 }, () => t.refresh('access-0')));
    expect(zalo.refreshes).toEqual({ ok: 1, refused: 0 });
    expect(new Set(fresh)).toEqual(new Set([zalo.tokens().accessToken]));
    // A caller refused with the old token after the refresh gets the new one without another refresh.
    expect(await t.refresh('access-0')).toBe(zalo.tokens().accessToken);
    expect(zalo.refreshes.ok).toBe(1);
    expect((await stores.channels.tokens.read('zalo'))?.refreshToken).toBe(zalo.tokens().refreshToken);
  });

  it('starts from the stored pair after a restart (the configured refresh token is spent), unless the configured pair changed', async () => {
    await tokens().refresh('access-0');
    const rotated = zalo.tokens();
    const again = tokens();
    expect(await again.current()).toBe(rotated.accessToken);
    await again.refresh(rotated.accessToken);
    expect(zalo.refreshes).toEqual({ ok: 2, refused: 0 });
    const reauthorised = tokens({ accessToken: 'access-new', refreshToken: 'refresh-new' });
    expect(await reauthorised.current()).toBe('access-new');
  });

  it('refreshes an hour before expiry, at the latest in the upkeep', async () => {
    const t = tokens();
    await t.refresh('access-0');
    const first = zalo.tokens().accessToken;
    clock.ms += 24 * 3_600_000;
    await t.keepFresh();
    expect(zalo.refreshes.ok).toBe(1);
    clock.ms += 30 * 60_000; // expires_in 90,000 s: now within the hour before expiry
    await t.keepFresh();
    expect(zalo.refreshes.ok).toBe(2);
    expect(await t.current()).not.toBe(first);
  });

  it('says to authorise again when the refresh token is refused', async () => {
    const t = tokens({ accessToken: 'access-0', refreshToken: 'spent' });
    await expect(t.refresh('access-0')).rejects.toMatchObject({ failure: 'token', code: 'refresh -14014' });
    expect(lines.join('\n')).toContain('authorise the OA again');
    expect(lines.join('\n')).not.toContain('spent');
  });
});

describe('the Zalo sender', () => {
  it('sends consultation messages in order with the access_token header', async () => {
    await sender().send(USER, [{ text: 'một' }, { text: 'hai' }], 'ev1');
    expect(zalo.sent.map((m) => [m.userId, m.text, m.token])).toEqual([
      [USER, 'một', 'access-0'],
      [USER, 'hai', 'access-0'],
    ]);
  });

  it('refreshes an expired token once and sends the message again', async () => {
    zalo.expireAccessToken();
    await sender().send(USER, [{ text: 'xin chào' }], 'ev1');
    expect(zalo.refreshes.ok).toBe(1);
    expect(zalo.sent).toHaveLength(1);
    expect(zalo.sent[0]?.token).toBe(zalo.tokens().accessToken);
  });

  it('retries 5xx and the rate limit with backoff, then gives up with the code', async () => {
    zalo.script({ status: 502 }, { error: -32 });
    await sender().send(USER, [{ text: 'sau hai lần lỗi' }], 'ev1');
    expect(zalo.calls).toBe(3);
    expect(zalo.sent).toHaveLength(1);
    zalo.script({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await sender().send(USER, [{ text: 'không tới' }], 'ev2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ failure: 'transient', code: 'http 500' });
    expect(zalo.calls).toBe(6);
    expect(lines.filter((l) => l.includes('trying again') && l.includes('"ref":"ev2"'))).toHaveLength(2);
  });

  it('stops at once outside the 7-day window or for a text too long', async () => {
    zalo.markStale(USER);
    await expect(sender().send(USER, [{ text: 'muộn' }], 'ev1')).rejects.toMatchObject({ failure: 'window', code: '-230' });
    expect(zalo.calls).toBe(1);
    await expect(sender().send('1', [{ text: 'x'.repeat(2001) }], 'ev2')).rejects.toMatchObject({ failure: 'permanent', code: '-210' });
  });

  it('times out a platform that does not answer', async () => {
    zalo.script({ delayMs: 500 }, { delayMs: 500 }, { delayMs: 500 });
    const slow = createZaloSender({ openApiBase: zalo.url, fetch, tokens: tokens(), retry: { ...FAST, timeoutMs: 100 }, logger });
    await expect(slow.send(USER, [{ text: 'chậm' }], 'ev1')).rejects.toMatchObject({ failure: 'transient', code: 'timeout' });
  });
});
