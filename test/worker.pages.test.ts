/**
 * @module
 * The widget and the staff pages on the Worker in workerd, served as on Node: the same widget
 * bytes and ETag as the Node server builds, the demo page under its CSP, and the staff
 * workspace behind its login, with the first admin from the secrets and a session that
 * holds across requests (signed with SESSION_SECRET, scrypt on Workers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../widget/build.ts';
import { createApp } from '../src/app.ts';
import { ADMIN } from './platform-helpers.ts';
import { captureLogger } from './helpers.ts';
import { StaffClient } from './workspace-helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';

let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker({ SESSION_SECRET: 'w'.repeat(40), ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, PROVINCE: 'Điện Biên' });
}, 180_000);
afterAll(async () => {
  await worker?.close();
});

describe('pages on the Worker', () => {
  it('serves the widget the Node server builds, byte for byte, with its ETag and caching', async () => {
    const built = await buildWidget();
    const res = await worker.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('etag')).toBe(built.etag);
    expect(await res.text()).toBe(built.code);
    expect((await worker.request(`/widget.js?v=${built.version}`)).headers.get('cache-control')).toContain('immutable');
    expect((await worker.request('/widget.js', { headers: { 'if-none-match': built.etag } })).status).toBe(304);
  });

  it('serves the demo page with the same security headers as Node', async () => {
    const onWorker = await worker.request('/');
    expect(onWorker.status).toBe(200);
    expect(await onWorker.text()).toContain('Điện Biên');
    const onNode = await createApp({ state: { engine: null, store: null }, logger: captureLogger() }).request('/');
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy']) {
      expect(onWorker.headers.get(header)?.replace(/'nonce-[^']+'/g, "'nonce'"), header).toBe(onNode.headers.get(header)?.replace(/'nonce-[^']+'/g, "'nonce'"));
    }
  });

  it('keeps the staff pages behind the login, and lets the first admin from the secrets in', async () => {
    const staff = new StaffClient({ request: (path, init) => worker.request(path, { ...init, redirect: 'manual' }) });
    expect((await staff.request('/api/admin/me')).status).toBe(401);
    const login = await staff.login(ADMIN.username, ADMIN.password);
    expect(login.status, await login.clone().text()).toBe(303);
    expect(staff.hasSession()).toBe(true);
    const dashboard = await staff.request('/admin');
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<html');
    const faq = await staff.request('/admin/faq');
    expect(faq.status).toBe(200);
    expect((await new StaffClient({ request: (path, init) => worker.request(path, { ...init, redirect: 'manual' }) }).login(ADMIN.username, 'mật khẩu sai hoàn toàn')).status).toBe(401);
  }, 60_000);
});
