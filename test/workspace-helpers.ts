/**
 * @module
 * The app with the staff workspace on the real engine and a real SQLite file: every store
 * of one database, fast scrypt (tests hash hundreds of passwords), accounts for each role,
 * and a browser-like staff client (cookie jar, login form, CSRF token) for `app.request`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type AppState, type ReadyEngine } from '../src/app.ts';
import { prepareEngine } from '../src/admin/faq/live.ts';
import { createWorkspace, type Workspace } from '../src/admin/workspace.ts';
import { createScryptHasher } from '../src/entry/scrypt.ts';
import { createMemoryRateLimiter } from '../src/http/rate-limit.ts';
import type { Role } from '../src/store/staff/types.ts';
import type { SqliteStores } from '../src/store/sqlite-stores.ts';
import { captureLogger, CORPUS_DIR, engineAndStores, makeTempDir, removeDir, type Fetcher } from './helpers.ts';

export const PASSWORD = 'mật khẩu thử nghiệm dài';
export const FAST_HASHER = createScryptHasher({ N: 1024, r: 8, p: 1 });
export const ROLES_UNDER_TEST: Role[] = ['admin', 'editor', 'reviewer', 'viewer'];

export interface WorkspaceApp {
  app: ReturnType<typeof createApp>;
  state: AppState;
  ready: ReadyEngine;
  stores: SqliteStores;
  workspace: Workspace;
  dbFile: string;
  logger: ReturnType<typeof captureLogger>;
  now: { ms: number };
  close(): Promise<void>;
}

/** `accounts`: one account per role, named after it (admin, editor, reviewer, viewer), plus any extra. */
export async function createWorkspaceApp(options: { accounts?: Array<[string, Role]>; seedFaq?: boolean; loginLimits?: boolean } = {}): Promise<WorkspaceApp> {
  const dir = makeTempDir('staff');
  const { config, ready, dbFile, stores, state, logger } = await engineAndStores(dir);
  const now = { ms: Date.parse('2026-11-30T08:00:00.000Z') };
  const clock = () => new Date(now.ms);
  const generous = () => createMemoryRateLimiter({ perMinute: 10_000, burst: 10_000 });
  const workspace = createWorkspace({
    state,
    logger,
    now: clock,
    newId: () => crypto.randomUUID(),
    options: {
      sessionSecret: 'test-session-secret-of-enough-length',
      sessionIdleMs: 30 * 60_000,
      cookieSecure: false,
      hasher: FAST_HASHER,
      loginLimits: options.loginLimits ? undefined : { perAccount: generous(), perAddress: generous() },
      defaultAgency: config.defaultAgency,
    },
  });
  const app = createApp({ state, logger, workspace, now: clock });
  if (options.seedFaq) await prepareEngine(ready, stores.workspace, corpusFaqFiles(), { now: clock, newId: () => crypto.randomUUID(), logger, reviewDays: 365 });
  for (const [username, role] of [...ROLES_UNDER_TEST.map((r): [string, Role] => [r, r]), ...(options.accounts ?? [])]) {
    await workspace.accounts.create('test', { username, role, password: PASSWORD });
  }
  return {
    app,
    state,
    ready,
    stores,
    workspace,
    dbFile,
    logger,
    now,
    async close() {
      await stores.conversations.close();
      removeDir(dir);
    },
  };
}

/** corpus/faq/*.yaml as the server reads them at start. */
export function corpusFaqFiles(): Array<{ file: string; text: string }> {
  const dir = join(CORPUS_DIR, 'faq');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => ({ file: `faq/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** A browser's view of the staff pages: cookies kept, the login form followed, the CSRF token known. */
export class StaffClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: Fetcher) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  }

  /** Posts a form as a browser does (urlencoded, with the session's CSRF token unless given). */
  form(path: string, fields: Record<string, string>, csrf: string | null = this.csrf): Promise<Response> {
    const body = new URLSearchParams(csrf === null ? fields : { _csrf: csrf, ...fields });
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  /** Sends JSON with the CSRF header, as a script on our pages would. */
  json(path: string, body: unknown, csrf: string | null = this.csrf): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (csrf !== null) headers['x-csrf-token'] = csrf;
    return this.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  async login(username: string, password = PASSWORD): Promise<Response> {
    const page = await (await this.request('/admin/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await this.form('/admin/login', { username, password, next: '/admin' }, token);
    if (res.status === 303) this.csrf = ((await (await this.request('/api/admin/me')).json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('nq57_staff'));
  }
}

export async function loggedIn(app: Fetcher, username: string): Promise<StaffClient> {
  const client = new StaffClient(app);
  const res = await client.login(username);
  if (res.status !== 303) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  return client;
}
