/**
 * @module
 * `npm run eval [-- --split dev|test|fresh|all] [--file F,G] [--url U] [--verbose] [--json OUT]`
 *
 * Asks every question of the sets through the HTTP API (in process by default, or a running
 * server with --url), once as written and, for answerable questions, once more with tone
 * marks removed. Prints the metrics per split, with and without tone marks, per category
 * and per class of question (multi-part, subject, year, deixis…), and exits non-zero when a
 * gated split (test, fresh) is below the thresholds (THRESHOLDS in metrics.ts).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import { askAll, DEFAULT_FILES, engineAsk, httpAsk, loadItems } from './harness.ts';
import { checkThresholds, GATED_SPLITS, summarise, type Graded, type SplitSummaries, type Summary } from './metrics.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    file: { type: 'string', default: DEFAULT_FILES },
    url: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function line(name: string, s: Summary): string {
  return [
    name.padEnd(30),
    String(s.count).padStart(4),
    (s.answeredItems ? pct(s.accuracy) : '-').padStart(7),
    pct(s.hit1).padStart(7),
    pct(s.hit3).padStart(7),
    s.mrr.toFixed(3).padStart(6),
    (s.declinedItems ? pct(s.declinedRate) : '-').padStart(7),
    String(s.echoed).padStart(4),
    s.wordsMean.toFixed(0).padStart(5),
    s.latencyP50.toFixed(2).padStart(7),
    s.latencyP95.toFixed(2).padStart(7),
  ].join(' ');
}

const HEADER = `${'group'.padEnd(30)}    n     acc   hit@1   hit@3    mrr  declin echo words   p50ms   p95ms`;

/** The figures of one split, printed, and what the gate checks. */
function report(split: string, rows: Graded[]): SplitSummaries {
  const accented = rows.filter((r) => r.variant === 'accented');
  const unaccented = rows.filter((r) => r.variant === 'unaccented');
  const withTag = (tag: string) => (r: Graded) => r.item.tags?.includes(tag) ?? false;
  const summaries: SplitSummaries = {
    accented: summarise(accented),
    unaccented: summarise(unaccented),
    outOfScope: summarise(accented.filter((r) => r.item.expected.outcome === 'out_of_scope')),
    multiPart: summarise(rows.filter(withTag('multi-part'))),
    all: summarise(rows),
  };
  console.log(`\n── ${split}: ${accented.length} questions, ${rows.length} asks`);
  console.log(HEADER);
  console.log(line('with tone marks', summaries.accented));
  console.log(line('without tone marks', summaries.unaccented));
  for (const category of [...new Set(accented.map((r) => r.item.category))].sort()) {
    const ofCategory = (r: Graded) => r.item.category === category;
    console.log(line(`  ${category}`, summarise(accented.filter(ofCategory))));
    const u = unaccented.filter(ofCategory);
    if (u.length) console.log(line(`  ${category} (no marks)`, summarise(u)));
  }
  const tags = [...new Set(accented.flatMap((r) => r.item.tags ?? []))].sort();
  if (tags.length) console.log('  by class (with marks / without):');
  for (const tag of tags) {
    console.log(line(`    ${tag}`, summarise(accented.filter(withTag(tag)))));
    const u = unaccented.filter(withTag(tag));
    if (u.length) console.log(line(`    ${tag} (no marks)`, summarise(u)));
  }
  return summaries;
}

async function main() {
  loadDotEnv();
  const items = loadItems(args.file, args.split);
  const target = args.url ? { ask: httpAsk(args.url), close: () => {} } : engineAsk(await createEngine(loadConfig()));
  const rows = await askAll(items, target.ask);
  target.close();
  console.log(`Eval: ${args.file}, split=${args.split}, ${items.length} questions, ${rows.length} asks${args.url ? ` at ${args.url}` : ' (in process)'}`);

  const failures: string[] = [];
  const json: Record<string, SplitSummaries> = {};
  for (const split of ['dev', 'test', 'fresh'].filter((s) => rows.some((r) => r.item.split === s))) {
    const summaries = report(split, rows.filter((r) => r.item.split === split));
    json[split] = summaries;
    if ((GATED_SPLITS as readonly string[]).includes(split)) failures.push(...checkThresholds(split as (typeof GATED_SPLITS)[number], summaries));
  }

  const failedRows = rows.filter((r) => !r.correct || (r.item.expected.documentId && (r.rank === null || r.rank > 3)) || r.echoed);
  if (args.verbose) {
    for (const r of failedRows) {
      console.log(`\n✗ ${r.item.id} [${r.variant}] ${r.item.question}${r.item.context ? ` (page: ${r.item.context.documentId})` : ''}\n  expected ${r.item.expected.outcome} ${JSON.stringify(r.item.expected.facts ?? [])} ${r.item.expected.documentId ?? ''} › ${r.item.expected.section ?? ''}\n  got ${r.observed.outcome}/${r.observed.method} rank=${r.rank}: ${r.observed.answer.slice(0, 300).replace(/\n/g, ' / ')}\n  sources: ${r.observed.sources.map((s) => `${s.documentId} › ${s.section}`).join(' | ')}`);
    }
  } else {
    console.log(`\n${failedRows.length} asks missed; --verbose lists them.`);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(json, null, 2));

  if (failures.length) {
    console.error(`\nEVAL FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log(`\nEval passed all thresholds${rows.some((r) => (GATED_SPLITS as readonly string[]).includes(r.item.split)) ? '' : ' (no gated split in this run)'}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
