/**
 * @module
 * Deterministic fakes of Workers AI and Vectorize (neither has a local simulation): the AI
 * binding (`run(model, input)`: bge-m3 embeddings as `{shape, data}`, chat replies as
 * `{response}` or an event stream), the same model over a loopback REST API for the build,
 * and a Vectorize index answering queries by exact cosine over what was upserted.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const DIMENSION = 1024;

/** A bag of folded words hashed into 1024 dimensions: texts sharing words point the same way. */
function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSION).fill(0);
  const words = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const word of words) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    const at = (h >>> 0) % DIMENSION;
    vector[at] = (vector[at] ?? 0) + 1;
  }
  return vector;
}

export interface AiCall {
  model: string;
  input: Record<string, unknown>;
}

export interface FakeAi {
  calls: AiCall[];
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

/** The AI binding. `reply` writes a chat answer from the prompt (default: cites the first source). */
export function fakeAi(reply: (messages: Array<{ role: string; content: string }>) => string = () => 'Theo nguồn [1], nội dung đã được nêu rõ.'): FakeAi {
  const calls: AiCall[] = [];
  return {
    calls,
    async run(model, input) {
      calls.push({ model, input });
      if (model === '@cf/baai/bge-m3') {
        const texts = input.text as string[];
        if (!Array.isArray(texts) || texts.length === 0 || texts.length > 100) throw new Error('bge-m3 takes 1 to 100 texts');
        return { shape: [texts.length, DIMENSION], data: texts.map(fakeEmbedding) };
      }
      const text = reply(input.messages as Array<{ role: string; content: string }>);
      if (!input.stream) return { response: text };
      const words = text.split(/(?<= )/);
      return new ReadableStream<Uint8Array>({
        start(controller) {
          const encoder = new TextEncoder();
          for (const word of words) controller.enqueue(encoder.encode(`data: ${JSON.stringify({ response: word })}\n\n`));
          controller.enqueue(encoder.encode('data: [DONE]\n\n'));
          controller.close();
        },
      });
    },
  };
}

export interface FakeVectorize {
  queries: Array<{ vector: number[]; options: Record<string, unknown> }>;
  upsert(vectors: Array<{ id: string; values: number[]; namespace?: string }>): void;
  query(vector: number[], options: { topK: number; namespace?: string; returnValues?: boolean; returnMetadata?: string }): Promise<{ matches: Array<{ id: string; score: number }>; count: number }>;
}

export function fakeVectorize(): FakeVectorize {
  const stored: Array<{ id: string; values: number[]; namespace?: string }> = [];
  const queries: FakeVectorize['queries'] = [];
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return {
    queries,
    upsert: (vectors) => void stored.push(...vectors),
    async query(vector, options) {
      queries.push({ vector, options });
      // Vectorize's limits: topK 100 without values or metadata, 20 with them.
      const max = options.returnValues || (options.returnMetadata && options.returnMetadata !== 'none') ? 20 : 100;
      if (options.topK > max) throw new Error(`topK ${options.topK} over ${max}`);
      const matches = stored
        .filter((v) => v.namespace === options.namespace)
        .map((v) => ({ id: v.id, score: v.values.reduce((s, x, i) => s + x * (vector[i] ?? 0), 0) / (norm(v.values) * norm(vector)) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, options.topK);
      return { matches, count: matches.length };
    },
  };
}

/** Workers AI's REST API on loopback (`POST /accounts/{id}/ai/run/{model}`), for builds. */
export async function startFakeWorkersAiRest(token: string): Promise<{ url: string; ai: FakeAi; close(): Promise<void> }> {
  const ai = fakeAi();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const model = /\/accounts\/[^/]+\/ai\/run\/(.+)$/.exec(req.url ?? '')?.[1];
      if (req.headers.authorization !== `Bearer ${token}` || !model) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, errors: [{ message: 'Authentication error' }], result: null }));
        return;
      }
      try {
        const result = await ai.run(decodeURIComponent(model), JSON.parse(body) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, errors: [], messages: [], result }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, errors: [{ message: (error as Error).message }], result: null }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`, ai, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
