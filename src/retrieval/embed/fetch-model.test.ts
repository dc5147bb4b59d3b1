import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../../scripts/make-tiny-model.ts';
import { fetchModel } from './fetch-model.ts';
import { TransformersEmbeddings } from './transformers.ts';

const MODEL = 'tiny/vi-test-embedder';

/** A stand-in for the hub on loopback: serves `<model>/resolve/main/<file>` from a directory. */
function serveHub(root: string, requests: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const path = match ? join(root, match[1] as string, match[2] as string) : '';
    if (!path || !existsSync(path)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('fetchModel', () => {
  let hubDir: string;
  let modelsDir: string;
  let server: Server;
  let host: string;
  const requests: string[] = [];

  beforeAll(async () => {
    hubDir = mkdtempSync(join(tmpdir(), 'nq57-hub-'));
    modelsDir = mkdtempSync(join(tmpdir(), 'nq57-fetched-'));
    makeTinyModel(hubDir, MODEL);
    server = await serveHub(hubDir, requests);
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('writes the files in the layout the embedder loads, then keeps them on a second run', async () => {
    const files = await fetchModel({ modelsDir, model: MODEL, dtype: 'q8', host });
    expect(files.map((f) => f.file)).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']);
    for (const f of files) expect(readFileSync(f.path)).toEqual(readFileSync(join(hubDir, MODEL, f.file)));
    const embedder = await TransformersEmbeddings.create({ modelsDir, model: MODEL });
    expect(embedder.dimension).toBe(32);

    const before = requests.length;
    expect((await fetchModel({ modelsDir, model: MODEL, dtype: 'q8', host })).every((f) => !f.downloaded)).toBe(true);
    expect(requests.length).toBe(before);
  });

  it('names the URL that failed and leaves no partial file', async () => {
    await expect(fetchModel({ modelsDir, model: 'tiny/absent', dtype: 'q8', host })).rejects.toThrow(`GET ${host}/tiny/absent/resolve/main/config.json: HTTP 404`);
    expect(existsSync(join(modelsDir, 'tiny', 'absent', 'config.json.part'))).toBe(false);
    expect(existsSync(join(modelsDir, 'tiny', 'absent', 'config.json'))).toBe(false);
  });
});
