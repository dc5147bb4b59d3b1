/**
 * @module
 * Runs in a worker thread: reads and extracts the corpus, builds the index and commits it as
 * the current build, while the main thread keeps answering from the old one. Posts the new
 * manifest and the corpus problems.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCorpusSources } from '../ingest/read-files.ts';
import { buildIndex, type EngineConfig } from './engine.ts';

const config = workerData as EngineConfig;
const built = await buildIndex(readCorpusSources(config.corpusDir), config);
parentPort?.postMessage({ manifest: built.manifest, issues: built.corpus.issues });
