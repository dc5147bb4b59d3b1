/**
 * @module
 * `npm run eval [-- --split dev|test|all] [--file F] [--url U] [--verbose] [--json OUT]`
 *
 * Asks every question of the set through the HTTP API (in process by default, or a running
 * server with --url), once as written and, for answerable questions, once more with tone
 * marks removed. Prints the metrics overall and per category, and exits non-zero below the
 * thresholds (THRESHOLDS in metrics.ts).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import { askAll, engineAsk, httpAsk, loadItems } from './harness.ts';
import { checkThresholds, summarise, type Summary } from './metrics.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    file: { type: 'string', default: 'eval/questions.jsonl' },
    url: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function line(name: string, s: Summary): string {
  return [
    name.padEnd(26),
    String(s.count).padStart(4),
    pct(s.accuracy).padStart(7),
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

async function main() {
  loadDotEnv();
  const items = loadItems(args.file, args.split);
  const target = args.url ? { ask: httpAsk(args.url), close: () => {} } : engineAsk(await createEngine(loadConfig()));
  const rows = await askAll(items, target.ask);
  target.close();

  const accented = rows.filter((r) => r.variant === 'accented');
  const unaccented = rows.filter((r) => r.variant === 'unaccented');
  const outOfScope = accented.filter((r) => r.item.expected.outcome === 'out_of_scope');
  const all = summarise(rows);
  console.log(`Eval: ${args.file}, split=${args.split}, ${items.length} questions, ${rows.length} asks${args.url ? ` at ${args.url}` : ' (in process)'}`);
  console.log(`${'group'.padEnd(26)}    n     acc   hit@1   hit@3    mrr  declin echo words   p50ms   p95ms`);
  console.log(line('with diacritics', summarise(accented)));
  console.log(line('without diacritics', summarise(unaccented)));
  for (const category of [...new Set(items.map((i) => i.category))].sort()) {
    console.log(line(`  ${category}`, summarise(accented.filter((r) => r.item.category === category))));
    const u = unaccented.filter((r) => r.item.category === category);
    if (u.length) console.log(line(`  ${category} (no marks)`, summarise(u)));
  }
  console.log(line('all asks', all));

  const failedRows = rows.filter((r) => !r.correct || (r.item.expected.documentId && (r.rank === null || r.rank > 3)) || r.echoed);
  if (args.verbose) {
    for (const r of failedRows) {
      console.log(`\n✗ ${r.item.id} [${r.variant}] ${r.item.question}\n  expected ${r.item.expected.outcome} ${JSON.stringify(r.item.expected.facts ?? [])} ${r.item.expected.documentId ?? ''} › ${r.item.expected.section ?? ''}\n  got ${r.observed.outcome}/${r.observed.method} rank=${r.rank}: ${r.observed.answer.slice(0, 300).replace(/\n/g, ' / ')}\n  sources: ${r.observed.sources.map((s) => `${s.documentId} › ${s.section}`).join(' | ')}`);
    }
  } else {
    console.log(`${failedRows.length} asks missed; --verbose lists them.`);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ all, accented: summarise(accented), unaccented: summarise(unaccented) }, null, 2));

  const failures = checkThresholds(summarise(accented), summarise(unaccented), summarise(outOfScope), all);
  if (failures.length) {
    console.error(`\nEVAL FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('\nEval passed all thresholds.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
