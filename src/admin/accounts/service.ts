/**
 * @module
 * Staff accounts and API tokens: created and changed by admins (audited, without any secret
 * in the record), passwords checked in constant time (an unknown name costs a hash too, so
 * timing does not tell which names exist), and at least one active admin always kept.
 */
import { AppError } from '../../errors.ts';
import { StaffConflictError, type StaffUser } from '../../store/staff/types.ts';
import { tokenDigest, type StaffPrincipal } from '../auth/authenticate.ts';
import { randomToken } from '../auth/secret-text.ts';
import { auditRecord, type WorkspaceContext } from '../context.ts';
import type { CreateAccountInput, UpdateAccountInput } from './schemas.ts';

const view = (u: StaffUser) => ({ username: u.username, role: u.role, disabled: u.disabled });

export function createAccountsService(ctx: WorkspaceContext) {
  const staff = () => ctx.stores().staff;
  const hasher = () => {
    if (!ctx.hasher) throw new AppError('not_ready', 'Chưa cấu hình băm mật khẩu trên máy chủ này.');
    return ctx.hasher;
  };
  let dummy: Promise<string> | null = null;

  async function find(username: string): Promise<StaffUser> {
    const user = await staff().findUser(username);
    if (!user) throw new AppError('not_found', `Không có tài khoản "${username}".`);
    return user;
  }

  async function activeAdmins(): Promise<number> {
    return (await staff().listUsers()).filter((u) => u.role === 'admin' && !u.disabled).length;
  }

  const conflict = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StaffConflictError) throw new AppError('conflict', 'Tên đăng nhập (hoặc mã truy cập) này đã có.', undefined, { cause: error });
      throw error;
    }
  };

  return {
    list: () => staff().listUsers(),
    tokens: () => staff().listTokens(),

    /** The account whose password this is, or null (disabled accounts never log in). */
    async verifyLogin(username: string, password: string): Promise<StaffUser | null> {
      const user = username ? await staff().findUser(username) : null;
      if (!user) {
        dummy ??= hasher().hash(randomToken(16));
        await hasher().verify(password, await dummy);
        return null;
      }
      const ok = await hasher().verify(password, user.passwordHash);
      return ok && !user.disabled ? user : null;
    },

    /** A fresh install with no account: the first admin, from ADMIN_USERNAME and ADMIN_PASSWORD (or the CLI). */
    async createFirstAdmin(username: string, password: string, actor: string): Promise<boolean> {
      if ((await staff().countUsers()) > 0) return false;
      const at = ctx.now().toISOString();
      await staff().createUser({ id: ctx.newId(), username, role: 'admin', passwordHash: await hasher().hash(password), at }, auditRecord(ctx, actor, 'account.create', username, null, { username, role: 'admin', disabled: false }));
      return true;
    },

    async create(actor: StaffPrincipal | string, input: CreateAccountInput): Promise<void> {
      const name = typeof actor === 'string' ? actor : actor.actor;
      const at = ctx.now().toISOString();
      const passwordHash = await hasher().hash(input.password);
      await conflict(() =>
        staff().createUser({ id: ctx.newId(), username: input.username, role: input.role, passwordHash, at }, auditRecord(ctx, name, 'account.create', input.username, null, { username: input.username, role: input.role, disabled: false })),
      );
    },

    async update(actor: StaffPrincipal | string, username: string, input: UpdateAccountInput): Promise<void> {
      const name = typeof actor === 'string' ? actor : actor.actor;
      const user = await find(username);
      const demoted = user.role === 'admin' && !user.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
      if (demoted && (await activeAdmins()) <= 1) throw new AppError('conflict', 'Phải còn ít nhất một quản trị viên đang hoạt động.');
      const at = ctx.now().toISOString();
      const changes = { role: input.role, disabled: input.disabled };
      const changed = (input.role !== undefined && input.role !== user.role) || (input.disabled !== undefined && input.disabled !== user.disabled);
      if (changed) {
        await staff().updateUser(user.id, { ...changes, endSessions: true, at }, auditRecord(ctx, name, 'account.update', username, view(user), { ...view(user), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) }));
      }
      if (input.password) {
        await staff().updateUser(user.id, { passwordHash: await hasher().hash(input.password), endSessions: true, at }, auditRecord(ctx, name, 'account.password', username, null, { passwordChanged: true }));
      }
    },

    async changeOwnPassword(actor: StaffPrincipal, current: string, password: string): Promise<void> {
      const user = await find(actor.user.username);
      const stored = await staff().findUser(user.username);
      if (!stored || !(await hasher().verify(current, stored.passwordHash))) throw new AppError('forbidden', 'Mật khẩu hiện tại không đúng.');
      await staff().updateUser(user.id, { passwordHash: await hasher().hash(password), endSessions: true, at: ctx.now().toISOString() }, auditRecord(ctx, actor.actor, 'account.password', user.username, null, { passwordChanged: true }));
    },

    /** Ends every session of the account (logout): they are signed with the old session version. */
    async endSessions(user: StaffUser): Promise<void> {
      await staff().updateUser(user.id, { endSessions: true, at: ctx.now().toISOString() }, null);
    },

    /** A new API token for a script acting as `username`: shown once, stored as its SHA-256 digest only. */
    async createToken(actor: StaffPrincipal, username: string, name: string): Promise<{ id: string; token: string }> {
      const user = await find(username);
      const token = `nq57_${randomToken(32)}`;
      const id = ctx.newId();
      await conflict(async () =>
        staff().createToken({ id, userId: user.id, name, tokenHash: await tokenDigest(token), createdBy: actor.actor, at: ctx.now().toISOString() }, auditRecord(ctx, actor.actor, 'token.create', username, null, { id, name, username, role: user.role })),
      );
      return { id, token };
    },

    async revokeToken(actor: StaffPrincipal, id: string): Promise<void> {
      const token = (await staff().listTokens()).find((t) => t.id === id);
      if (!token || token.revokedAt) throw new AppError('not_found', 'Không có mã truy cập đang dùng với mã này.');
      await staff().revokeToken(id, ctx.now().toISOString(), auditRecord(ctx, actor.actor, 'token.revoke', token.username, { id, name: token.name }, { id, name: token.name, revoked: true }));
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
