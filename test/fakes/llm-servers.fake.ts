/**
 * @module
 * Faithful fakes of the LLM endpoints the service talks to, on loopback: the OpenAI Chat
 * Completions API (`POST /v1/chat/completions`, JSON or Server-Sent Events chunks ending in
 * `data: [DONE]`, with usage) and Ollama (`POST /api/chat`, one JSON or NDJSON lines ending
 * with `"done": true`). Each request is answered by the next scripted behaviour, or by the
 * default one: a "grounded model" that quotes the first sentence of source [1] and cites it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Behaviour =
  | { kind: 'grounded'; chunkDelayMs?: number }
  | { kind: 'reply'; text: string | ((request: RecordedRequest) => string); chunkDelayMs?: number }
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'malformed' }
  | { kind: 'slow'; delayMs: number };

export interface RecordedRequest {
  path: string;
  body: { model?: string; stream?: boolean; messages: Array<{ role: string; content: string }> } & Record<string, unknown>;
  system: string;
  user: string;
}

export interface FakeLlm {
  url: string;
  requests: RecordedRequest[];
  /** Behaviours for the next requests, in order; then the default. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

/**
 * What a well-behaved model writes: the first two sentences of source [1], each cited; asked
 * to rewrite a follow-up, the question as it stands.
 */
export function groundedReply(request: RecordedRequest): string {
  if (/viết lại câu hỏi/.test(request.system)) return /<CAU_HOI>\s*([\s\S]*?)\s*<\/CAU_HOI>/.exec(request.user)?.[1] ?? '';
  const source = /\[1\][^\n]*\n([\s\S]*?)(?:\n\n\[2\]|\n<\/NGUON>)/.exec(request.user)?.[1] ?? '';
  const sentences = source
    .split('\n')
    .map((line) => line.replace(/^-\s*/, '').trim())
    .flatMap((line) => line.split(/(?<=[.!?])\s/))
    .filter(Boolean)
    .slice(0, 2);
  return sentences.map((sentence) => `${sentence.replace(/[.!?]?$/, '')} [1].`).join(' ');
}

/** Splits a reply into a few chunks, as a model streams tokens. */
function chunks(text: string): string[] {
  const words = text.split(/(?<= )/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 3) out.push(words.slice(i, i + 3).join(''));
  return out.length ? out : [''];
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function textOf(request: RecordedRequest, behaviour: Behaviour): string {
  if (behaviour.kind === 'grounded') return groundedReply(request);
  if (behaviour.kind === 'reply') return typeof behaviour.text === 'function' ? behaviour.text(request) : behaviour.text;
  return '';
}

async function openAi(req: RecordedRequest, res: ServerResponse, behaviour: Behaviour): Promise<void> {
  const created = Math.floor(Date.now() / 1000);
  const text = textOf(req, behaviour);
  const delay = behaviour.kind === 'grounded' || behaviour.kind === 'reply' ? (behaviour.chunkDelayMs ?? 0) : 0;
  const usage = { prompt_tokens: Math.ceil(req.user.length / 4), completion_tokens: Math.ceil(text.length / 4), total_tokens: Math.ceil((req.user.length + text.length) / 4) };
  if (!req.body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion', created, model: req.body.model, choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }], usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model: req.body.model };
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] });
  for (const piece of chunks(text)) {
    if (delay) await wait(delay);
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
  send({ ...base, choices: [], usage });
  res.end('data: [DONE]\n\n');
}

async function ollama(req: RecordedRequest, res: ServerResponse, behaviour: Behaviour): Promise<void> {
  const text = textOf(req, behaviour);
  const line = (content: string, done: boolean) =>
    JSON.stringify({ model: req.body.model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done, ...(done ? { done_reason: 'stop', total_duration: 1_000_000, eval_count: text.length } : {}) });
  if (req.body.stream === false) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(line(text, true));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const piece of chunks(text)) res.write(`${line(piece, false)}\n`);
  res.end(`${line('', true)}\n`);
}

export async function startFakeLlm(flavour: 'openai' | 'ollama', port = 0): Promise<FakeLlm> {
  const requests: RecordedRequest[] = [];
  const queue: Behaviour[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const body = JSON.parse(raw) as RecordedRequest['body'];
      const recorded: RecordedRequest = {
        path: req.url ?? '',
        body,
        system: body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n'),
        user: body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n'),
      };
      requests.push(recorded);
      const expected = flavour === 'openai' ? '/v1/chat/completions' : '/api/chat';
      if (req.method !== 'POST' || req.url !== expected) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const behaviour = queue.shift() ?? { kind: 'grounded' };
      if (behaviour.kind === 'status') {
        res.writeHead(behaviour.status, { 'content-type': 'application/json', ...(behaviour.retryAfter ? { 'retry-after': String(behaviour.retryAfter) } : {}) });
        res.end(JSON.stringify(flavour === 'openai' ? { error: { message: 'fake error', type: 'server_error', code: null } } : { error: 'fake error' }));
        return;
      }
      if (behaviour.kind === 'malformed') {
        res.writeHead(200, { 'content-type': body.stream ? (flavour === 'openai' ? 'text/event-stream' : 'application/x-ndjson') : 'application/json' });
        // A complete event (or line) whose JSON is cut short, as a crashing proxy might send it.
        res.end(flavour === 'openai' ? (body.stream ? 'data: {"id":"x","choices":[{"delta":{"content":"Ngày [1\n\n' : '{"choices": [') : '{"message": {"content": "Ng\n');
        return;
      }
      if (behaviour.kind === 'slow') {
        await wait(behaviour.delayMs);
        if (res.destroyed) return;
      }
      await (flavour === 'openai' ? openAi(recorded, res, behaviour) : ollama(recorded, res, behaviour));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as { port: number }).port;
  return {
    url: flavour === 'openai' ? `http://127.0.0.1:${bound}/v1` : `http://127.0.0.1:${bound}`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
