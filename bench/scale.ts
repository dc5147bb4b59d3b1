/**
 * @module
 * `npm run bench -- --passages N`: builds an N-passage corpus written from the real one
 * (`synthetic.ts`) and measures each stage of the index build, retrieval latency (BM25
 * alone, hybrid with HNSW, hybrid with exact search), HNSW recall against exact search over
 * a sweep of ef, memory, and where exact search stops paying (EXACT_MAX_FLOATS in src/entry/engine.ts).
 * Prints figures beside their targets; asserts nothing (timings belong in reports).
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { cpus } from 'node:os';
import type { Corpus } from '../src/ingest/corpus.ts';
import { embedAll, openEmbedder } from '../src/retrieval/embedder.ts';
import { DEFAULT_EF_SEARCH, HnswVectorIndex } from '../src/retrieval/hnsw-index.ts';
import { buildQuery } from '../src/retrieval/query.ts';
import { buildPassageIndex, CorpusSearcher, passageEmbeddingText, type PassageHit } from '../src/retrieval/searcher.ts';
import { ExactVectorIndex, type VectorHit, type VectorIndex } from '../src/retrieval/vectors.ts';
import { memory, summarize } from './measure.ts';
import { evalQuestions, generatedQuestions, type BenchQuestion } from './scale-queries.ts';
import { buildScaleCorpus } from './scale-corpus.ts';
import { checkTargets, printReport, progress, Stages, writeReport, type CrossoverRow, type LatencyRow, type RecallRow, type ScaleReport } from './scale-report.ts';

export interface ScaleOptions {
  passages: number;
  dimension: number;
  questions: number;
  seed: number;
  efs: number[];
  sizes: number[];
  corpusDir: string;
  json: string | null;
}

/** As retrieve() asks of each side (searcher.ts FUSION_CANDIDATES) and returns. */
const CANDIDATES = 50;
const TOP_K = 8;
const WARM_UP = 30;
const CROSSOVER_QUERIES = 300;

/** Per-question wall time, question analysis and query embedding included, hit@8, and each top 8. */
async function timeRetrieval(
  mode: string,
  questions: BenchQuestion[],
  corpus: Corpus,
  retrieve: (q: ReturnType<typeof buildQuery>) => PassageHit[] | Promise<PassageHit[]>,
): Promise<{ row: LatencyRow; tops: PassageHit[][] }> {
  progress(`retrieval: ${mode}…`);
  for (const q of questions.slice(0, WARM_UP)) await retrieve(buildQuery(q.text));
  const times: number[] = [];
  const tops: PassageHit[][] = [];
  let [generated, generatedHits, withDocument, documentHits] = [0, 0, 0, 0];
  for (const q of questions) {
    const t = performance.now();
    const hits = await retrieve(buildQuery(q.text));
    times.push(performance.now() - t);
    tops.push(hits);
    if (q.passage !== null) {
      generated++;
      if (hits.some((h) => h.passage === corpus.passages[q.passage as number])) generatedHits++;
    } else if (q.documentId) {
      withDocument++;
      if (hits.some((h) => h.passage.documentId === q.documentId)) documentHits++;
    }
  }
  const row = { mode, ...summarize(times), questions: questions.length, generatedHit: generatedHits / (generated || 1), evalDocumentHit: documentHits / (withDocument || 1), sameAsExact: null };
  return { row, tops };
}

/** Share of questions whose top 8 (as a set) is the same in both runs. */
function agreement(a: PassageHit[][], b: PassageHit[][]): number {
  const same = a.filter((hits, i) => {
    const other = new Set((b[i] ?? []).map((h) => h.passage));
    return hits.length === other.size && hits.every((h) => other.has(h.passage));
  });
  return same.length / (a.length || 1);
}

/** Mean cosine between two passages picked by a fixed stride: the floor that neighbours stand out from. */
function backgroundSimilarity(index: ExactVectorIndex): number {
  const { data, dimension, size } = index;
  let sum = 0;
  for (let i = 0; i < 2000; i++) {
    const [a, b] = [((i * 7919) % size) * dimension, ((i * 104_729 + 13) % size) * dimension];
    for (let j = 0; j < dimension; j++) sum += (data[a + j] as number) * (data[b + j] as number);
  }
  return sum / 2000;
}

