/**
 * @module
 * Who is asking, and may they: a staff session (cookie) or an API token (`Authorization:
 * Bearer nq57_…`, for scripts). Every admin route goes through `requireStaff(permission)`:
 * 401 without valid credentials, 403 for a state-changing request from the page without
 * its CSRF token (or sent from another site), 403 when the role lacks the permission.
 * Nothing runs before these checks, so a refused request changes nothing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';
import type { StaffStore, StaffUser } from '../../store/staff/types.ts';
import { can, type Permission } from './roles.ts';
import { sameText, sha256 } from './secret-text.ts';
import { readSession, sessionCsrfToken, touchSession, type Session, type SessionConfig } from './session.ts';

export interface StaffPrincipal {
  user: StaffUser;
  /** How the audit log names them. */
  actor: string;
  /** Null for an API token. */
  session: Session | null;
  /** The session's CSRF token, for the forms of the pages it renders. */
  csrf: string | null;
}

declare module 'hono' {
  interface ContextVariableMap {
    staff: StaffPrincipal;
  }
}

export interface AuthDeps {
  session: SessionConfig;
  staff: () => StaffStore;
  now: () => Date;
}

const TOKEN_PREFIX = 'nq57_';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The digest stored for an API token. */
export function tokenDigest(token: string): Promise<string> {
  return sha256(token);
}

async function byToken(deps: AuthDeps, header: string): Promise<StaffPrincipal | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token?.startsWith(TOKEN_PREFIX)) return null;
  const found = await deps.staff().findToken(await tokenDigest(token));
  if (!found || found.user.disabled) return null;
  void deps.staff().touchToken(found.token.id, deps.now().toISOString()).catch(() => undefined);
  return { user: found.user, actor: `${found.user.username} (token: ${found.token.name})`, session: null, csrf: null };
}

async function bySession(c: Context, deps: AuthDeps): Promise<StaffPrincipal | null> {
  const now = deps.now().getTime();
  const session = await readSession(c, deps.session, now);
  if (!session) return null;
  const user = await deps.staff().getUser(session.userId);
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  await touchSession(c, deps.session, session, now);
  return { user, actor: user.username, session, csrf: await sessionCsrfToken(deps.session, session) };
}

/** The staff member behind the request, or null. A request with an Authorization header is judged by it alone. */
async function identify(c: Context, deps: AuthDeps): Promise<StaffPrincipal | null> {
  const authorization = c.req.header('authorization');
  return authorization !== undefined ? byToken(deps, authorization) : bySession(c, deps);
}

async function sentCsrfToken(c: Context): Promise<string> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return '';
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  return typeof body._csrf === 'string' ? body._csrf : '';
}

/**
 * A cookie rides along with any request the browser sends, whoever made the page: a
 * state-changing request must carry the session's token, which only our pages know, and
 * must not come from another site (Sec-Fetch-Site, where the browser sends it).
 */
async function checkCsrf(c: Context, principal: StaffPrincipal): Promise<void> {
  if (SAFE_METHODS.has(c.req.method) || !principal.session || !principal.csrf) return;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('forbidden', 'Yêu cầu đến từ một trang khác: đã bị từ chối.');
  if (!sameText(await sentCsrfToken(c), principal.csrf)) throw new AppError('forbidden', 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.');
}

export function requireStaff(deps: AuthDeps, permission: Permission): MiddlewareHandler {
  return async (c, next) => {
    const principal = await identify(c, deps);
    if (!principal) {
      if (c.req.path.startsWith('/api/')) c.header('WWW-Authenticate', 'Bearer realm="staff"');
      throw new AppError('unauthorized', 'Cần đăng nhập (hoặc mã truy cập API) để dùng khu vực cán bộ.');
    }
    // Known before the checks below, so a refusal page still shows who is signed in.
    c.set('staff', principal);
    await checkCsrf(c, principal);
    if (!can(principal.user.role, permission)) throw new AppError('forbidden', 'Vai trò của bạn không được làm việc này.');
    await next();
  };
}
