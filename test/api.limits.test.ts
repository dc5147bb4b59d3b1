/**
 * @module
 * Rate limits, text made well-formed, and metrics, in memory with `app.request()` on the
 * real engine and a real SQLite file. The rate-limit suite (test/contract/limits.ts) runs on
 * the Worker too.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createPromMetrics } from '../src/entry/prom-metrics.ts';
import { createMemoryRateLimiter } from '../src/http/rate-limit.ts';
import { describeRateLimitContract } from './contract/limits.ts';
import { nodeTarget } from './contract/target.ts';
import { captureLogger, createTestApp, expectError, postRaw, queryDatabase, type TestApp } from './helpers.ts';

let t: TestApp;
let clock = 1_000_000;
const metrics = createPromMetrics();
beforeAll(async () => {
  t = await createTestApp({
    workspaceStores: true,
    deps: {
      metrics,
      metricsToken: 's3cret-token',
      rateLimit: { limiter: createMemoryRateLimiter({ perMinute: 6, burst: 3, now: () => clock }), clientKey: (c) => c.req.header('x-test-client') ?? 'anon' },
    },
  });
});
afterAll(async () => {
  await t.close();
});

describeRateLimitContract(() => ({
  target: nodeTarget(() => t),
  perMinute: 6,
  burst: 3,
  from: (client) => ({ 'x-test-client': client }),
  pass: async (ms) => {
    clock += ms;
  },
  clockStandsStill: true,
}));

describe('text in, text stored: lone surrogates become U+FFFD', () => {
  it('in a question, a conversation id and a feedback comment', async () => {
    const res = await postRaw(t.app, '/api/chat', '{"message":"NQ57 l\\u00e0 g\\u00ec? \\ud800 \\udfff","conversationId":"x\\ud83d"}', { 'content-type': 'application/json', 'x-test-client': 'd' });
    expect(res.status).toBe(200);
    const { messageId } = (await res.json()) as { messageId: string };
    const fb = await postRaw(t.app, '/api/feedback', `{"messageId":"${messageId}","rating":"down","comment":"sai \\udc00 rồi"}`, { 'content-type': 'application/json', 'x-test-client': 'd' });
    expect(fb.status).toBe(204);
    const [row] = queryDatabase<{ q: string; c: string }>(t.dbFile, 'SELECT hex(e.question) AS q, hex(f.comment) AS c FROM exchanges e JOIN feedback f USING (message_id) WHERE message_id = ?', messageId);
    expect(row?.q).toContain('EFBFBD20EFBFBD');
    expect(row?.q).not.toMatch(/ED[AB][0-9A-F]{3}/);
    expect(row?.c).toContain('EFBFBD');
    expect(row?.c).not.toMatch(/ED[AB][0-9A-F]{3}/);
  });

  it('keeps a well-formed pair (an emoji) as it is', async () => {
    const res = await postRaw(t.app, '/api/chat', '{"message":"NQ57 là gì \\ud83d\\ude00"}', { 'content-type': 'application/json', 'x-test-client': 'e' });
    const { messageId } = (await res.json()) as { messageId: string };
    const [row] = queryDatabase<{ question: string }>(t.dbFile, 'SELECT question FROM exchanges WHERE message_id = ?', messageId);
    expect(row?.question).toContain('😀');
  });
});

describe('GET /metrics', () => {
  it('needs the bearer token when one is set', async () => {
    await expectError(await t.app.request('/metrics'), 401, 'unauthorized');
    await expectError(await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong' } }), 401, 'unauthorized');
  });

  it('is the Prometheus text format, with requests, answers, latency, rate limits and process metrics', async () => {
    const res = await t.app.request('/metrics', { headers: { authorization: 'Bearer s3cret-token' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await res.text());
    const byName = new Map(families.map((f) => [f.name, f]));
    for (const name of ['hoidap_http_requests_total', 'hoidap_answers_total', 'hoidap_answer_duration_seconds', 'hoidap_rate_limited_total', 'hoidap_store_problems_total', 'hoidap_index_builds_total', 'process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds']) {
      expect(byName.has(name), name).toBe(true);
    }
    const requests = byName.get('hoidap_http_requests_total')?.metrics as Array<{ labels: Record<string, string>; value: string }>;
    expect(requests.find((m) => m.labels.route === '/api/chat' && m.labels.status === '200' && m.labels.method === 'POST')).toBeDefined();
    expect(requests.find((m) => m.labels.route === '/api/chat' && m.labels.status === '429')).toBeDefined();
    const answers = byName.get('hoidap_answers_total')?.metrics as Array<{ labels: Record<string, string>; value: string }>;
    expect(answers.some((m) => m.labels.outcome === 'answered' && Number(m.value) > 0)).toBe(true);
    const limited = byName.get('hoidap_rate_limited_total')?.metrics as Array<{ labels: Record<string, string>; value: string }>;
    expect(Number(limited.find((m) => m.labels.route === '/api/chat')?.value)).toBeGreaterThanOrEqual(2);
  });

  it('labels unknown paths as one series, never the raw path', async () => {
    for (let i = 0; i < 5; i++) await t.app.request(`/scan-${i}.php`);
    const text = await (await t.app.request('/metrics', { headers: { authorization: 'Bearer s3cret-token' } })).text();
    expect(text).not.toContain('scan-');
    expect(text).toMatch(/hoidap_http_requests_total\{route="unmatched",method="GET",status="404"\} [1-9]/);
  });

  it('is 404 where the runtime exports no metrics, and open without a token', async () => {
    const app = createApp({ state: { engine: null, store: null }, logger: captureLogger() });
    await expectError(await app.request('/metrics'), 404, 'not_found');
  });
});
