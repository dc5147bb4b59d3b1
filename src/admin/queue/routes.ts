/**
 * @module
 * The review queue over JSON (`/api/admin/queue…`). The pages (pages.tsx) call the same service.
 */
import type { Hono } from 'hono';
import type { ReviewGroup } from '../../store/review/types.ts';
import { jsonBody, limitForm, parseWith, query } from '../http.ts';
import type { Workspace } from '../workspace.ts';
import { answerSchema, draftSchema, queueListQuerySchema, resolveSchema, splitSchema } from './schemas.ts';

/** A group as clients see it: its terms are internal. */
function groupView(g: ReviewGroup) {
  const { terms: _terms, ...rest } = g as ReviewGroup & { folded?: string };
  delete (rest as { folded?: string }).folded;
  return rest;
}

export function registerQueueApi(app: Hono, w: Workspace): void {
  app.get('/api/admin/queue', w.staff('read'), async (c) => c.json({ groups: (await w.queue.list(parseWith(queueListQuerySchema, query(c)))).map(groupView) }));
  app.get('/api/admin/queue/:id', w.staff('read'), async (c) => {
    const detail = await w.queue.detail(c.req.param('id'));
    return c.json({ ...detail, group: groupView(detail.group) });
  });
  app.post('/api/admin/queue/:id/answer', limitForm, w.staff('queue:answer'), async (c) => c.json(await w.queue.answer(c.get('staff'), c.req.param('id'), (await jsonBody(c, answerSchema)).text)));
  app.post('/api/admin/queue/:id/draft', limitForm, w.staff('faq:write'), async (c) => c.json(await w.queue.draft(c.get('staff'), c.req.param('id'), await jsonBody(c, draftSchema)), 201));
  app.post('/api/admin/queue/:id/resolve', limitForm, w.staff('queue:answer'), async (c) => {
    await w.queue.resolve(c.get('staff'), c.req.param('id'), (await jsonBody(c, resolveSchema)).status);
    return c.json(groupView((await w.queue.detail(c.req.param('id'))).group));
  });
  app.post('/api/admin/queue/:id/split', limitForm, w.staff('queue:answer'), async (c) => c.json({ group: await w.queue.split(c.get('staff'), c.req.param('id'), (await jsonBody(c, splitSchema)).messageId) }));
}
