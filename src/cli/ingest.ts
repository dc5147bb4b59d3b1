/**
 * @module
 * `npm run ingest`: rebuilds the index from the corpus into DATA_DIR, showing progress and
 * every problem with its file and line. The usable files are indexed either way; the exit
 * code is 1 when any file could not be used, so CI and staff notice.
 */
import { existsSync } from 'node:fs';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createEngine } from '../entry/engine.ts';

loadDotEnv();
const config = loadConfig();
if (!existsSync(config.corpusDir)) {
  console.error(`The corpus folder "${config.corpusDir}" does not exist (set CORPUS_DIR to the folder holding documents/ and faq/).`);
  process.exit(2);
}
const started = performance.now();
// A progress bar on a terminal; in a log file, nothing but the result and the problems.
const tty = process.stderr.isTTY === true;
const engine = await createEngine(config, {
  force: true,
  onProgress: tty ? (done, total, file) => process.stderr.write(`\r[${done}/${total}] ${file}`.padEnd(80)) : undefined,
});
if (tty) process.stderr.write('\n');
const m = engine.manifest;
console.log(`Indexed ${m.documents} documents, ${m.passages} passages, ${m.faq} FAQ entries in ${Math.round(performance.now() - started)} ms → ${config.dataDir}/index/${m.build}`);
for (const issue of engine.issues) console.error(`${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}`);
if (engine.issues.length > 0) {
  console.error(`${engine.issues.length} problem(s): the files above were skipped or partly skipped.`);
  process.exit(1);
}
