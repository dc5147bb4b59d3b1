/**
 * @module
 * Staff accounts' and tokens' rows as both stores read them (SQLite on Node, D1 on Workers).
 */
import type { StaffToken, StaffUser } from './types.ts';

/** A token's last use is written at most this often. */
export const TOUCH_INTERVAL_MS = 3_600_000;

export const TOKEN_SELECT = 'SELECT t.*, u.username FROM api_tokens t JOIN staff_users u ON u.id = t.user_id';

export const SETTING_UPSERT =
  'INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at';

export interface UserRow {
  id: string;
  username: string;
  role: StaffUser['role'];
  password_hash: string;
  session_version: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: string;
  user_id: string;
  username: string;
  name: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function toUser(row: UserRow): StaffUser {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled === 1, sessionVersion: row.session_version, createdAt: row.created_at, updatedAt: row.updated_at };
}

export function toToken(row: TokenRow): StaffToken {
  return { id: row.id, userId: row.user_id, username: row.username, name: row.name, createdBy: row.created_by, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
