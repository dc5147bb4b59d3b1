/**
 * @module
 * A no-op Hono JSON endpoint on @hono/node-server: the machine's ceiling for the HTTP
 * benchmark, measured in the same run as /api/chat (absolute figures drift on a shared
 * machine; the ratio holds).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/noop', (c) => c.json({ ok: true }));
const port = Number(process.argv[2] ?? 0);
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => console.log(`listening ${info.port}`));
