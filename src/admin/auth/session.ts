/**
 * @module
 * Staff sessions in a signed cookie (HMAC-SHA256 with SESSION_SECRET): HttpOnly,
 * SameSite=Strict, Secure (and the `__Host-` prefix, which pins it to this host and path /)
 * whenever the page is served over https or through a trusted proxy. Nothing is stored on
 * the server: the cookie names the account and its session version, so logging out, a new
 * password, a new role or a disabled account (each bumps the version) ends every session of
 * that account. A session ends after `idleMs` without a request, and after 12 hours in any case.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hmac, randomToken, sameText } from './secret-text.ts';

export interface SessionConfig {
  secret: string;
  idleMs: number;
  /** Whether this request is served over https (directly or through a trusted proxy). */
  secure: (c: Context) => boolean;
}

export interface Session {
  userId: string;
  sessionVersion: number;
  issuedAt: number;
  seenAt: number;
}

/** A working day: a stolen cookie is not good for longer, however active. */
const SESSION_MAX_AGE_MS = 12 * 3_600_000;
/** The cookie is re-signed with a new "seen" time at most this often. */
const REFRESH_MS = 60_000;
const NAME = 'nq57_staff';
const LOGIN_NAME = 'nq57_login';

const cookieName = (base: string, secure: boolean) => (secure ? `__Host-${base}` : base);
const options = (secure: boolean, maxAgeSeconds: number) => ({ path: '/', httpOnly: true, secure, sameSite: 'Strict' as const, maxAge: maxAgeSeconds });

async function signed(secret: string, payload: string): Promise<string> {
  return `${payload}.${await hmac(secret, `session:${payload}`)}`;
}

async function verified(secret: string, value: string | undefined): Promise<string | null> {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 0) return null;
  const payload = value.slice(0, dot);
  return sameText(value.slice(dot + 1), await hmac(secret, `session:${payload}`)) ? payload : null;
}

export async function readSession(c: Context, config: SessionConfig, now: number): Promise<Session | null> {
  const payload = await verified(config.secret, getCookie(c, cookieName(NAME, config.secure(c))));
  const parts = payload?.split('|');
  if (!parts || parts.length !== 5 || parts[0] !== 'v1') return null;
  const [, userId, version, issued, seen] = parts as [string, string, string, string, string];
  const session = { userId, sessionVersion: Number(version), issuedAt: Number(issued), seenAt: Number(seen) };
  if (![session.sessionVersion, session.issuedAt, session.seenAt].every(Number.isSafeInteger)) return null;
  if (now - session.seenAt > config.idleMs || now - session.issuedAt > SESSION_MAX_AGE_MS || session.seenAt > now + REFRESH_MS) return null;
  return session;
}

export async function writeSession(c: Context, config: SessionConfig, session: Session): Promise<void> {
  const secure = config.secure(c);
  const payload = ['v1', session.userId, session.sessionVersion, session.issuedAt, session.seenAt].join('|');
  setCookie(c, cookieName(NAME, secure), await signed(config.secret, payload), options(secure, Math.ceil(config.idleMs / 1000)));
}

/** Re-signs the cookie with the time of this request, so an active session does not expire. */
export async function touchSession(c: Context, config: SessionConfig, session: Session, now: number): Promise<void> {
  if (now - session.seenAt >= REFRESH_MS) await writeSession(c, config, { ...session, seenAt: now });
}

export function clearSession(c: Context, config: SessionConfig): void {
  const secure = config.secure(c);
  deleteCookie(c, cookieName(NAME, secure), { path: '/', secure });
}

/** The CSRF token of a session: forms carry it in `_csrf`, scripts in `X-CSRF-Token`. */
export function sessionCsrfToken(config: SessionConfig, session: Session): Promise<string> {
  return hmac(config.secret, `csrf:${session.userId}|${session.sessionVersion}|${session.issuedAt}`);
}

/**
 * Before a session exists the login form is protected by a nonce in a signed cookie and its
 * token in the form (a forged login would sign the victim into the attacker's account).
 */
export async function loginCsrfToken(c: Context, config: SessionConfig): Promise<string> {
  const secure = config.secure(c);
  let nonce = await verified(config.secret, getCookie(c, cookieName(LOGIN_NAME, secure)));
  if (!nonce) {
    nonce = randomToken(16);
    setCookie(c, cookieName(LOGIN_NAME, secure), await signed(config.secret, nonce), options(secure, 3600));
  }
  return hmac(config.secret, `login:${nonce}`);
}

export async function checkLoginCsrfToken(c: Context, config: SessionConfig, token: string): Promise<boolean> {
  const nonce = await verified(config.secret, getCookie(c, cookieName(LOGIN_NAME, config.secure(c))));
  return nonce !== null && sameText(token, await hmac(config.secret, `login:${nonce}`));
}
