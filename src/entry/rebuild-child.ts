/**
 * @module
 * Runs as a child process of the server: reads and extracts the corpus, builds the index
 * and commits it as the current build, while the server keeps answering from the old one.
 * Sends the new manifest and the corpus problems, then exits. If the server goes away, so
 * does the build (a half-built directory is debris for the next start).
 */
import { readCorpusSources } from '../ingest/read-files.ts';
import { buildIndex, type EngineConfig } from './engine.ts';

// The parent's pid changes when it dies (the child is re-parented): checked synchronously
// before each step and the commit, where a 'disconnect' event may wait behind CPU work.
const parent = process.ppid;
process.on('disconnect', () => process.exit(1));
process.once('message', (config: EngineConfig) => {
  void (async () => {
    const built = await buildIndex(readCorpusSources(config.corpusDir), config, { cancelled: () => process.ppid !== parent || !process.connected });
    process.send?.({ manifest: built.manifest, issues: built.corpus.issues }, () => process.exit(0));
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
});
