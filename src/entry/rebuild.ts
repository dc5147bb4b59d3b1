/**
 * @module
 * Rebuilds the index off the request path, in a worker thread, so `/healthz` and answers
 * stay responsive during a build of any size (a 100,000-passage build takes tens of
 * seconds of CPU). The worker commits the new build; the caller then opens and swaps it in.
 */
import { Worker } from 'node:worker_threads';
import type { IngestIssue } from '../ingest/types.ts';
import type { Manifest } from '../retrieval/index-store.ts';
import type { EngineConfig } from './engine.ts';

const WORKER = new URL('./rebuild-worker.ts', import.meta.url).href;

/** Resolves with the committed build's manifest; rejects (and leaves the old build current) if the build fails. */
export function rebuildInWorker(config: EngineConfig): Promise<{ manifest: Manifest; issues: IngestIssue[] }> {
  // The server runs TypeScript through tsx; a worker needs the loader registered in its own thread.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: config });
    let result: { manifest: Manifest; issues: IngestIssue[] } | null = null;
    worker.on('message', (message: { manifest: Manifest; issues: IngestIssue[] }) => (result = message));
    worker.on('error', reject);
    worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`index build stopped with exit code ${code}`))));
  });
}
