/**
 * @module
 * The chat platforms' webhooks in the OpenAPI document, their bodies generated from the
 * zod schemas that validate them (after the signature check).
 */
import { z } from 'zod';
import { messengerDeliverySchema } from '../messenger/events.ts';
import { zaloEventSchema } from '../zalo/events.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
const errorRef = { $ref: '#/components/schemas/Error' };
const error = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

export function platformPaths() {
  return {
    '/webhooks/zalo': {
      post: {
        summary: 'Zalo Official Account events (signed with X-ZEvent-Signature); acknowledged at once, answered after the response. 404 when the Zalo channel is not configured',
        parameters: [{ name: 'X-ZEvent-Signature', in: 'header', required: false, schema: { type: 'string' }, description: 'mac=<hex SHA-256 of app id + raw body + timestamp + OA secret key>' }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ZaloEvent' } } } },
        responses: {
          '200': { description: 'Recorded (or a duplicate, or nothing to answer): {"received":true}' },
          '401': error('unauthorized: a missing or wrong signature, or a timestamp more than 2 h 10 min old'),
          '404': error('not_found: the Zalo channel is not configured'),
          '413': error('payload_too_large (over 64 KB)'),
          '503': error('not_ready: the event could not be recorded; deliver it again (Retry-After)'),
        },
      },
    },
    '/webhooks/facebook': {
      get: {
        summary: 'Messenger subscription handshake: the challenge echoed as text when the verify token matches',
        parameters: [
          { name: 'hub.mode', in: 'query', required: true, schema: { type: 'string', const: 'subscribe' } },
          { name: 'hub.verify_token', in: 'query', required: true, schema: { type: 'string' }, description: 'FB_VERIFY_TOKEN' },
          { name: 'hub.challenge', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The challenge, text/plain' }, '403': error('forbidden: the verify token does not match'), '404': error('not_found: the Messenger channel is not configured') },
      },
      post: {
        summary: 'Messenger deliveries (signed with X-Hub-Signature-256), every entry and messaging item; acknowledged at once, answered after the response',
        parameters: [{ name: 'X-Hub-Signature-256', in: 'header', required: true, schema: { type: 'string' }, description: 'sha256=<hex HMAC-SHA256 of the raw body with the app secret>' }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/MessengerDelivery' } } } },
        responses: {
          '200': { description: 'Recorded: EVENT_RECEIVED (text/plain)' },
          '400': error('invalid_request: not JSON'),
          '401': error('unauthorized: a missing or wrong signature, or only events older than 7 days'),
          '404': error('not_found: the Messenger channel is not configured'),
          '413': error('payload_too_large (over 2 MB)'),
          '503': error('not_ready: the events could not be recorded; deliver them again (Retry-After)'),
        },
      },
    },
  };
}

export function platformSchemas() {
  return { ZaloEvent: json(zaloEventSchema), MessengerDelivery: json(messengerDeliverySchema) };
}
