/**
 * @module
 * `GET /openapi.json`: the published OpenAPI 3 document covers every endpoint the app
 * serves (API.md: "an endpoint appears once it is built").
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { captureLogger } from './helpers.ts';

const app = createApp({ state: { engine: null, store: null }, logger: captureLogger() });

describe('GET /openapi.json', () => {
  const getDoc = async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    return (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
  };

  it('is an OpenAPI 3 document listing the chat, feedback, health, readiness and document endpoints', async () => {
    const doc = await getDoc();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/chat', '/api/feedback', '/healthz', '/readyz', '/openapi.json']));
    expect(doc.paths['/api/chat']?.post).toBeDefined();
    expect(doc.paths['/api/feedback']?.post).toBeDefined();
  });

  it('describes the chat request body with a schema that requires message', async () => {
    const doc = await getDoc();
    const ref = doc.paths['/api/chat']?.post?.requestBody?.content['application/json']?.schema.$ref ?? '';
    const name = ref.replace('#/components/schemas/', '');
    expect(name).toBe('ChatRequest');
    expect(doc.components.schemas.ChatRequest?.required).toContain('message');
    expect(doc.components.schemas.FeedbackRequest?.required).toEqual(expect.arrayContaining(['messageId', 'rating']));
  });

  it('documents every endpoint the app serves', async () => {
    const doc = await getDoc();
    // Hono writes a path parameter ":id", OpenAPI "{id}".
    const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(0);
    for (const endpoint of new Set(served)) expect(documented).toContain(endpoint);
  });
});
