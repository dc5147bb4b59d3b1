/**
 * @module
 * Downloads a model's files from the Hugging Face hub (or a mirror) into
 * `<modelsDir>/<model>/`, the layout the transformers embedder loads. Used only by
 * `npm run models:fetch` on a machine with internet; the server itself never downloads.
 * Plain `fetch` of the few files rather than transformers.js's own cache, so exactly the
 * files the loader reads are written, each through a `.part` file renamed when complete.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { modelDirectory, modelFiles, type ModelDtype } from './model-files.ts';

export interface FetchModelOptions {
  modelsDir: string;
  model: string;
  dtype: ModelDtype;
  /** Default https://huggingface.co; a mirror serving `<model>/resolve/<revision>/<file>` works too. */
  host?: string;
  revision?: string;
  /** Download again even when the file is already there. */
  force?: boolean;
}

export interface FetchedFile {
  file: string;
  path: string;
  bytes: number;
  downloaded: boolean;
}

async function download(url: string, path: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET ${url}: HTTP ${response.status} ${response.statusText}`);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export async function fetchModel(options: FetchModelOptions): Promise<FetchedFile[]> {
  const host = (options.host ?? 'https://huggingface.co').replace(/\/+$/, '');
  const revision = encodeURIComponent(options.revision ?? 'main');
  const dir = modelDirectory(options.modelsDir, options.model);
  const fetched: FetchedFile[] = [];
  for (const file of modelFiles(options.dtype)) {
    const path = join(dir, file);
    const present = existsSync(path) && statSync(path).size > 0;
    if (!present || options.force) await download(`${host}/${options.model}/resolve/${revision}/${file}`, path);
    fetched.push({ file, path, bytes: statSync(path).size, downloaded: !present || Boolean(options.force) });
  }
  return fetched;
}
