/**
 * @module
 * "Run this after the response" on Workers: `executionCtx.waitUntil` keeps the invocation
 * alive until the task settles (up to 30 s after the response), so a webhook is acknowledged
 * at once and answered afterwards, as the Node runner does.
 */
import type { Background } from '../../conversation/background.ts';
import type { Logger } from '../../logger.ts';
import type { ExecutionContextLike } from './bindings.ts';

export function createWaitUntilBackground(ctx: ExecutionContextLike, logger: Logger): Background {
  return {
    run(name, task) {
      ctx.waitUntil(task().catch((error: unknown) => logger.error('background task failed', { task: name, error })));
    },
  };
}
