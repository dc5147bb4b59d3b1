/**
 * @module
 * What monitoring and client generators read (docs/API.md): `GET /healthz`, `GET /readyz`
 * once the service answers, and the OpenAPI document at `GET /openapi.json`. Run on Node
 * (test/api.contract.test.ts) and in workerd (test/worker.contract.test.ts). Readiness
 * before the index is loaded is Node's alone (test/api.contract.test.ts): a Worker has no
 * start-up phase a client can see (docs/API.md, "On Cloudflare Workers").
 */
import { describe, expect, it } from 'vitest';
import type { ContractTarget } from './target.ts';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
  components: { schemas: Record<string, { required?: string[] }> };
}

export function describeOperationsContract(target: () => ContractTarget): void {
  const getJson = async (path: string, status: number) => {
    const res = await target().request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
    return (await res.json()) as Record<string, unknown>;
  };

  describe('health and readiness', () => {
    it('answers GET /healthz 200 {"status":"ok"}', async () => {
      expect(await getJson('/healthz', 200)).toEqual({ status: 'ok' });
    });

    it('answers GET /readyz 200 with status "ready" once questions are answered', async () => {
      const body = await getJson('/readyz', 200);
      expect(body.status).toBe('ready');
    });
  });

  describe('GET /openapi.json', () => {
    const getDoc = async () => (await getJson('/openapi.json', 200)) as unknown as OpenApiDocument;

    it('is an OpenAPI 3 document listing the chat, feedback, messages, health, readiness and document endpoints', async () => {
      const doc = await getDoc();
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/chat', '/api/feedback', '/api/conversations/{id}/messages', '/healthz', '/readyz', '/openapi.json']));
      expect(doc.paths['/api/chat']?.post).toBeDefined();
      expect(doc.paths['/api/feedback']?.post).toBeDefined();
      expect(doc.paths['/api/conversations/{id}/messages']?.get).toBeDefined();
    });

    it('describes the chat request body with a schema that requires message', async () => {
      const doc = await getDoc();
      const ref = doc.paths['/api/chat']?.post?.requestBody?.content['application/json']?.schema.$ref ?? '';
      const name = ref.replace('#/components/schemas/', '');
      expect(name).toBe('ChatRequest');
      expect(doc.components.schemas.ChatRequest?.required).toContain('message');
      expect(doc.components.schemas.FeedbackRequest?.required).toEqual(expect.arrayContaining(['messageId', 'rating']));
    });
  });
}
