/**
 * @module
 * "Run this after the response": a webhook must be acknowledged within the platform's
 * deadline and answered afterwards. On Workers that is `executionCtx.waitUntil`; on Node
 * this runner keeps the tasks so that SIGTERM can wait for them before exiting.
 */
import type { Logger } from '../logger.ts';

export interface Background {
  run(name: string, task: () => Promise<void>): void;
}

export interface NodeBackground extends Background {
  /** Tasks still running. */
  pending(): number;
  /** Waits for the running tasks, at most `timeoutMs`; true when none is left. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createNodeBackground(logger: Logger): NodeBackground {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const promise = task()
        .catch((error: unknown) => logger.error('background task failed', { task: name, error }))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    pending: () => running.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
      }
      return running.size === 0;
    },
  };
}