/** Share of the true top k found; a hit tied with the k-th true similarity counts (near-duplicate passages). */
function recall(found: VectorHit[], truth: VectorHit[], k: number): { tieAware: number; ids: number } {
  const top = truth.slice(0, k);
  if (top.length === 0) return { tieAware: 1, ids: 1 };
  const ids = new Set(top.map((h) => h.doc));
  const floor = (top[top.length - 1] as VectorHit).similarity - 1e-5;
  const got = found.slice(0, k);
  return { tieAware: Math.min(1, got.filter((h) => ids.has(h.doc) || h.similarity >= floor).length / top.length), ids: got.filter((h) => ids.has(h.doc)).length / top.length };
}

async function timeSearch(index: VectorIndex, vectors: number[][], k: number): Promise<{ times: number[]; results: VectorHit[][] }> {
  for (const v of vectors.slice(0, WARM_UP)) await index.search(v, k);
  const times: number[] = [];
  const results: VectorHit[][] = [];
  for (const v of vectors) {
    const t = performance.now();
    results.push(await index.search(v, k));
    times.push(performance.now() - t);
  }
  return { times, results };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);

/** Recall against exact search and search time for each ef, then back to the default. */
async function sweepEf(hnsw: HnswVectorIndex, vectors: number[][], truth: VectorHit[][], efs: number[]): Promise<RecallRow[]> {
  const rows: RecallRow[] = [];
  for (const ef of [...new Set([...efs, DEFAULT_EF_SEARCH])].sort((a, b) => a - b)) {
    hnsw.setEf(ef);
    const top10 = await timeSearch(hnsw, vectors, 10);
    const top50 = await timeSearch(hnsw, vectors, CANDIDATES);
    const r10 = top10.results.map((found, i) => recall(found, truth[i] as VectorHit[], 10));
    const r50 = top50.results.map((found, i) => recall(found, truth[i] as VectorHit[], CANDIDATES));
    rows.push({
      ef,
      recall10: mean(r10.map((r) => r.tieAware)),
      recall10Ids: mean(r10.map((r) => r.ids)),
      p50k10: summarize(top10.times).p50,
      p95k10: summarize(top10.times).p95,
      recall50: mean(r50.map((r) => r.tieAware)),
      p50k50: summarize(top50.times).p50,
    });
  }
  hnsw.setEf(DEFAULT_EF_SEARCH);
  return rows;
}

/** Vector search alone, exact and HNSW, over the first `size` passages for each size (the full index for N). */
async function measureCrossover(exact: ExactVectorIndex, full: { index: HnswVectorIndex; buildMs: number }, embeddings: EmbeddingsInterface, vectors: number[][], sizes: number[]): Promise<CrossoverRow[]> {
  const { size: n, dimension: dim } = exact;
  const sample = vectors.filter((_, i) => i % Math.max(1, Math.floor(vectors.length / CROSSOVER_QUERIES)) === 0).slice(0, CROSSOVER_QUERIES);
  const rows: CrossoverRow[] = [];
  for (const size of [...new Set([...sizes.filter((s) => s < n), n])].sort((a, b) => a - b)) {
    progress(`crossover at ${size} passages…`);
    const flat = size === n ? exact : new ExactVectorIndex(dim, exact.data.subarray(0, size * dim));
    const t = performance.now();
    const graph = size === n ? full.index : await HnswVectorIndex.build(exact.data.subarray(0, size * dim), dim, embeddings);
    const buildMs = size === n ? full.buildMs : performance.now() - t;
    const flatRun = await timeSearch(flat, sample, CANDIDATES);
    const graphRun = await timeSearch(graph, sample, CANDIDATES);
    const [flatTimes, graphTimes] = [summarize(flatRun.times), summarize(graphRun.times)];
    rows.push({
      passages: size,
      exactP50: flatTimes.p50,
      exactP95: flatTimes.p95,
      hnswP50: graphTimes.p50,
      hnswP95: graphTimes.p95,
      hnswBuildMs: buildMs,
      hnswRecall50: mean(graphRun.results.map((found, i) => recall(found, flatRun.results[i] as VectorHit[], CANDIDATES).tieAware)),
    });
  }
  return rows;
}

