/**
 * @module
 * The Node implementation of `Metrics` with prom-client: its own registry (no global
 * state shared with other code in the process), the default process metrics, and the
 * service's counters and histograms. Label values are closed sets (route patterns,
 * outcomes), never raw paths or questions, so the series count stays bounded.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../metrics.ts';

/** Answers take about a millisecond in process; HTTP adds the network. Buckets in seconds. */
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createPromMetrics(): Metrics & { registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'hoidap_http_requests_total', help: 'HTTP requests by route pattern, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const requestSeconds = new Histogram({ name: 'hoidap_http_request_duration_seconds', help: 'HTTP request duration until the response starts', labelNames: ['route'], buckets: FAST_BUCKETS, registers: [registry] });
  const answers = new Counter({ name: 'hoidap_answers_total', help: 'Answers by outcome and by what produced them', labelNames: ['outcome', 'method'], registers: [registry] });
  const answerSeconds = new Histogram({ name: 'hoidap_answer_duration_seconds', help: 'Server-side time to produce an answer (latencyMs)', buckets: FAST_BUCKETS, registers: [registry] });
  const rateLimited = new Counter({ name: 'hoidap_rate_limited_total', help: 'Requests refused with 429', labelNames: ['route'], registers: [registry] });
  const storeProblems = new Counter({
    name: 'hoidap_store_problems_total',
    help: 'Database writes that met a lock (busy) or a full disk (full): queued, dropped or failed; reads that degraded',
    labelNames: ['problem', 'outcome'],
    registers: [registry],
  });
  const queueDepth = new Gauge({ name: 'hoidap_store_queued_writes', help: 'Writes waiting for the database', registers: [registry] });
  const builds = new Counter({ name: 'hoidap_index_builds_total', help: 'Index builds by result', labelNames: ['result'], registers: [registry] });
  const llm = new Counter({ name: 'hoidap_llm_answers_total', help: 'LLM compositions: used, or the fallback reason (timeout, rate_limited, provider_error, connection, malformed, a failed check…)', labelNames: ['outcome', 'reason'], registers: [registry] });
  const llmFirstText = new Histogram({ name: 'hoidap_llm_first_text_seconds', help: 'Time from the question to the first streamed LLM text', buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30], registers: [registry] });
  const llmSeconds = new Histogram({ name: 'hoidap_llm_duration_seconds', help: 'Whole LLM composition, checks included', buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60], registers: [registry] });
  const buildSeconds = new Histogram({ name: 'hoidap_index_build_duration_seconds', help: 'Index build duration', buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800], registers: [registry] });

  return {
    registry,
    request(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      requestSeconds.observe({ route }, seconds);
    },
    answer(outcome, method, seconds) {
      answers.inc({ outcome, method });
      answerSeconds.observe(seconds);
    },
    rateLimited: (route) => rateLimited.inc({ route }),
    storeProblem: (problem, outcome) => storeProblems.inc({ problem, outcome }),
    storeQueueDepth: (depth) => queueDepth.set(depth),
    indexBuild(result, seconds) {
      builds.inc({ result });
      buildSeconds.observe(seconds);
    },
    llm(outcome, reason, firstTextSeconds, totalSeconds) {
      llm.inc({ outcome, reason: reason ?? 'none' });
      if (firstTextSeconds !== null) llmFirstText.observe(firstTextSeconds);
      llmSeconds.observe(totalSeconds);
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
