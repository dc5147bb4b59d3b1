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
// Resolved here, not in the worker: a worker started from source text resolves packages
// against the current directory, which need not be the project's.
const TSX_API = import.meta.resolve('tsx/esm/api');
/**
 * The build's heap, apart from the server's: a document that expands beyond it (a DOCX zip
 * bomb) ends the build, not the process. 100,000 passages need about 1.5 GB.
 */
const BUILD_HEAP_MB = 4096;

/** Resolves with the committed build's manifest; rejects (and leaves the old build current) if the build fails. */
export function rebuildInWorker(config: EngineConfig): Promise<{ manifest: Manifest; issues: IngestIssue[] }> {
  // The server runs TypeScript through tsx; a worker needs the loader registered in its own thread.
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: config, resourceLimits: { maxOldGenerationSizeMb: BUILD_HEAP_MB } });
    let result: { manifest: Manifest; issues: IngestIssue[] } | null = null;
    worker.on('message', (message: { manifest: Manifest; issues: IngestIssue[] }) => (result = message));
    worker.on('error', reject);
    worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`index build stopped with exit code ${code}`))));
  });
}
