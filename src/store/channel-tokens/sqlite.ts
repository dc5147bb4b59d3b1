/**
 * @module
 * Rotated platform tokens in SQLite (the database file is already the service's secret-bearing
 * record: mode and backups as for DATA_DIR).
 */
import type { SqliteDatabase } from '../sqlite-database.ts';
import { toTokens, TOKENS_SELECT, type TokenRow } from './rows.ts';
import type { ChannelTokenStore, StoredTokens } from './types.ts';

export function createSqliteTokenStore(database: SqliteDatabase): ChannelTokenStore {
  const { db, queue } = database;
  const select = db.prepare(TOKENS_SELECT);
  const upsert = db.prepare(
    `INSERT INTO channel_tokens (name, access_token, refresh_token, expires_at, seed, updated_at) VALUES (@name, @accessToken, @refreshToken, @expiresAt, @seed, @updatedAt)
     ON CONFLICT(name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, seed = excluded.seed, updated_at = excluded.updated_at`,
  );
  return {
    async read(name) {
      // Not degraded to "none" on a lock: that would bring back the configured pair, whose refresh token may be spent.
      const row = select.get(name) as TokenRow | undefined;
      return row ? toTokens(row) : null;
    },
    async write(name, tokens: StoredTokens) {
      await queue.submit({ run: () => void upsert.run({ name, ...tokens }) });
    },
  };
}
