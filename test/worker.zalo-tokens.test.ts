/**
 * @module
 * Zalo's single-use refresh token on Workers, where every isolate holds the pair in memory:
 * refreshes go one at a time through the Coordinator and start from the pair in the store,
 * so isolates refreshing together spend the refresh token once, and an isolate whose token
 * another one replaced adopts the new pair instead of presenting a spent one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloTokens } from '../src/channels/zalo/tokens.ts';
import { Coordinator, createCoordinatorLocks } from '../src/entry/worker/coordinator.ts';
import { serialiseZaloRefresh } from '../src/entry/worker/zalo-refresh.ts';
import { createLogger } from '../src/logger.ts';
import type { ChannelTokenStore, StoredTokens } from '../src/store/channel-tokens/types.ts';
import { startFakeZalo, type FakeZalo } from './fakes/zalo.fake.ts';
import { FAST_RETRY, ZALO } from './platform-helpers.ts';

let zalo: FakeZalo;
beforeAll(async () => {
  zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
});
afterAll(async () => {
  await zalo.close();
});

describe('Zalo tokens across isolates', () => {
  it('are refreshed once when several isolates need a new one at the same time, and every isolate ends with the new pair', async () => {
    const rows = new Map<string, StoredTokens>();
    const store: ChannelTokenStore = { read: async (name) => rows.get(name) ?? null, write: async (name, tokens) => void rows.set(name, tokens) };
    // One Coordinator object for the lock's name, as the platform keeps it.
    const coordinator = new Coordinator();
    const namespace = { idFromName: (name: string) => name, get: () => ({ fetch: (input: string, init?: RequestInit) => coordinator.fetch(new Request(input, init)) }) };
    const logger = createLogger('silent');
    const isolate = () =>
      createZaloTokens({
        appId: ZALO.appId,
        appSecret: ZALO.appSecret,
        configured: { accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken },
        oauthBase: zalo.url,
        fetch: serialiseZaloRefresh((input, init) => fetch(input, init), {
          settings: { oauthBase: zalo.url, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken },
          locks: createCoordinatorLocks(namespace, 30_000, logger),
          tokens: () => store,
          now: () => new Date(),
          logger,
        }),
        store: () => store,
        now: () => new Date(),
        retry: FAST_RETRY,
        logger,
      });
    const isolates = [isolate(), isolate(), isolate()];
    // Zalo refused the configured access token everywhere at once (it expired).
    zalo.expireAccessToken();
    const fresh = await Promise.all(isolates.map((tokens) => tokens.refresh(ZALO.accessToken)));
    expect(zalo.refreshes).toEqual({ ok: 1, refused: 0 });
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).toBe(zalo.tokens().accessToken);
    expect(rows.get('zalo')?.refreshToken).toBe(zalo.tokens().refreshToken);

    // A later isolate, started from the configured pair, adopts the stored one rather than spending anything.
    const late = isolate();
    expect(await late.current()).toBe(zalo.tokens().accessToken);
    expect(zalo.refreshes).toEqual({ ok: 1, refused: 0 });
  });
});