export async function runScaleBench(options: ScaleOptions): Promise<ScaleReport> {
  const stages = new Stages();
  const n = options.passages;
  const dim = options.dimension;
  const { corpus, real, produced, syntheticDocuments } = await buildScaleCorpus(options.corpusDir, n, options.seed, stages);
  const passageIndex = await stages.run('BM25 build (buildPassageIndex)', () => buildPassageIndex(corpus));
  const searcher = new CorpusSearcher(corpus, { passageIndex });
  const texts = corpus.passages.map((p) => passageEmbeddingText(p, searcher.documents.get(p.documentId)));
  const spec = { kind: 'hashed' as const, dimension: dim, model: '', modelsDir: '', dtype: 'q8' as const };
  const embedder = await stages.run(`embedder fit (hashed, d=${dim}, over every passage)`, () => openEmbedder(spec, { fitTexts: texts }));
  const embedded = await stages.run(`embed ${n} passages (embedAll, batches of 1000)`, () => embedAll(embedder, texts));
  texts.length = 0;
  const exact = await stages.run('exact index build (ExactVectorIndex)', () => new ExactVectorIndex(dim, embedded));
  const hnsw = await stages.run(`HNSW build (HnswVectorIndex.build, M=16, efConstruction=200, ef=${DEFAULT_EF_SEARCH})`, () => HnswVectorIndex.build(embedded, dim, embedder.embeddings));

  const questions = [...generatedQuestions(corpus.passages, real, options.questions, options.seed), ...evalQuestions()];
  const fusion = { method: 'score' as const, weight: 0.3 };
  const embedQuery = (text: string) => embedder.embeddings.embedQuery(text);
  // The three searchers share one BM25 index.
  const hybridHnsw = new CorpusSearcher(corpus, { passageIndex, vectors: { index: hnsw, embedQuery, fusion } });
  const hybridExact = new CorpusSearcher(corpus, { passageIndex, vectors: { index: exact, embedQuery, fusion } });
  const lexical = await timeRetrieval(`BM25 alone (searchPassages k=${TOP_K})`, questions, corpus, (q) => searcher.searchPassages(q, TOP_K));
  const viaHnsw = await timeRetrieval(`hybrid, HNSW ef=${DEFAULT_EF_SEARCH} (retrieve k=${TOP_K})`, questions, corpus, (q) => hybridHnsw.retrieve(q, TOP_K));
  const viaExact = await timeRetrieval(`hybrid, exact (retrieve k=${TOP_K})`, questions, corpus, (q) => hybridExact.retrieve(q, TOP_K));
  const latency = [
    { ...lexical.row, sameAsExact: agreement(lexical.tops, viaExact.tops) },
    { ...viaHnsw.row, sameAsExact: agreement(viaHnsw.tops, viaExact.tops) },
    { ...viaExact.row, sameAsExact: 1 },
  ];
  stages.add('after retrieval runs', 0);

  progress('HNSW recall and ef sweep…');
  const vectors: number[][] = [];
  for (const q of questions) {
    const v = await embedQuery(buildQuery(q.text).embedText);
    // A question with no feature at all embeds to zeros, which has no cosine neighbours.
    if (v.some((x) => x !== 0)) vectors.push(v);
  }
  const truth = vectors.map((v) => exact.searchSync(v, CANDIDATES));
  const recallRows = await sweepEf(hnsw, vectors, truth, options.efs);
  const peakBeforeCrossoverMb = memory().peakRssMb;

  const hnswBuildMs = stages.rows.find((s) => s.name.startsWith('HNSW build'))?.ms ?? 0;
  const crossover = await measureCrossover(exact, { index: hnsw, buildMs: hnswBuildMs }, embedder.embeddings, vectors, options.sizes);
  const final = memory();

  const report: ScaleReport = {
    options: { ...options, defaultEf: DEFAULT_EF_SEARCH },
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    corpus: {
      passages: n,
      realPassages: real,
      producedPassages: produced,
      syntheticDocuments,
      averageWords: mean(corpus.passages.map((p) => p.text.split(/\s+/).length)),
    },
    questions: { generated: options.questions, generatedWithoutToneMarks: Math.floor(options.questions / 2), eval: questions.length - options.questions, embedded: vectors.length },
    stages: stages.rows,
    latency,
    recall: recallRows,
    similarity: { nearest: mean(truth.map((t) => t[0]?.similarity ?? 0)), tenth: mean(truth.map((t) => t[9]?.similarity ?? 0)), background: backgroundSimilarity(exact) },
    crossover,
    memory: { peakBeforeCrossoverMb, peakRssMb: final.peakRssMb, finalRssMb: final.rssMb },
    targets: [],
  };
  report.targets = checkTargets(report);
  printReport(report);
  if (options.json) writeReport(report, options.json);
  return report;
}
