/**
 * @module
 * Rebuilds the index off the request path, in a child process, so `/healthz` and answers
 * stay responsive during a build of any size (100,000 passages take minutes of CPU). A
 * process, not a worker thread: onnxruntime-node (the model embedder) cannot be loaded by
 * two threads of one process, and a process has its own memory limit and can be killed.
 * The child commits the new build; the caller then opens and swaps it in.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IngestIssue } from '../ingest/types.ts';
import type { Manifest } from '../retrieval/index-store.ts';
import type { EngineConfig } from './engine.ts';

const CHILD = fileURLToPath(new URL('./rebuild-child.ts', import.meta.url));
// Resolved here: the server's working directory need not be the project's.
const TSX = import.meta.resolve('tsx');
/** The build's heap: a document that expands beyond it (a DOCX zip bomb) ends the build, not the server. */
const BUILD_HEAP_MB = 4096;
/** A build that takes longer is stuck (100,000 passages embedded by a model take about half an hour here). */
export const BUILD_TIMEOUT_MS = 2 * 60 * 60 * 1000;

export interface Rebuilt {
  manifest: Manifest;
  issues: IngestIssue[];
}

/** Resolves with the committed build's manifest; rejects (and leaves the old build current) if the build fails. */
export function rebuildInChild(config: EngineConfig, timeoutMs = BUILD_TIMEOUT_MS): Promise<Rebuilt> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', TSX, `--max-old-space-size=${BUILD_HEAP_MB}`], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Rebuilt | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message: Rebuilt) => (result = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`index build stopped (${signal ?? `exit code ${code}`})`));
    });
    child.send(config);
  });
}
