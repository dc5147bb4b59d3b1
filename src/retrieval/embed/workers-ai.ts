/**
 * @module
 * Passage and question embeddings from Workers AI through LangChain's
 * `CloudflareWorkersAIEmbeddings`: `@cf/baai/bge-m3`, multilingual (Vietnamese included),
 * 1024 dimensions, never the integration's English-only default (bge-base-en-v1.5). On the
 * Worker the binding is `env.AI`; the build (`npm run build:worker`) uses the same class
 * over the REST API (`restAiBinding`). Vectors are L2-normalised here, so a dot product is
 * the cosine similarity, as the exact index assumes.
 */
import { CloudflareWorkersAIEmbeddings } from '@langchain/cloudflare';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

export const WORKERS_AI_EMBEDDING_MODEL = '@cf/baai/bge-m3';
export const WORKERS_AI_DIMENSION = 1024;
/** What an index built with these embeddings records (a model change means a rebuild). */
export const WORKERS_AI_EMBEDDER_ID = `workers-ai:${WORKERS_AI_EMBEDDING_MODEL}:${WORKERS_AI_DIMENSION}`;

/** What LangChain's class calls on the binding. */
export interface AiRunner {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

function normalised(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((s, x) => s + x * x, 0));
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}

export function createWorkersAiEmbeddings(binding: AiRunner): EmbeddingsInterface {
  // The class types its binding as the platform's Ai; it only ever calls run(model, { text }).
  const inner = new CloudflareWorkersAIEmbeddings({ binding: binding as ConstructorParameters<typeof CloudflareWorkersAIEmbeddings>[0]['binding'], model: WORKERS_AI_EMBEDDING_MODEL });
  return {
    embedDocuments: async (texts) => (await inner.embedDocuments(texts)).map(normalised),
    embedQuery: async (text) => normalised(await inner.embedQuery(text)),
  };
}

/**
 * Workers AI over its REST API, shaped as the binding (for the build, which runs on Node):
 * `POST {base}/accounts/{account}/ai/run/{model}` answers `{ result, success, errors }`.
 */
export function restAiBinding(settings: { accountId: string; apiToken: string; baseUrl?: string; fetch?: typeof fetch }): AiRunner {
  const base = (settings.baseUrl ?? 'https://api.cloudflare.com/client/v4').replace(/\/+$/, '');
  const send = settings.fetch ?? fetch;
  return {
    async run(model, input) {
      const response = await send(`${base}/accounts/${settings.accountId}/ai/run/${model}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${settings.apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await response.json().catch(() => null)) as { result?: unknown; success?: boolean; errors?: Array<{ message?: string }> } | null;
      if (!response.ok || !body?.success) throw new Error(`Workers AI answered ${response.status}: ${body?.errors?.map((e) => e.message).join('; ') ?? 'no result'}`);
      return body.result;
    },
  };
}
