/**
 * @module
 * The scale benchmark's report: its shape (also written as JSON with `--json FILE`), the
 * targets it is held to (performance.md §7), and the tables printed to stdout.
 */
import { writeFileSync } from 'node:fs';
import { memory, type Memory, type Summary } from './measure.ts';

export interface StageRow extends Memory {
  name: string;
  ms: number;
  note?: string;
}

/** Progress goes to stderr, so stdout holds only the report. */
export const progress = (line: string) => process.stderr.write(`[scale] ${line}\n`);

/** Times each stage of the run and records memory after it. */
export class Stages {
  readonly rows: StageRow[] = [];

  async run<T>(name: string, work: () => T | Promise<T>, note?: (result: T) => string): Promise<T> {
    progress(`${name}…`);
    const t = performance.now();
    const result = await work();
    this.add(name, performance.now() - t, note?.(result));
    return result;
  }

  add(name: string, ms: number, note?: string): void {
    this.rows.push({ name, ms, ...memory(), ...(note ? { note } : {}) });
  }
}

export interface LatencyRow extends Summary {
  mode: string;
  questions: number;
  /** Share of generated questions whose source passage is in the top 8. */
  generatedHit: number;
  /** Share of eval questions with an expected document that get a passage of it in the top 8. */
  evalDocumentHit: number;
  /** Share of questions with the same top 8 as hybrid with exact search. */
  sameAsExact: number | null;
}

export interface RecallRow {
  ef: number;
  recall10: number;
  recall10Ids: number;
  p50k10: number;
  p95k10: number;
  recall50: number;
  p50k50: number;
}

export interface CrossoverRow {
  passages: number;
  exactP50: number;
  exactP95: number;
  hnswP50: number;
  hnswP95: number;
  hnswBuildMs: number;
  hnswRecall50: number;
}

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
}

export interface ScaleReport {
  options: { passages: number; dimension: number; questions: number; seed: number; efs: number[]; sizes: number[]; defaultEf: number };
  machine: { node: string; cpus: number; cpu: string };
  corpus: { passages: number; realPassages: number; producedPassages: number; syntheticDocuments: number; averageWords: number };
  questions: { generated: number; generatedWithoutToneMarks: number; eval: number; embedded: number };
  stages: StageRow[];
  latency: LatencyRow[];
  recall: RecallRow[];
  /** Mean cosine of each question vector to its nearest and 10th-nearest passage, and between two passages. */
  similarity: { nearest: number; tenth: number; background: number };
  crossover: CrossoverRow[];
  memory: { peakBeforeCrossoverMb: number; peakRssMb: number; finalRssMb: number };
  targets: TargetRow[];
}

const TARGET_PASSAGES = 100_000;

