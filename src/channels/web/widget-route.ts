/**
 * @module
 * `GET /widget.js`: the embeddable widget, built at start by the entry and handed in.
 * The plain URL is cached for a day and revalidated by its ETag; the versioned URL the
 * README prints (`?v=<version>`, with its integrity hash) never changes, so it is cached
 * for a year. Any other `?v=` is an old version this server no longer has: the current
 * script, cached briefly.
 */
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';

/** What the route needs of a built widget (widget/build.ts makes it on Node; a bundled asset on Workers). */
export interface WidgetScript {
  code: string;
  etag: string;
  version: string;
}

const DAY = 86_400;

export function createWidgetHandler(getWidget: () => WidgetScript | null) {
  return (c: Context) => {
    const widget = getWidget();
    if (!widget) throw new AppError('not_ready', undefined, 1);
    const requested = c.req.query('v');
    const cacheControl =
      requested === undefined ? `public, max-age=${DAY}, stale-while-revalidate=${7 * DAY}` : requested === widget.version ? `public, max-age=${365 * DAY}, immutable` : 'public, max-age=300';
    c.header('ETag', widget.etag);
    c.header('Cache-Control', cacheControl);
    c.header('X-Content-Type-Options', 'nosniff');
    // Pages that isolate themselves (COEP) may still embed it.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const tags = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (tags.includes(widget.etag) || tags.includes('*')) return c.body(null, 304);
    return c.body(widget.code, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  };
}
