/**
 * @module
 * `npm run eval [-- --split dev|test|all] [--file F] [--url U] [--verbose] [--json OUT]`
 *
 * Asks every question of the set through the HTTP API (in process by default, or a running
 * server with --url), once as written and, for answerable questions, once more with tone
 * marks removed. Prints the metrics overall and per category, and exits non-zero below the
 * thresholds (THRESHOLDS in metrics.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import { createLogger } from '../src/logger.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { checkThresholds, evalItemSchema, grade, summarise, type EvalItem, type Graded, type Observed, type Summary } from './metrics.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    file: { type: 'string', default: 'eval/questions.jsonl' },
    url: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

type Ask = (message: string, conversationId?: string) => Promise<Observed & { conversationId: string }>;

function loadItems(file: string): EvalItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: EvalItem[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = evalItemSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    items.push(parsed.data);
  });
  return items.filter((item) => args.split === 'all' || item.split === args.split);
}

async function inProcessAsk(): Promise<{ ask: Ask; close: () => void }> {
  const config = loadConfig();
  const engine = await createEngine(config);
  const tmp = mkdtempSync(join(tmpdir(), 'nq57-eval-'));
  const store = openSqliteStore(join(tmp, 'eval.sqlite'));
  const app = createApp({
    state: { engine: { answer: engine.answer, documents: engine.searcher.documents, info: {} }, store },
    logger: createLogger('error'),
  });
  const ask: Ask = async (message, conversationId) => {
    const res = await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, conversationId }) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for "${message}": ${await res.text()}`);
    return (await res.json()) as Observed & { conversationId: string };
  };
  return { ask, close: () => { void store.close(); rmSync(tmp, { recursive: true, force: true }); } };
}

function httpAsk(base: string): Ask {
  return async (message, conversationId) => {
    const res = await fetch(new URL('/api/chat', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, conversationId }) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for "${message}": ${await res.text()}`);
    return (await res.json()) as Observed & { conversationId: string };
  };
}

async function run(item: EvalItem, variant: Graded['variant'], ask: Ask): Promise<Graded> {
  const shape = (text: string) => (variant === 'unaccented' ? foldDiacritics(text) : text);
  let conversationId: string | undefined;
  for (const earlier of item.history ?? []) conversationId = (await ask(shape(earlier), conversationId)).conversationId;
  return grade(item, variant, await ask(shape(item.question), conversationId));
}

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
  const items = loadItems(args.file);
  const target = args.url ? { ask: httpAsk(args.url), close: () => {} } : await inProcessAsk();
  const rows: Graded[] = [];
  for (const item of items) {
    rows.push(await run(item, 'accented', target.ask));
    const unaccented = item.expected.outcome === 'answered' && foldDiacritics(item.question) !== item.question;
    if (unaccented) rows.push(await run(item, 'unaccented', target.ask));
  }
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
