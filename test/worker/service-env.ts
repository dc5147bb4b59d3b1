/**
 * @module
 * The Worker's service (src/entry/worker/service.ts) run in this process, with the bindings a
 * test chooses: the local D1 of a Worker started in workerd, the assets `npm run build:worker`
 * wrote for it, and a Coordinator namespace kept in memory (or one that fails). For what the
 * platform cannot be made to do locally: a Durable Object that is down, a missing binding,
 * a Cron Trigger called at will.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DurableObjectNamespaceLike, ExecutionContextLike, Fetcher, WorkerEnv } from '../../src/entry/worker/bindings.ts';
import { Coordinator } from '../../src/entry/worker/coordinator.ts';
import { createWorkerService, type WorkerService } from '../../src/entry/worker/service.ts';
import { workerArtifacts, type LocalWorker } from './harness.ts';

/** One Coordinator per name, as the platform keeps them. */
function memoryCoordinators(): DurableObjectNamespaceLike {
  const objects = new Map<string, Coordinator>();
  return {
    idFromName: (name) => name,
    get: (id) => ({
      fetch: async (input, init) => {
        if (!objects.has(id as string)) objects.set(id as string, new Coordinator());
        return (objects.get(id as string) as Coordinator).fetch(new Request(input, init));
      },
    }),
  };
}

/** A namespace whose every stub throws, as when the Durable Object cannot be reached. */
export function unreachableCoordinators(): DurableObjectNamespaceLike & { calls: number } {
  const ns = {
    calls: 0,
    idFromName: (name: string) => name,
    get: (): Fetcher => {
      ns.calls++;
      throw new Error('Durable Object unreachable (test)');
    },
  };
  return ns;
}

/** The built assets, served as the ASSETS binding serves them. */
async function builtAssets(): Promise<Fetcher> {
  const { assetsDir } = await workerArtifacts();
  return {
    fetch: async (input) => {
      const path = join(assetsDir, decodeURIComponent(new URL(input).pathname));
      if (!path.startsWith(assetsDir) || !existsSync(path) || !statSync(path).isFile()) return new Response('not found', { status: 404 });
      return new Response(readFileSync(path));
    },
  };
}

export async function serviceEnv(worker: LocalWorker, extra: Partial<WorkerEnv> & Record<string, unknown> = {}): Promise<WorkerEnv> {
  return {
    DB: (await worker.database()) as never,
    ASSETS: await builtAssets(),
    COORDINATOR: memoryCoordinators(),
    CORPUS_DIR: 'corpus',
    SESSION_SECRET: 's'.repeat(40),
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** The service with `fetch(path, init)` that waits for what it left to `waitUntil`. */
export function serviceClient(env: WorkerEnv): { service: WorkerService; request(path: string, init?: RequestInit): Promise<Response> } {
  const service = createWorkerService(env);
  return {
    service,
    async request(path, init) {
      const waiting: Array<Promise<unknown>> = [];
      const ctx: ExecutionContextLike = { waitUntil: (p) => void waiting.push(p) };
      const res = await service.fetch(new Request(new URL(path, 'http://localhost'), { redirect: 'manual', ...init }), ctx);
      await Promise.allSettled(waiting);
      return res;
    },
  };
}
