/**
 * @module
 * Runs in a worker thread: builds the index from the corpus and commits it as the current
 * build, while the main thread keeps answering from the old one. Posts the new manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCorpusFiles } from '../ingest/read-files.ts';
import { buildIndex, type EngineConfig } from './engine.ts';

const config = workerData as EngineConfig;
const built = await buildIndex(await readCorpusFiles(config.corpusDir), config);
parentPort?.postMessage({ manifest: built.manifest, issues: built.issues });
