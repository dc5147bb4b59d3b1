/**
 * @module
 * The FAQ over JSON (`/api/admin/faq…`), for scripts with an API token or the page's
 * session (with `X-CSRF-Token`). The pages (pages.tsx) call the same service.
 */
import type { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import { jsonBody, limitForm, limitImport, parseWith, query } from '../http.ts';
import type { Workspace } from '../workspace.ts';
import { createFaqSchema, faqListQuerySchema, importSchema, transitionSchema, updateFaqSchema } from './schemas.ts';

export function registerFaqApi(app: Hono, w: Workspace): void {
  app.get('/api/admin/faq', w.staff('read'), async (c) => {
    const filter = parseWith(faqListQuerySchema, query(c));
    return c.json({ entries: await w.faq.list(filter) });
  });
  app.post('/api/admin/faq', limitForm, w.staff('faq:write'), async (c) => c.json(await w.faq.create(c.get('staff'), await jsonBody(c, createFaqSchema)), 201));

  app.get('/api/admin/faq/export', w.staff('read'), async (c) =>
    c.body(await w.faq.exportYaml(), 200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Content-Disposition': 'attachment; filename="faq.yaml"', 'Cache-Control': 'no-store' }),
  );
  app.post('/api/admin/faq/import', limitImport, w.staff('faq:import'), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    const input = type === 'text/yaml' || type === 'application/yaml' ? parseWith(importSchema, { file: c.req.query('file') || undefined, yaml: await c.req.text() }) : await jsonBody(c, importSchema);
    const result = await w.faq.importYaml(c.get('staff').actor, [{ file: input.file, text: input.yaml }]);
    if (!result.ok) {
      const error = new AppError('invalid_request', `Tệp FAQ có ${result.problems.length} lỗi; chưa nhập mục nào.`);
      return c.json({ error: { code: error.code, message: error.message }, problems: result.problems }, 400);
    }
    const { ok: _ok, ...summary } = result;
    return c.json(summary);
  });

  app.get('/api/admin/faq/:id', w.staff('read'), async (c) => {
    const id = c.req.param('id');
    return c.json({ entry: await w.faq.get(id), history: await w.faq.history(id) });
  });
  app.post('/api/admin/faq/:id', limitForm, w.staff('faq:write'), async (c) => c.json(await w.faq.update(c.get('staff'), c.req.param('id'), await jsonBody(c, updateFaqSchema))));
  // Each action checks its own permission (submit: faq:write; publish, return, archive: faq:review).
  app.post('/api/admin/faq/:id/transition', limitForm, w.staff('read'), async (c) => c.json(await w.faq.transition(c.get('staff'), c.req.param('id'), await jsonBody(c, transitionSchema))));
}
