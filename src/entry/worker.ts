/**
 * @module
 * The Cloudflare Workers entry: the same Hono app as on Node (src/app.ts), wired in
 * ./worker/service.ts, built on an isolate's first request and kept for its life. `fetch`
 * serves HTTP; `scheduled` (the Cron Triggers in wrangler.toml) delivers staff answers to
 * Zalo and Messenger every minute, as the delivery worker's timer does on Node, and runs the
 * daily retention purge. Nothing here reaches a Node-only module (eslint.config.js enforces it).
 */
import type { ExecutionContextLike, WorkerEnv } from './worker/bindings.ts';
import { createWorkerService, type WorkerService } from './worker/service.ts';

export { Coordinator } from './worker/coordinator.ts';

/** One service per isolate: its index, stores and caches live as long as the isolate. */
let service: WorkerService | null = null;

function serviceFor(env: WorkerEnv): WorkerService {
  service ??= createWorkerService(env);
  return service;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    return serviceFor(env).fetch(request, ctx);
  },
  scheduled(controller: { cron: string }, env: WorkerEnv, ctx: ExecutionContextLike): void {
    ctx.waitUntil(serviceFor(env).scheduled(controller.cron));
  },
};
