/**
 * @module
 * Who may do what in the staff workspace. Every `/admin` page and `/api/admin` route
 * answers 401 without credentials, 403 to a role without the permission, 403 to a
 * state-changing request without the session's CSRF token (or with a forged one, or sent
 * from another site), and none of them changes anything; no staff route ever answers CORS.
 * Sessions: signed, HttpOnly, SameSite=Strict cookies (Secure over https), idle expiry,
 * logout and account changes end them; API tokens; login attempts limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROUTES } from '../src/admin/openapi.ts';
import { can, type Permission } from '../src/admin/auth/roles.ts';
import type { Role } from '../src/store/staff/types.ts';
import { dumpDatabase, postJson } from './helpers.ts';
import { createWorkspaceApp, loggedIn, PASSWORD, ROLES_UNDER_TEST, StaffClient, type WorkspaceApp } from './workspace-helpers.ts';

let t: WorkspaceApp;
const ids = { faq: 'kh-nguoi-ky', group: '', token: '', username: 'viewer' };

beforeAll(async () => {
  t = await createWorkspaceApp({ seedFaq: true });
  await postJson(t.app, '/api/chat', { message: 'Bao giờ bản tôi có điện lưới quốc gia?' });
  await t.workspace.queue.sync();
  ids.group = (await t.stores.workspace.review.listGroups({ status: 'open', limit: 1 }))[0]?.id ?? '';
  const admin = await loggedIn(t.app, 'admin');
  const created = (await (await admin.json('/api/admin/tokens', { username: 'viewer', name: 'thử' })).json()) as { id: string };
  ids.token = created.id;
});
afterAll(async () => {
  await t.close();
});

const guarded = STAFF_ROUTES.filter((r) => r.permission !== 'none');
const concrete = (path: string) => path.replace('/faq/{id}', `/faq/${ids.faq}`).replace('/queue/{id}', `/queue/${ids.group}`).replace('/tokens/{id}', `/tokens/${ids.token}`).replace('{username}', ids.username);

/** A request to a route: JSON to the API, a form to the pages; `fields` fill either. */
function send(client: StaffClient | null, method: string, path: string, headers: Record<string, string> = {}, fields: Record<string, string> = {}): Promise<Response> {
  const url = concrete(path);
  const request = (init: RequestInit) => (client ? client.request(url, init) : Promise.resolve(t.app.request(url, init)));
  if (method === 'get') return request({ headers });
  if (path.startsWith('/api/')) return request({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(fields) });
  return request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
}

/** Every row of every table: a refused request must leave them as they were. */
const snapshot = () => JSON.stringify(dumpDatabase(t.dbFile));

