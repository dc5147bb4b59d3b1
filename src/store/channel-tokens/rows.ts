/**
 * @module
 * Rotated platform tokens' rows as both stores read them (SQLite on Node, D1 on Workers).
 */
import type { StoredTokens } from './types.ts';

export const TOKENS_SELECT = 'SELECT access_token, refresh_token, expires_at, seed, updated_at FROM channel_tokens WHERE name = ?';

export interface TokenRow {
  access_token: string;
  refresh_token: string;
  expires_at: string | null;
  seed: string;
  updated_at: string;
}

export const toTokens = (r: TokenRow): StoredTokens => ({ accessToken: r.access_token, refreshToken: r.refresh_token, expiresAt: r.expires_at, seed: r.seed, updatedAt: r.updated_at });
