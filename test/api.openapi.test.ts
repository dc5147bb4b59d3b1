/**
 * @module
 * `GET /openapi.json`: the published OpenAPI 3 document covers every endpoint the app
 * serves (API.md: "an endpoint appears once it is built"). What the document says of the
 * chat, feedback and other citizen endpoints is the shared contract suite's
 * (test/contract/operations.ts, on Node and on the Worker); the Worker publishes the same
 * document (test/worker.contract.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { captureLogger } from './helpers.ts';

const app = createApp({ state: { engine: null, store: null }, logger: captureLogger() });

describe('GET /openapi.json', () => {
  it('documents every endpoint the app serves', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    // Hono writes a path parameter ":id", OpenAPI "{id}".
    const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(0);
    for (const endpoint of new Set(served)) expect(documented).toContain(endpoint);
  });
});
