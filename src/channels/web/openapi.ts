/**
 * @module
 * The OpenAPI 3.1 document of the endpoints built so far, generated from the zod schemas
 * (zod 4's JSON Schema output), so the published contract cannot drift from validation.
 */
import { z } from 'zod';
import { staffPaths, staffSchemas, staffSecuritySchemes } from '../../admin/openapi.ts';
import { platformPaths, platformSchemas } from '../platform/openapi.ts';
import { chatRequestSchema, chatResponseSchema, conversationMessagesSchema, errorSchema, feedbackRequestSchema } from './schemas.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
const errorRef = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hỏi đáp NQ57',
      version: '0.1.0',
      description: 'Hỏi đáp về Nghị quyết 57-NQ/TW, Quyết định 1169/QĐ-TTg và Kế hoạch thực hiện của tỉnh Điện Biên, có dẫn nguồn.',
    },
    paths: {
      '/api/chat': {
        post: {
          summary: 'Ask a question (JSON, or Server-Sent Events with Accept: text/event-stream)',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ChatRequest' } } } },
          responses: {
            '200': {
              description: 'The answer. When streaming: events `sources`, `delta` ({"text"}), `done` (this object), or `error`.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ChatResponse' } },
                'text/event-stream': { schema: { type: 'string' } },
              },
            },
            '400': errorResponse('invalid_request'),
            '409': errorResponse('conflict: a question is already pending in this conversation'),
            '413': errorResponse('payload_too_large (body over 32 KB)'),
            '415': errorResponse('unsupported_media_type'),
            '500': errorResponse('internal'),
            '503': errorResponse('not_ready (with Retry-After)'),
          },
        },
      },
      '/api/feedback': {
        post: {
          summary: 'Rate an answer; a second rating of the same message replaces the first',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/FeedbackRequest' } } } },
          responses: {
            '204': { description: 'Saved' },
            '400': errorResponse('invalid_request'),
            '404': errorResponse('not_found: unknown messageId'),
            '413': errorResponse('payload_too_large'),
            '415': errorResponse('unsupported_media_type'),
            '503': errorResponse('not_ready'),
          },
        },
      },
      '/api/conversations/{id}/messages': {
        get: {
          summary: 'Messages added to a web conversation out of band (staff answers, method "staff"), oldest first; the widget polls it',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The conversationId an answer returned' },
            { name: 'after', in: 'query', required: false, schema: { type: 'string' }, description: 'Only messages after this messageId (ids are time-ordered) or ISO 8601 time' },
          ],
          responses: {
            '200': { description: 'The messages', content: { 'application/json': { schema: { $ref: '#/components/schemas/ConversationMessages' } } } },
            '400': errorResponse('invalid_request: a malformed after'),
            '404': errorResponse('not_found: no such conversation'),
            '429': errorResponse('rate_limited (with Retry-After)'),
            '503': errorResponse('not_ready'),
          },
        },
      },
      ...staffPaths(),
      ...platformPaths(),
      '/healthz': {
        get: { summary: 'Liveness', responses: { '200': { description: '{"status":"ok"}' } } },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: 200 once the index is loaded and the database open',
          responses: { '200': { description: '{"status":"ready", …}' }, '503': { description: '{"status":"starting"}' } },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (text exposition format); needs Authorization: Bearer <METRICS_TOKEN> when that is set',
          responses: { '200': { description: 'text/plain; version=0.0.4' }, '401': errorResponse('unauthorized'), '404': errorResponse('not_found: this runtime exports no metrics') },
        },
      },
      '/widget.js': {
        get: {
          summary: 'The embeddable chat widget; `?v=<version>` is cached for a year. Options as data-* attributes of its script tag',
          parameters: [{ name: 'v', in: 'query', required: false, schema: { type: 'string' }, description: 'The version the README prints, with its integrity hash' }],
          responses: { '200': { description: 'text/javascript', content: { 'text/javascript': { schema: { type: 'string' } } } }, '304': { description: 'Not modified (ETag)' }, '503': errorResponse('not_ready: still being built') },
        },
      },
      '/': { get: { summary: 'A demo agency page about the default document with the widget embedded', responses: { '200': { description: 'text/html' } } } },
      '/favicon.ico': { get: { summary: 'No icon (204), so browsers stop asking', responses: { '204': { description: 'No content' } } } },
    },
    components: {
      schemas: {
        ChatRequest: json(chatRequestSchema),
        ChatResponse: json(chatResponseSchema),
        FeedbackRequest: json(feedbackRequestSchema),
        ConversationMessages: json(conversationMessagesSchema),
        Error: json(errorSchema),
        ...staffSchemas(),
        ...platformSchemas(),
      },
      securitySchemes: staffSecuritySchemes,
    },
  };
}
