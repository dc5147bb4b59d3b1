/**
 * @module
 * Staff accounts, API tokens and settings on D1; each change is one batch with its audit record.
 */
import { SETTING_UPSERT, TOKEN_SELECT, toToken, toUser, TOUCH_INTERVAL_MS, type TokenRow, type UserRow } from '../staff/rows.ts';
import { StaffConflictError, type StaffStore } from '../staff/types.ts';
import { auditStatement } from './audit.ts';
import { guard, isGuardFailure, isUniqueViolation, row, rows, statement, value, type D1Database, type D1Statement } from './database.ts';

async function unique(batch: Promise<unknown>, what: string): Promise<void> {
  try {
    await batch;
  } catch (error) {
    if (isUniqueViolation(error)) throw new StaffConflictError(`${what} already exists`);
    throw error;
  }
}

export function createD1StaffStore(db: D1Database): StaffStore {
  /** Last use written per token in this isolate, so a busy script does not write on every request. */
  const touched = new Map<string, number>();
  const withAudit = (first: D1Statement, audit: Parameters<typeof auditStatement>[1] | null) => db.batch(audit ? [first, auditStatement(db, audit)] : [first]);

  return {
    async countUsers() {
      return (await value<number>(db, 'SELECT COUNT(*) FROM staff_users')) ?? 0;
    },
    async getUser(id) {
      const found = await row<UserRow>(db, 'SELECT * FROM staff_users WHERE id = ?', id);
      return found ? toUser(found) : null;
    },
    async findUser(username) {
      const found = await row<UserRow>(db, 'SELECT * FROM staff_users WHERE username = ?', username);
      return found ? { ...toUser(found), passwordHash: found.password_hash } : null;
    },
    async listUsers() {
      return (await rows<UserRow>(db, 'SELECT * FROM staff_users ORDER BY username')).map(toUser);
    },
    async createUser(u, audit) {
      const insert = statement(db, 'INSERT INTO staff_users (id, username, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', u.id, u.username, u.role, u.passwordHash, u.at, u.at);
      await unique(withAudit(insert, audit), `the account "${u.username}"`);
    },
    async updateUser(id, change, audit) {
      const disabled = change.disabled === undefined ? null : change.disabled ? 1 : 0;
      const update = statement(
        db,
        `UPDATE staff_users SET role = COALESCE(?, role), disabled = COALESCE(?, disabled), password_hash = COALESCE(?, password_hash),
         session_version = session_version + ?, updated_at = ? WHERE id = ?`,
        change.role ?? null,
        disabled,
        change.passwordHash ?? null,
        change.endSessions ? 1 : 0,
        change.at,
        id,
      );
      await withAudit(update, audit);
    },
    async createToken(t, audit) {
      const insert = statement(db, 'INSERT INTO api_tokens (id, user_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', t.id, t.userId, t.name, t.tokenHash, t.createdBy, t.at);
      await unique(withAudit(insert, audit), 'the token');
    },
    async findToken(tokenHash) {
      const token = await row<TokenRow>(db, `${TOKEN_SELECT} WHERE t.token_hash = ? AND t.revoked_at IS NULL`, tokenHash);
      if (!token) return null;
      const user = await row<UserRow>(db, 'SELECT * FROM staff_users WHERE id = ?', token.user_id);
      return user ? { token: toToken(token), user: toUser(user) } : null;
    },
    async listTokens() {
      return (await rows<TokenRow>(db, `${TOKEN_SELECT} ORDER BY t.created_at DESC`)).map(toToken);
    },
    async revokeToken(id, at, audit) {
      // Revoked once: a second revocation (another admin, another tab) changes nothing and is not audited.
      if (!(await row(db, 'SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at IS NULL', id))) return false;
      try {
        await db.batch([guard(db, 'EXISTS (SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at IS NULL)', id), statement(db, 'UPDATE api_tokens SET revoked_at = ? WHERE id = ?', at, id), auditStatement(db, audit)]);
        return true;
      } catch (error) {
        if (isGuardFailure(error)) return false;
        throw error;
      }
    },
    async touchToken(id, at) {
      const ms = Date.parse(at);
      if (ms - (touched.get(id) ?? -Infinity) < TOUCH_INTERVAL_MS) return;
      touched.set(id, ms);
      await statement(db, 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?', at, id).run();
    },
    async settings() {
      return Object.fromEntries((await rows<{ key: string; value: string }>(db, 'SELECT key, value FROM settings')).map((r) => [r.key, r.value]));
    },
    async saveSettings(values, by, at, audit) {
      const upserts = Object.entries(values).map(([key, v]) => statement(db, SETTING_UPSERT, key, v, by, at));
      await db.batch([...upserts, auditStatement(db, audit)]);
    },
  };
}
