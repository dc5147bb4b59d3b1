/**
 * @module
 * `npm run eval:fusion [-- --split dev|test] [--dims 1024,4096] [--model-dir DIR --model ID]`
 *
 * The fusion comparison behind DEFAULT_FUSION_WEIGHTS: for each embedder it builds the index
 * once, then asks the eval set with BM25 alone and with score and reciprocal-rank fusion at
 * several weights, with and without tone marks. Weights are chosen on dev; test only checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv, type Config } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import type { FusionMethod } from '../src/retrieval/fusion.ts';
import { askAll, engineAsk, loadItems } from './harness.ts';
import { summarise } from './metrics.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    file: { type: 'string', default: 'eval/questions.jsonl' },
    dims: { type: 'string', default: '4096' },
    weights: { type: 'string', default: '0.1,0.2,0.3,0.5' },
    'model-dir': { type: 'string' },
    model: { type: 'string' },
  },
});

const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(6);

interface Run {
  name: string;
  /** accuracy, hit@1, hit@3, MRR; with marks then without. */
  metrics: number[];
}

/**
 * The weight to use: the run with the best mean MRR (with and without marks) among those
 * no worse than BM25 alone in any metric; BM25 alone (weight 0) if there is none.
 */
function recommend(runs: Run[]): string {
  const [bm25, ...hybrids] = runs;
  if (!bm25) return 'nothing measured';
  const mrr = (r: Run) => ((r.metrics[3] ?? 0) + (r.metrics[7] ?? 0)) / 2;
  const safe = hybrids.filter((r) => r.metrics.every((m, i) => m >= (bm25.metrics[i] ?? 0))).sort((a, b) => mrr(b) - mrr(a));
  return safe[0] && mrr(safe[0]) > mrr(bm25) ? safe[0].name : 'BM25 alone (FUSION_WEIGHT=0): no weight is at least as good in every metric';
}

const recommendations: string[] = [];

async function compare(embedder: Config['embedder'], label: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-fusion-'));
  try {
    // A non-zero weight so the vector index is built; each run below sets its own.
    const config = { ...loadConfig(), dataDir, embedder, fusion: { method: 'score' as const, weight: 0.5 } };
    const engine = await createEngine(config);
    const vectors = engine.searcher.vectors;
    const items = loadItems(args.file, args.split);
    const runs: Array<{ method: FusionMethod; weight: number }> = [{ method: 'score', weight: 0 }];
    if (vectors) for (const method of ['score', 'rrf'] as const) for (const w of args.weights.split(',')) runs.push({ method, weight: Number(w) });
    const measured: Run[] = [];
    for (const fusion of runs) {
      if (vectors) vectors.fusion = fusion;
      const target = engineAsk(engine);
      const rows = await askAll(items, target.ask);
      target.close();
      const a = summarise(rows.filter((r) => r.variant === 'accented'));
      const u = summarise(rows.filter((r) => r.variant === 'unaccented'));
      const name = fusion.weight === 0 ? 'BM25 alone' : `${fusion.method} w=${fusion.weight}`;
      console.log(`| ${label} | ${name} | ${pct(a.accuracy)} | ${pct(u.accuracy)} | ${pct(a.hit1)} | ${pct(u.hit1)} | ${pct(a.hit3)} | ${pct(u.hit3)} | ${a.mrr.toFixed(3)} | ${u.mrr.toFixed(3)} |`);
      measured.push({ name, metrics: [a.accuracy, a.hit1, a.hit3, a.mrr, u.accuracy, u.hit1, u.hit3, u.mrr] });
    }
    recommendations.push(`${label}: ${recommend(measured)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  loadDotEnv();
  const base = loadConfig().embedder;
  console.log(`Fusion comparison on split=${args.split} (marks / no marks)`);
  console.log('| embedder | ranking | acc | acc no marks | hit@1 | hit@1 no marks | hit@3 | hit@3 no marks | MRR | MRR no marks |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const dimension of args.dims.split(',').map(Number)) await compare({ ...base, kind: 'hashed', dimension }, `hashed ${dimension}-d`);
  if (args.model && args['model-dir']) await compare({ ...base, kind: 'transformers', model: args.model, modelsDir: args['model-dir'] }, `transformers ${args.model}`);
  console.log(`\nRecommended on ${args.split} (choose on dev; test only checks):\n${recommendations.map((r) => `- ${r}`).join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