describe('every staff route', () => {
  it('is listed with the permission it needs', () => {
    const served = new Set(t.app.routes.filter((r) => r.method !== 'ALL' && /^\/(api\/)?admin(\/|$)/.test(r.path)).map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const listed = new Set(STAFF_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual([...listed].sort());
    expect(served.size).toBeGreaterThan(40);
  });

  it('answers 401 without credentials, with a forged cookie or an unknown token, and changes nothing', async () => {
    const before = snapshot();
    const forged = new StaffClient(t.app);
    for (const r of guarded) {
      for (const [client, headers] of [
        [null, {}],
        [null, { cookie: 'nq57_staff=v1|00000000-0000-0000-0000-000000000000|1|1|1.forged' }],
        [null, { authorization: 'Bearer nq57_not-a-real-token' }],
        [forged, { authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ] as Array<[StaffClient | null, Record<string, string>]>) {
        const res = await send(client, r.method, r.path, headers);
        expect(res.status, `${r.method} ${r.path} ${JSON.stringify(headers)}`).toBe(401);
        if (r.path.startsWith('/api/')) {
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        } else {
          // A person gets the login form, which leads back to the page.
          expect(await res.text()).toContain('action="/admin/login"');
        }
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('answers 403 to a role without the permission (with a valid CSRF token), and changes nothing', async () => {
    const clients = Object.fromEntries(await Promise.all(ROLES_UNDER_TEST.map(async (role) => [role, await loggedIn(t.app, role)] as const))) as Record<Role, StaffClient>;
    const before = snapshot();
    let refused = 0;
    for (const r of guarded) {
      const needs: Permission = r.permission === 'per action' ? 'faq:review' : (r.permission as Permission);
      for (const role of ROLES_UNDER_TEST.filter((role) => !can(role, needs))) {
        const client = clients[role];
        // A transition names its action; a viewer may take none of them.
        if (r.permission === 'per action' && role !== 'viewer') continue;
        const fields: Record<string, string> = r.permission === 'per action' ? { action: 'archive', version: '1' } : {};
        const res = await send(client, r.method, r.path, { 'x-csrf-token': client.csrf }, r.path.startsWith('/api/') ? fields : { ...fields, _csrf: client.csrf });
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(60);
    expect(snapshot()).toBe(before);
  });

  it('answers 403 to a state-changing request without the CSRF token, with a forged one, or from another site, and changes nothing', async () => {
    const admin = await loggedIn(t.app, 'admin');
    const before = snapshot();
    for (const r of guarded.filter((x) => x.method === 'post')) {
      for (const [headers, fields] of [
        [{}, {}],
        [{ 'x-csrf-token': 'forged-token-value' }, {}],
        [{}, { _csrf: 'forged-token-value' }],
        [{ 'x-csrf-token': admin.csrf, 'sec-fetch-site': 'cross-site' }, {}],
        [{ 'x-csrf-token': admin.csrf, 'sec-fetch-site': 'same-site' }, {}],
      ] as Array<[Record<string, string>, Record<string, string>]>) {
        const res = await send(admin, r.method, r.path, headers, fields);
        expect(res.status, `${r.method} ${r.path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('never answers CORS, to a preflight or a request with an Origin, while the citizen API does', async () => {
    const origin = { origin: 'https://portal.example.gov.vn' };
    for (const r of STAFF_ROUTES) {
      const url = concrete(r.path);
      const preflight = await t.app.request(url, { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' } });
      expect(preflight.headers.get('access-control-allow-origin'), `OPTIONS ${url}`).toBeNull();
      const res = await send(null, r.method, r.path, origin);
      expect(res.headers.get('access-control-allow-origin'), `${r.method} ${url}`).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const citizen = await t.app.request('/api/chat', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST' } });
    expect(citizen.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('staff sessions', () => {
  it('are HttpOnly, SameSite=Strict cookies for the whole site (not Secure when COOKIE_SECURE=false)', async () => {
    const client = new StaffClient(t.app);
    const res = await client.login('editor');
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('nq57_staff=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('are Secure with the __Host- prefix when the page is served over https (COOKIE_SECURE=auto)', async () => {
    const { createWorkspace } = await import('../src/admin/workspace.ts');
    const { createApp } = await import('../src/app.ts');
    const { FAST_HASHER } = await import('./workspace-helpers.ts');
    const workspace = createWorkspace({ state: t.state, logger: t.logger, now: () => new Date(t.now.ms), newId: () => crypto.randomUUID(), options: { sessionSecret: 's'.repeat(40), sessionIdleMs: 60_000, cookieSecure: 'auto', hasher: FAST_HASHER } });
    const app = createApp({ state: t.state, logger: t.logger, workspace, now: () => new Date(t.now.ms) });
    const https = new StaffClient({ request: (path, init) => app.request(`https://hoidap.example.gov.vn${path}`, init) });
    const res = await https.login('editor');
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('__Host-nq57_staff=')) ?? '').toMatch(/; Secure/);
    expect((await https.request('/api/admin/me')).status).toBe(200);
    const plain = new StaffClient({ request: (path, init) => app.request(path, init) });
    const res2 = await plain.login('editor');
    expect(res2.headers.getSetCookie().find((c) => c.startsWith('nq57_staff=')) ?? '').not.toMatch(/Secure/);
  });

  it('end after the idle time, and stay alive while used', async () => {
    const client = await loggedIn(t.app, 'viewer');
    t.now.ms += 20 * 60_000;
    expect((await client.request('/api/admin/me')).status).toBe(200);
    t.now.ms += 20 * 60_000;
    expect((await client.request('/api/admin/me')).status).toBe(200);
    t.now.ms += 31 * 60_000;
    expect((await client.request('/api/admin/me')).status).toBe(401);
  });

  it('end at logout, on every device, and a copied cookie stops working', async () => {
    const laptop = await loggedIn(t.app, 'reviewer');
    const phone = await loggedIn(t.app, 'reviewer');
    const copied = new StaffClient(t.app);
    Object.assign(copied, { cookies: new Map((laptop as unknown as { cookies: Map<string, string> }).cookies) });
    expect((await copied.request('/api/admin/me')).status).toBe(200);
    const out = await laptop.form('/admin/logout', {});
    expect(out.status).toBe(303);
    expect(laptop.hasSession()).toBe(false);
    expect((await copied.request('/api/admin/me')).status).toBe(401);
    expect((await phone.request('/api/admin/me')).status).toBe(401);
  });

  it('end when an admin changes the account, and a locked account cannot log in', async () => {
    const victim = await loggedIn(t.app, 'editor');
    const admin = await loggedIn(t.app, 'admin');
    expect((await admin.json('/api/admin/accounts/editor', { disabled: true })).status).toBe(204);
    expect((await victim.request('/api/admin/me')).status).toBe(401);
    expect((await new StaffClient(t.app).login('editor')).status).toBe(401);
    expect((await admin.json('/api/admin/accounts/editor', { disabled: false })).status).toBe(204);
    expect((await new StaffClient(t.app).login('editor')).status).toBe(303);
  });

  it('refuse a wrong password and an unknown name alike', async () => {
    const wrong = await new StaffClient(t.app).login('editor', 'not the password at all');
    const unknown = await new StaffClient(t.app).login('nobody-here', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /<p><strong>Chưa lưu được\.<\/strong> ([^<]+)<\/p>/.exec(html)?.[1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
  });

  it('refuse a login form without its own token (login CSRF)', async () => {
    const client = new StaffClient(t.app);
    await client.request('/admin/login');
    expect((await client.form('/admin/login', { username: 'admin', password: PASSWORD }, 'forged')).status).toBe(403);
    expect(client.hasSession()).toBe(false);
  });

  it('never follow a login to another site', async () => {
    const client = new StaffClient(t.app);
    const page = await (await client.request('/admin/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    for (const next of ['https://evil.example/', '//evil.example/admin', '/\\evil.example', '/admin/../../x']) {
      const res = await client.form('/admin/login', { username: 'viewer', password: PASSWORD, next }, token);
      expect(res.headers.get('location'), next).toMatch(/^\/admin/);
      expect(res.headers.get('location')).not.toContain('//');
    }
  });
});

describe('API tokens', () => {
  it('act as their account without a CSRF token, and stop when revoked', async () => {
    const admin = await loggedIn(t.app, 'admin');
    const { id, token } = (await (await admin.json('/api/admin/tokens', { username: 'editor', name: 'đồng bộ' })).json()) as { id: string; token: string };
    expect(token).toMatch(/^nq57_[\w-]{40,}$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.request('/api/admin/faq?status=draft', { headers: bearer })).status).toBe(200);
    expect((await t.app.request('/api/admin/accounts', { headers: bearer })).status).toBe(403);
    const res = await postJson(t.app, '/api/admin/queue/' + ids.group + '/resolve', { status: 'dismissed' }, bearer);
    expect(res.status).toBe(200);
    expect((await postJson(t.app, '/api/admin/queue/' + ids.group + '/resolve', { status: 'open' }, bearer)).status).toBe(200);
    expect((await admin.json(`/api/admin/tokens/${id}/revoke`, {})).status).toBe(204);
    expect((await t.app.request('/api/admin/faq', { headers: bearer })).status).toBe(401);
  });
});

describe('login attempts', () => {
  it('are limited per account and per address, with Retry-After', async () => {
    const limited = await createWorkspaceApp({ loginLimits: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await new StaffClient(limited.app).login('admin', 'wrong password number ' + i)).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Even the right password waits: guessing cannot continue.
      const right = await new StaffClient(limited.app).login('admin');
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another account from the same address still gets in, until the address's own budget runs out.
      expect((await new StaffClient(limited.app).login('viewer')).status).toBe(303);
      const names = Array.from({ length: 25 }, (_, i) => `khach-${i}`);
      const byAddress: number[] = [];
      for (const name of names) byAddress.push((await new StaffClient(limited.app).login(name, 'x'.repeat(12))).status);
      expect(byAddress).toContain(429);
    } finally {
      await limited.close();
    }
  });
});
