/**
 * @module
 * What embedding needs from the server, in memory with `app.request()`: `/widget.js` with
 * its ETag and caching, CORS for agency portals on other origins (never for anything else),
 * the demo home page under a strict CSP, and `context.documentId` from the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { loadConfig } from '../src/config.ts';
import { buildWidget, type WidgetAsset } from '../widget/build.ts';
import { captureLogger, createTestApp, expectError, postJson, type TestApp } from './helpers.ts';

let t: TestApp;
let widget: WidgetAsset;
beforeAll(async () => {
  widget = await buildWidget();
  t = await createTestApp({ deps: { widget: () => widget, allowedOrigins: ['https://portal.dienbien.gov.vn'] } });
});
afterAll(async () => {
  await t.close();
});

describe('GET /widget.js', () => {
  it('serves the built script as JavaScript with its ETag and a day of caching', async () => {
    const res = await t.app.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('etag')).toBe(widget.etag);
    expect(res.headers.get('cache-control')).toMatch(/max-age=86400/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(widget.code);
  });

  it('answers 304 with no body when the ETag still matches', async () => {
    const res = await t.app.request('/widget.js', { headers: { 'if-none-match': widget.etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('caches the versioned URL for a year, and an unknown version only briefly', async () => {
    const current = await t.app.request(`/widget.js?v=${widget.version}`);
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const old = await t.app.request('/widget.js?v=000000000000');
    expect(old.status).toBe(200);
    expect(old.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('is 503 not_ready with Retry-After until the widget is built', async () => {
    const app = createApp({ state: { engine: null, store: null }, logger: captureLogger(), widget: () => null });
    const res = await app.request('/widget.js');
    await expectError(res, 503, 'not_ready');
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('has an integrity hash that matches its bytes', async () => {
    const { createHash } = await import('node:crypto');
    expect(widget.integrity).toBe(`sha384-${createHash('sha384').update(widget.code, 'utf8').digest('base64')}`);
  });
});

describe('CORS for agency portals', () => {
  const portal = 'https://portal.dienbien.gov.vn';

  it('answers the preflight of a JSON chat request from an allowed origin', async () => {
    const res = await t.app.request('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: portal, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,accept' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(portal);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('lets the page read the answer and Retry-After, also on errors', async () => {
    const ok = await postJson(t.app, '/api/chat', { message: 'NQ57 là gì?' }, { origin: portal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(portal);
    expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const bad = await postJson(t.app, '/api/chat', { message: '' }, { origin: portal });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(portal);
    const feedback = await postJson(t.app, '/api/feedback', { messageId: 'khong-co', rating: 'up' }, { origin: portal });
    expect(feedback.status).toBe(404);
    expect(feedback.headers.get('access-control-allow-origin')).toBe(portal);
  });

  it('gives an origin that is not allowed no CORS grant', async () => {
    const res = await postJson(t.app, '/api/chat', { message: 'NQ57 là gì?' }, { origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens nothing but the citizen routes', async () => {
    for (const path of ['/readyz', '/openapi.json', '/']) {
      const res = await t.app.request(path, { headers: { origin: portal } });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('gives staff routes no CORS grant, neither a preflight nor a GET, even when any origin may embed the widget', async () => {
    const anyOrigin = createApp({ state: t.state, logger: captureLogger(), widget: () => widget });
    const origins = [portal, 'https://xa-muong-phang.dienbien.gov.vn'];
    for (const [app, name] of [[t.app, 'ALLOWED_ORIGINS=portal'], [anyOrigin, 'ALLOWED_ORIGINS=*']] as const) {
      // The same request to a citizen route is granted: the origin itself is allowed.
      const citizen = await app.request('/api/chat', { method: 'OPTIONS', headers: { origin: portal, 'access-control-request-method': 'POST' } });
      expect(citizen.headers.get('access-control-allow-origin'), name).not.toBeNull();
      for (const origin of origins) {
        for (const path of ['/admin/login', '/api/admin/citizens/export']) {
          const preflight = await app.request(path, {
            method: 'OPTIONS',
            headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
          });
          const what = `${name}: OPTIONS ${path} from ${origin}`;
          expect(preflight.headers.get('access-control-allow-origin'), what).toBeNull();
          expect(preflight.headers.get('access-control-allow-methods'), what).toBeNull();
          expect(preflight.headers.get('access-control-allow-credentials'), what).toBeNull();
        }
        const login = await app.request('/admin/login', { headers: { origin } });
        expect(login.status, `${name}: GET /admin/login`).toBe(200);
        expect(login.headers.get('access-control-allow-origin'), `${name}: GET /admin/login from ${origin}`).toBeNull();
      }
    }
  });

  it('allows any origin by default', async () => {
    const app = createApp({ state: t.state, logger: captureLogger(), widget: () => widget });
    const res = await app.request('/widget.js', { headers: { origin: 'https://xa-muong-phang.dienbien.gov.vn' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('reads comma-separated origins, dropping a trailing slash', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.gov.vn, https://b.gov.vn/' }).allowedOrigins).toEqual(['https://a.gov.vn', 'https://b.gov.vn']);
    expect(loadConfig({}).allowedOrigins).toEqual(['*']);
  });

  it('rejects a URL with a path, naming the variable', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.gov.vn/hoi-dap' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
  });
});

describe('GET /: the demo page', () => {
  it('presents the default document with the widget embedded for it, under a strict CSP', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('Kế hoạch triển khai thực hiện Quyết định số 1169/QĐ-TTg');
    expect(html).toMatch(/<script src="\/widget.js" async="" data-document="ke-hoach-dien-bien-1169"/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
  });
});

describe('context.documentId', () => {
  const ask = async (body: unknown) => {
    const res = await postJson(t.app, '/api/chat', body);
    expect(res.status, await res.clone().text()).toBe(200);
    return chatResponseSchema.parse(await res.json());
  };

  it('makes "văn bản này" the page the citizen is reading', async () => {
    const body = await ask({ message: 'văn bản này do ai ký?', context: { documentId: 'ke-hoach-dien-bien-1169' } });
    expect(body.outcome).toBe('answered');
    expect(body.answer).toContain('Vừ A Bằng');
    expect(body.sources[0]?.documentId).toBe('ke-hoach-dien-bien-1169');
  });

  it('ignores an id the corpus does not hold, and logs it', async () => {
    const body = await ask({ message: 'NQ57 là gì?', context: { documentId: 'van-ban-da-go' } });
    expect(body.outcome).toBe('answered');
    expect(t.logger.lines.some((l) => l.includes('unknown context document') && l.includes('van-ban-da-go'))).toBe(true);
  });

  it('rejects a malformed one with 400', async () => {
    for (const context of [{ documentId: 5 }, { documentId: '' }, { documentId: 'x'.repeat(129) }, 'ke-hoach', []]) {
      await expectError(await postJson(t.app, '/api/chat', { message: 'NQ57 là gì?', context }), 400, 'invalid_request');
    }
  });
});
