/**
 * @module
 * What the service counts, as an interface: the Node entry backs it with prom-client
 * (`GET /metrics` in the Prometheus text format), the Workers entry with what its platform
 * offers. The core only calls these methods; `noopMetrics` is for tests and tools.
 */
export interface Metrics {
  /** One HTTP request: its route pattern (not the raw path), method and status. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** One answer: what it was and how long answering took. */
  answer(outcome: string, method: string, seconds: number): void;
  rateLimited(route: string): void;
  /** A write that met a lock or a full disk ('queued', 'dropped', 'failed'), or a read that degraded. */
  storeProblem(problem: string, outcome: string): void;
  storeQueueDepth(depth: number): void;
  indexBuild(result: 'ok' | 'failed', seconds: number): void;
  /** One LLM composition: used, or the reason the extractive answer replaced it; time to its first text. */
  llm(outcome: 'used' | 'fallback', reason: string | null, firstTextSeconds: number | null, totalSeconds: number): void;
  /** The Prometheus text exposition, or null where the runtime exports metrics another way. */
  render(): Promise<{ contentType: string; body: string } | null>;
}

export const noopMetrics: Metrics = {
  request() {},
  answer() {},
  rateLimited() {},
  storeProblem() {},
  storeQueueDepth() {},
  indexBuild() {},
  llm() {},
  render: async () => null,
};
