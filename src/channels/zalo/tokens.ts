/**
 * @module
 * The OA's access token, refreshed with the OAuth v4 refresh token (`POST /v4/oa/access_token`,
 * `secret_key` header, a form body). An access token lives 25 hours; a refresh token 3
 * months and only once: each refresh returns a new pair and kills the old access token. So
 * refreshes are serialised (concurrent callers share one), the new pair is stored before
 * anything else can need it, and a token is refreshed an hour before it expires, at the
 * latest by the worker's upkeep (so the refresh token never ages out while the OA is quiet).
 */
import type { Logger } from '../../logger.ts';
import type { ChannelTokenStore, StoredTokens } from '../../store/channel-tokens/types.ts';
import { sha256Hex, utf8 } from '../platform/crypto.ts';
import { PlatformError, requestJson, withRetries, type Fetch, type RetryPolicy } from '../platform/platform-http.ts';

/** The pair's name in the channel token store. */
export const ZALO_TOKENS = 'zalo';
const EARLY_MS = 3_600_000;
/** The configured pair's age is unknown: it is taken to expire a day after the start (Zalo's 25 h less an hour). */
const CONFIGURED_LIFETIME_MS = 24 * 3_600_000;
const RETRY_UPKEEP_MS = 600_000;

type Pair = { accessToken: string; refreshToken: string };

/** The fingerprint of the configured pair: a stored pair descends from it (same seed) or is from before it was set. */
export function configuredSeed(configured: Pair): Promise<string> {
  return sha256Hex(utf8(`${configured.accessToken}\n${configured.refreshToken}`));
}

/** The pair a refresh answered (`expires_in` is a string of seconds), to store; null when the answer holds none. */
export function rotatedPair(body: unknown, seed: string, now: number): StoredTokens | null {
  const pair = body as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown } | null;
  if (typeof pair?.access_token !== 'string' || typeof pair.refresh_token !== 'string' || !pair.access_token || !pair.refresh_token) return null;
  const seconds = Number(pair.expires_in);
  return {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: new Date(now + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : CONFIGURED_LIFETIME_MS)).toISOString(),
    seed,
    updatedAt: new Date(now).toISOString(),
  };
}

export interface ZaloTokenDeps {
  appId: string;
  appSecret: string;
  configured: Pair;
  oauthBase: string;
  fetch: Fetch;
  store: () => ChannelTokenStore;
  now: () => Date;
  retry: RetryPolicy;
  logger: Logger;
}

export function createZaloTokens(deps: ZaloTokenDeps) {
  const { logger } = deps;
  let state: StoredTokens | null = null;
  let loading: Promise<StoredTokens> | null = null;
  let refreshing: Promise<string> | null = null;
  /** A rotated pair the database did not take yet (a lock, a full disk): stored again at the next upkeep. */
  let unsaved = false;
  /** The upkeep's last failed refresh: a dead refresh token is not presented every few seconds. */
  let failedAt = -Infinity;

  async function load(): Promise<StoredTokens> {
    if (state) return state;
    loading ??= (async () => {
      const seed = await configuredSeed(deps.configured);
      const stored = await deps.store().read(ZALO_TOKENS);
      if (stored?.seed === seed) return stored;
      if (stored) logger.info('ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN changed: the configured pair replaces the stored one');
      const expiresAt = new Date(deps.now().getTime() + CONFIGURED_LIFETIME_MS).toISOString();
      return { ...deps.configured, expiresAt, seed, updatedAt: deps.now().toISOString() };
    })()
      .then((loaded) => (state = loaded))
      .finally(() => (loading = null));
    return loading;
  }

  async function save(tokens: StoredTokens): Promise<void> {
    try {
      await deps.store().write(ZALO_TOKENS, tokens);
      unsaved = false;
    } catch (error) {
      unsaved = true;
      logger.error('the rotated Zalo refresh token could not be stored yet (kept in memory, stored again shortly); if the service stops first, the OA must be authorised again', { error });
    }
  }

  async function exchange(current: StoredTokens): Promise<string> {
    const res = await withRetries(
      () =>
        requestJson(
          deps.fetch,
          'zalo',
          `${deps.oauthBase}/v4/oa/access_token`,
          {
            method: 'POST',
            headers: { secret_key: deps.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ refresh_token: current.refreshToken, app_id: deps.appId, grant_type: 'refresh_token' }).toString(),
          },
          deps.retry.timeoutMs,
        ),
      deps.retry,
    );
    const next = rotatedPair(res.body, current.seed, deps.now().getTime());
    if (!next) {
      const body = res.body as { error?: unknown; error_name?: unknown } | null;
      const code = typeof body?.error === 'number' || typeof body?.error === 'string' ? String(body.error) : `http ${res.status}`;
      logger.error('the Zalo access token could not be refreshed: authorise the OA again and set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN (README, "Zalo and Messenger")', {
        code,
        name: typeof body?.error_name === 'string' ? body.error_name.slice(0, 100) : undefined,
      });
      throw new PlatformError('zalo', 'token', `refresh ${code}`);
    }
    // In memory first: the old access token is already dead, and the old refresh token spent.
    state = next;
    await save(next);
    logger.info('refreshed the Zalo access token', { expiresAt: next.expiresAt });
    return next.accessToken;
  }

  /** A fresh access token; `stale` is the one the platform refused (no refresh if it was already replaced). */
  async function refresh(stale: string): Promise<string> {
    const current = await load();
    if (current.accessToken !== stale) return current.accessToken;
    refreshing ??= exchange(current).finally(() => (refreshing = null));
    return refreshing;
  }

  const expiresSoon = (tokens: StoredTokens) => tokens.expiresAt !== null && Date.parse(tokens.expiresAt) - deps.now().getTime() < EARLY_MS;

  return {
    refresh,
    /** The access token to use now, refreshed first when it expires within the hour. */
    async current(): Promise<string> {
      const tokens = await load();
      if (!expiresSoon(tokens)) return tokens.accessToken;
      try {
        return await refresh(tokens.accessToken);
      } catch (error) {
        // Not expired yet: the old one still works for a while.
        if (tokens.expiresAt !== null && Date.parse(tokens.expiresAt) > deps.now().getTime()) return tokens.accessToken;
        throw error;
      }
    },
    /** The worker's upkeep: refresh a token close to expiry, store a rotated pair the database did not take. */
    async keepFresh(): Promise<void> {
      const tokens = await load();
      if (unsaved) await save(tokens);
      const now = deps.now().getTime();
      if (!expiresSoon(tokens) || now - failedAt < RETRY_UPKEEP_MS) return;
      await refresh(tokens.accessToken).catch(() => (failedAt = now));
    },
  };
}

export type ZaloTokens = ReturnType<typeof createZaloTokens>;
