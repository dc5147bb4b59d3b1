/**
 * @module
 * `npm run ingest`: rebuilds the index from the corpus into DATA_DIR, showing progress and
 * every problem with its file and line. The usable files are indexed either way; the exit
 * code is 1 when any file could not be used, so CI and staff notice.
 */
import { loadConfig } from '../config.ts';
import { createEngine } from '../entry/engine.ts';

const config = loadConfig();
const started = performance.now();
const engine = await createEngine(config, {
  force: true,
  onProgress: (done, total, file) => process.stderr.write(`\r[${done}/${total}] ${file}`.padEnd(80)),
});
process.stderr.write('\n');
const m = engine.manifest;
console.log(`Indexed ${m.documents} documents, ${m.passages} passages, ${m.faq} FAQ entries in ${Math.round(performance.now() - started)} ms → ${config.dataDir}/index/${m.build}`);
for (const issue of engine.issues) console.error(`${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}`);
if (engine.issues.length > 0) {
  console.error(`${engine.issues.length} problem(s): the files above were skipped or partly skipped.`);
  process.exit(1);
}
