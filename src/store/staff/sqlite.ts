/**
 * @module
 * Staff accounts, API tokens and settings in SQLite.
 */
import { auditWriter } from '../audit/sqlite.ts';
import type { SqliteDatabase } from '../sqlite-database.ts';
import { SETTING_UPSERT, TOKEN_SELECT, toToken, toUser, TOUCH_INTERVAL_MS, type TokenRow, type UserRow } from './rows.ts';
import { StaffConflictError, type StaffStore } from './types.ts';

function unique<T>(run: () => T, what: string): T {
  try {
    return run();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StaffConflictError(`${what} already exists`);
    throw error;
  }
}

export function createSqliteStaffStore(database: SqliteDatabase): StaffStore {
  const { db, queue } = database;
  const writeAudit = auditWriter(db);
  const byId = db.prepare('SELECT * FROM staff_users WHERE id = ?');
  const byName = db.prepare('SELECT * FROM staff_users WHERE username = ?');
  const users = db.prepare('SELECT * FROM staff_users ORDER BY username');
  const countUsers = db.prepare('SELECT COUNT(*) FROM staff_users').pluck();
  const insertUser = db.prepare('INSERT INTO staff_users (id, username, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const updateUser = db.prepare(
    `UPDATE staff_users SET role = COALESCE(@role, role), disabled = COALESCE(@disabled, disabled), password_hash = COALESCE(@passwordHash, password_hash),
     session_version = session_version + @bump, updated_at = @at WHERE id = @id`,
  );
  const tokenByHash = db.prepare(`${TOKEN_SELECT} WHERE t.token_hash = ? AND t.revoked_at IS NULL`);
  const tokens = db.prepare(`${TOKEN_SELECT} ORDER BY t.created_at DESC`);
  const insertToken = db.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const revokeToken = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  const settings = db.prepare('SELECT key, value FROM settings');
  const upsertSetting = db.prepare(SETTING_UPSERT);
  /** Last use written per token, so a busy script does not write on every request. */
  const touched = new Map<string, number>();

  return {
    async countUsers() {
      return countUsers.get() as number;
    },
    async getUser(id) {
      const row = byId.get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async findUser(username) {
      const row = byName.get(username) as UserRow | undefined;
      return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
    },
    async listUsers() {
      return (users.all() as UserRow[]).map(toUser);
    },
    async createUser(u, audit) {
      database.write(() => {
        unique(() => insertUser.run(u.id, u.username, u.role, u.passwordHash, u.at, u.at), `the account "${u.username}"`);
        if (audit) writeAudit(audit);
      });
    },
    async updateUser(id, change, audit) {
      database.write(() => {
        const disabled = change.disabled === undefined ? null : change.disabled ? 1 : 0;
        updateUser.run({ id, role: change.role ?? null, disabled, passwordHash: change.passwordHash ?? null, bump: change.endSessions ? 1 : 0, at: change.at });
        if (audit) writeAudit(audit);
      });
    },
    async createToken(t, audit) {
      database.write(() => {
        unique(() => insertToken.run(t.id, t.userId, t.name, t.tokenHash, t.createdBy, t.at), 'the token');
        writeAudit(audit);
      });
    },
    async findToken(tokenHash) {
      const row = tokenByHash.get(tokenHash) as TokenRow | undefined;
      if (!row) return null;
      const user = byId.get(row.user_id) as UserRow | undefined;
      return user ? { token: toToken(row), user: toUser(user) } : null;
    },
    async listTokens() {
      return (tokens.all() as TokenRow[]).map(toToken);
    },
    async revokeToken(id, at, audit) {
      return database.write(() => {
        const changed = revokeToken.run(at, id).changes > 0;
        if (changed) writeAudit(audit);
        return changed;
      });
    },
    async touchToken(id, at) {
      const ms = Date.parse(at);
      if (ms - (touched.get(id) ?? -Infinity) < TOUCH_INTERVAL_MS) return;
      touched.set(id, ms);
      await queue.submit({ run: () => touchToken.run(at, id) });
    },
    async settings() {
      return Object.fromEntries((settings.all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    },
    async saveSettings(values, by, at, audit) {
      database.write(() => {
        for (const [key, value] of Object.entries(values)) upsertSetting.run(key, value, by, at);
        writeAudit(audit);
      });
    },
  };
}
