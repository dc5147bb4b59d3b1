/**
 * @module
 * The Worker's bindings (wrangler.toml), typed by what the code uses of them so that the
 * platform's objects, Miniflare's and test fakes all fit. Variables and secrets arrive as
 * strings beside them and are parsed by `loadConfig`, as the environment is on Node.
 */
import type { D1Database } from '../../store/d1/database.ts';

/** Static assets (the bundled index, FAQ files and widget), or any service answering fetch. */
export interface Fetcher {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): Fetcher;
}

/** Workers AI: `run(model, input)`. */
export interface AiBinding {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

export interface VectorizeMatch {
  id: string;
  score: number;
}

/** Vectorize (V2): what queries need. */
export interface VectorizeBinding {
  query(vector: number[], options: { topK: number; namespace?: string; returnValues?: boolean; returnMetadata?: 'none' | 'indexed' | 'all' }): Promise<{ matches: VectorizeMatch[] }>;
}

export interface WorkerBindings {
  DB: D1Database;
  ASSETS: Fetcher;
  /** One Durable Object per conversation (its lock) and per client and route (its rate limit). */
  COORDINATOR: DurableObjectNamespaceLike;
  AI?: AiBinding;
  VECTORIZE?: VectorizeBinding;
}

export type WorkerEnv = WorkerBindings & Record<string, unknown>;

export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** The variables and secrets among the bindings: what `loadConfig` parses. */
export function variablesOf(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
