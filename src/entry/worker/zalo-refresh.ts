/**
 * @module
 * Zalo's refresh token is single-use: each refresh returns a new pair and spends the old
 * one. One Node process serialises its refreshes (src/channels/zalo/tokens.ts); on Workers
 * many isolates each hold the pair in memory, and two refreshing at once would spend it
 * twice (the OA then has to be authorised again). This wraps the channel's `fetch`: every
 * refresh, in every isolate, goes through one lock in the Coordinator and starts by reading
 * the pair stored in D1. If another isolate already rotated it, the stored pair is the answer
 * (as Zalo would have given it), so this isolate adopts it; otherwise Zalo is asked and the
 * new pair stored before the lock is released.
 */
import { sleep, type Fetch } from '../../channels/platform/platform-http.ts';
import type { ZaloSettings } from '../../channels/zalo/settings.ts';
import { configuredSeed, rotatedPair, ZALO_TOKENS } from '../../channels/zalo/tokens.ts';
import type { ConversationLocks } from '../../conversation/locks.ts';
import type { Logger } from '../../logger.ts';
import type { ChannelTokenStore } from '../../store/channel-tokens/types.ts';

const LOCK = 'zalo-token-refresh';
const WAIT_MS = 15_000;

export interface SerialisedRefreshDeps {
  settings: Pick<ZaloSettings, 'oauthBase' | 'accessToken' | 'refreshToken'>;
  locks: ConversationLocks;
  tokens: () => ChannelTokenStore;
  now: () => Date;
  logger: Logger;
}

function refreshTokenOf(init: RequestInit | undefined): string | null {
  if (typeof init?.body !== 'string') return null;
  const form = new URLSearchParams(init.body);
  return form.get('grant_type') === 'refresh_token' ? form.get('refresh_token') : null;
}

export function serialiseZaloRefresh(fetch: Fetch, deps: SerialisedRefreshDeps): Fetch {
  const endpoint = `${deps.settings.oauthBase}/v4/oa/access_token`;
  /** The configured pair's fingerprint (tokens.ts), computed once. */
  let seedOfConfigured: Promise<string> | null = null;
  return async (input, init) => {
    const sent = input === endpoint && init?.method === 'POST' ? refreshTokenOf(init) : null;
    if (sent === null) return fetch(input, init);
    const until = Date.now() + WAIT_MS;
    while (!(await deps.locks.acquire(LOCK))) {
      if (Date.now() > until) throw new Error('another isolate has been refreshing the Zalo token for too long');
      await sleep(100);
    }
    try {
      const seed = await (seedOfConfigured ??= configuredSeed(deps.settings));
      const stored = await deps.tokens().read(ZALO_TOKENS);
      if (stored && stored.seed === seed && stored.refreshToken !== sent && stored.expiresAt && Date.parse(stored.expiresAt) > deps.now().getTime()) {
        // Rotated by another isolate meanwhile: the pair it got is this isolate's answer.
        const seconds = Math.floor((Date.parse(stored.expiresAt) - deps.now().getTime()) / 1000);
        return Response.json({ access_token: stored.accessToken, refresh_token: stored.refreshToken, expires_in: String(seconds) });
      }
      const res = await fetch(input, init);
      const rotated = rotatedPair(await res.clone().json().catch(() => null), seed, deps.now().getTime());
      if (rotated) {
        // Stored before the lock is released: the next isolate in line must find it.
        await deps
          .tokens()
          .write(ZALO_TOKENS, rotated)
          .catch((error: unknown) => deps.logger.error('the rotated Zalo pair could not be stored for the other isolates', { error }));
      }
      return res;
    } finally {
      await deps.locks.release(LOCK);
    }
  };
}