export function checkTargets(report: ScaleReport): TargetRow[] {
  const bm25 = report.stages.find((s) => s.name.startsWith('BM25 build'));
  const hybrid = report.latency.find((l) => l.mode.startsWith('hybrid, HNSW'));
  const recall = report.recall.find((r) => r.ef === report.options.defaultEf);
  const at = report.corpus.passages === TARGET_PASSAGES ? '' : ` (set for ${TARGET_PASSAGES.toLocaleString('en')} passages; this run has ${report.corpus.passages})`;
  const peak = report.memory.peakBeforeCrossoverMb;
  return [
    { target: `BM25 build ≤ 60 s${at}`, measured: `${((bm25?.ms ?? 0) / 1000).toFixed(1)} s`, met: (bm25?.ms ?? Infinity) <= 60_000 },
    { target: `hybrid retrieval p95 ≤ 30 ms${at}`, measured: `${(hybrid?.p95 ?? 0).toFixed(1)} ms`, met: (hybrid?.p95 ?? Infinity) <= 30 },
    { target: `HNSW recall@10 ≥ 0.95 at ef=${report.options.defaultEf}`, measured: (recall?.recall10 ?? 0).toFixed(3), met: (recall?.recall10 ?? 0) >= 0.95 },
    { target: `total RSS ≤ 1.5 GB (peak, build + retrieval)${at}`, measured: `${(peak / 1024).toFixed(2)} GB`, met: peak <= 1.5 * 1024 },
  ];
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function printReport(r: ScaleReport): void {
  const { corpus: c, questions: q } = r;
  console.log(`\nScale benchmark: ${c.passages} passages: ${c.realPassages} real + ${c.passages - c.realPassages} from ${c.syntheticDocuments} synthetic documents written from the real corpus (buildCorpus produced ${c.producedPassages}, trimmed to ${c.passages}); ${c.averageWords.toFixed(1)} words per passage on average.`);
  console.log(`Questions: ${q.generated} generated (${q.generatedWithoutToneMarks} without tone marks) + ${q.eval} eval questions; seed ${r.options.seed}. Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpu}.`);
  console.log(
    `Vectors: the hashed embedder at ${r.options.dimension} dimensions stands in for multilingual-e5-small (384-d), the vector side that would carry weight at scale: ` +
      'same vector shape and search cost, not its quality, and not its 10–30 ms of model inference per question (performance.md §4), which the hybrid times below do not include.',
  );
  console.log('\nBuild stages (memory after a full GC; peak RSS includes garbage)');
  console.log(table(['stage', 'time', 'RSS', 'heap used / committed', 'array buffers', 'peak RSS', 'note'], r.stages.map((s) => [s.name, s.ms ? ms(s.ms) : '', `${s.rssMb} MB`, `${s.heapUsedMb} / ${s.heapTotalMb} MB`, `${s.arrayBuffersMb} MB`, `${s.peakRssMb} MB`, s.note ?? ''])));
  console.log('\nRetrieval latency per question (ms; question analysis + query embedding + search + fusion)');
  console.log(
    table(
      ['mode', 'p50', 'p95', 'p99', 'max', 'mean', 'generated: source passage in top 8', 'eval: expected document in top 8', 'same top 8 as hybrid exact'],
      r.latency.map((l) => [l.mode, l.p50.toFixed(2), l.p95.toFixed(2), l.p99.toFixed(2), l.max.toFixed(1), l.mean.toFixed(2), pct(l.generatedHit), pct(l.evalDocumentHit), l.sameAsExact === null ? '' : pct(l.sameAsExact)]),
    ),
  );
  console.log(
    'A generated question\'s syllables recur in other passages written by the same model, so its source passage is one of several that match as well: that column shows retrieval still lands near it, it is not an accuracy. ' +
      'The synthetic corpus reuses the real corpus\'s vocabulary, so common words are in most passages: postings are denser than in a varied corpus of this size, and BM25 times pessimistic.',
  );
  const sim = r.similarity;
  console.log(`\nHNSW recall against exact search over ${q.embedded} question vectors (ms = vector search only; hnswlib searches with max(ef, k))`);
  console.log(`Contrast: a question's nearest passage has cosine ${sim.nearest.toFixed(3)}, its 10th ${sim.tenth.toFixed(3)}, two passages ${sim.background.toFixed(3)} on average (the smaller the gap, the harder for a graph search).`);
  console.log(table(['ef', 'recall@10', 'recall@10 by id', 'p50 k=10', 'p95 k=10', 'recall@50 (k=50, as retrieve asks)', 'p50 k=50'], r.recall.map((x) => [x.ef === r.options.defaultEf ? `${x.ef} (default)` : x.ef, x.recall10.toFixed(3), x.recall10Ids.toFixed(3), x.p50k10.toFixed(3), x.p95k10.toFixed(3), x.recall50.toFixed(3), x.p50k50.toFixed(3)])));
  console.log(`\nExact vs HNSW (ef=${r.options.defaultEf}), vector search only, k=50, ${r.crossover.length ? 'first N vectors of the same corpus' : ''}`);
  console.log(table(['passages', 'exact p50', 'exact p95', 'HNSW p50', 'HNSW p95', 'HNSW recall@50', 'HNSW build'], r.crossover.map((x) => [x.passages, ms(x.exactP50), ms(x.exactP95), ms(x.hnswP50), ms(x.hnswP95), x.hnswRecall50.toFixed(3), ms(x.hnswBuildMs)])));
  console.log(`\nMemory: peak RSS ${r.memory.peakBeforeCrossoverMb} MB through build and retrieval, ${r.memory.peakRssMb} MB including the crossover's extra graphs; ${r.memory.finalRssMb} MB at the end.`);
  console.log('\nTargets');
  console.log(table(['target', 'measured', ''], r.targets.map((t) => [t.target, t.measured, t.met ? '✓' : '✗'])));
}

export function writeReport(report: ScaleReport, path: string): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path}`);
}
