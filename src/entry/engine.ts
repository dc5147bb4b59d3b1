/**
 * @module
 * Wires the answering engine on Node: reads `corpus/`, loads or rebuilds the index in
 * `DATA_DIR`, and returns the answer function with what it was built from.
 */
import { createAnswerer, type AnswerQuestion } from '../answer/answer.ts';
import type { Config } from '../config.ts';
import type { Progress } from '../ingest/corpus.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import type { IngestIssue } from '../ingest/types.ts';
import { loadOrBuildIndex, type Manifest } from '../retrieval/index-store.ts';
import { CorpusSearcher } from '../retrieval/searcher.ts';

export interface Engine {
  answer: AnswerQuestion;
  searcher: CorpusSearcher;
  manifest: Manifest;
  issues: IngestIssue[];
  rebuilt: boolean;
}

export function createEngine(config: Pick<Config, 'corpusDir' | 'dataDir' | 'defaultAgency'>, options: { force?: boolean; onProgress?: Progress } = {}): Engine {
  const files = readCorpusFiles(config.corpusDir);
  const { corpus, manifest, rebuilt } = loadOrBuildIndex(files, config.dataDir, options);
  const searcher = new CorpusSearcher(corpus);
  return { answer: createAnswerer(searcher, { defaultAgency: config.defaultAgency }), searcher, manifest, issues: corpus.issues, rebuilt };
}
