/**
 * @module
 * The contract of streaming answers (`Accept: text/event-stream`, docs/API.md). Run on Node
 * (test/api.stream.test.ts) and in workerd (test/worker.contract.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { chatResponseSchema, sourceSchema } from '../../src/channels/web/schemas.ts';
import { DATE_QUESTION, expectError, parseSse, postJson, postRaw } from '../helpers.ts';
import type { ContractTarget } from './target.ts';

export const STREAM = { accept: 'text/event-stream' };

export async function streamOf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
  return parseSse(await res.text());
}

export function describeStreamContract(target: () => ContractTarget): void {
  describe('streaming with Accept: text/event-stream', () => {
    it.each([
      ['an answered question', DATE_QUESTION],
      ['a multi-sentence answer', 'Nghị quyết 57 là gì?'],
      ['a declined question', 'Thời tiết hôm nay ở Hà Nội thế nào?'],
    ])('sends sources, then deltas that add up to the answer, then done with the full response, for %s', async (_label, message) => {
      const events = await streamOf(await postJson(target(), '/api/chat', { message }, STREAM));
      const names = events.map((e) => e.event);
      expect(names[0]).toBe('sources');
      expect(names.at(-1)).toBe('done');
      expect(names.slice(1, -1).length).toBeGreaterThanOrEqual(1);
      expect(new Set(names.slice(1, -1))).toEqual(new Set(['delta']));

      const done = chatResponseSchema.parse(JSON.parse(events.at(-1)?.data ?? ''));
      const sources = sourceSchema.array().parse(JSON.parse(events[0]?.data ?? ''));
      expect(sources).toEqual(done.sources);
      const text = events.slice(1, -1).map((e) => (JSON.parse(e.data) as { text: string }).text);
      for (const piece of text) expect(typeof piece).toBe('string');
      expect(text.join('')).toBe(done.answer);
    });

    it('streams the 10/10 answer with its sources', async () => {
      const events = await streamOf(await postJson(target(), '/api/chat', { message: DATE_QUESTION }, STREAM));
      const done = chatResponseSchema.parse(JSON.parse(events.at(-1)?.data ?? ''));
      expect(done.outcome).toBe('answered');
      expect(done.answer).toContain('10/10');
      expect(done.sources.some((s) => s.text.includes('10/10'))).toBe(true);
    });

    it('streams when text/event-stream comes first in the Accept list, and answers JSON when it comes later', async () => {
      await streamOf(await postJson(target(), '/api/chat', { message: DATE_QUESTION }, { accept: 'text/event-stream, application/json' }));
      const json = await postJson(target(), '/api/chat', { message: DATE_QUESTION }, { accept: 'application/json, text/event-stream' });
      expect(json.headers.get('content-type') ?? '').toMatch(/^application\/json/);
      chatResponseSchema.parse(await json.json());
    });

    it.each([
      ['an empty message', { message: '' }, 400, 'invalid_request'],
      ['a missing message', {}, 400, 'invalid_request'],
      ['channel "zalo"', { message: DATE_QUESTION, channel: 'zalo' }, 400, 'invalid_request'],
    ] as const)('answers the ordinary JSON error, not a stream, for %s', async (_label, body, status, code) => {
      await expectError(await postJson(target(), '/api/chat', body, STREAM), status, code);
    });

    it('answers the ordinary JSON 415 error, not a stream, for a text/plain body', async () => {
      const res = await postRaw(target(), '/api/chat', JSON.stringify({ message: DATE_QUESTION }), { ...STREAM, 'content-type': 'text/plain' });
      await expectError(res, 415, 'unsupported_media_type');
    });
  });
}
