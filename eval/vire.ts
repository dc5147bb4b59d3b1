/**
 * @module
 * `npx tsx eval/vire.ts --data DIR`: the project's text analysis and BM25 on three public
 * Vietnamese QA retrieval sets shipped with the ViRE benchmark (github.com/longstnguyen/ViRE:
 * ALQAC legal articles, ViRHE4QA_v2 university regulations, ViMedAQA_v2 medical answers),
 * with and without tone marks, beside a plain dual accented+folded index (no stop words, no
 * synonyms) as the reference. ViRE's protocol: 1000 questions, one passage per distinct
 * context (contexts deduplicated, a seeded shuffle picks questions with distinct contexts),
 * MRR@10 and recall@10. Not part of CI: the data sets are not in this repository (fetch
 * ViRE and point --data at its data/ folder).
 *
 * The CSV files have quoted fields with newlines; the small RFC 4180 reader below is all
 * this script needs, so it adds no dependency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bm25Index } from '../src/retrieval/bm25.ts';
import { buildQuery, searchTerms } from '../src/retrieval/query.ts';
import { foldDiacritics, normalizeVietnamese } from '../src/text/index.ts';
import { indexedTerms } from '../src/retrieval/searcher.ts';
import { seededShuffle } from './shuffle.ts';

const { values: args } = parseArgs({ options: { data: { type: 'string' }, questions: { type: 'string', default: '1000' }, seed: { type: 'string', default: '42' } } });

/** RFC 4180: fields separated by commas, quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim()));
}

interface Sample {
  question: string;
  context: number;
}

function load(file: string, count: number, seed: number): { contexts: string[]; samples: Sample[] } {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const q = header?.indexOf('question') ?? -1;
  const c = header?.indexOf('context') ?? -1;
  if (q < 0 || c < 0) throw new Error(`${file}: no question/context columns`);
  const keyed = rows.map((r) => ({ question: r[q] ?? '', context: r[c] ?? '', key: normalizeVietnamese(r[c] ?? '').replace(/\s+/g, ' ').trim() }));
  const seen = new Set<string>();
  const picked = seededShuffle(keyed, seed).filter((r) => r.question.trim() && r.key && !seen.has(r.key) && seen.add(r.key)).slice(0, count);
  return { contexts: picked.map((r) => r.context), samples: picked.map((r, i) => ({ question: r.question, context: i })) };
}

/** The reference: every syllable and adjacent pair, as written and folded, nothing dropped. */
function plainTerms(text: string): string[] {
  const tokens = normalizeVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    terms.push(t, `~${foldDiacritics(t)}`);
    if (next) terms.push(`${t} ${next}`, `~${foldDiacritics(t)} ${foldDiacritics(next)}`);
  });
  return terms;
}

function evaluate(index: Bm25Index, samples: Sample[], query: (q: string, index: Bm25Index) => ReadonlyMap<string, number>): { mrr: number; recall: number } {
  let mrr = 0;
  let recall = 0;
  for (const s of samples) {
    const rank = index.search(query(s.question, index), 10).findIndex((h) => h.doc === s.context);
    if (rank >= 0) {
      mrr += 1 / (rank + 1);
      recall += 1;
    }
  }
  return { mrr: (100 * mrr) / samples.length, recall: (100 * recall) / samples.length };
}

const counts = (terms: string[]) => {
  const map = new Map<string, number>();
  for (const t of terms) map.set(t, 1);
  return map;
};

function main() {
  if (!args.data) {
    console.error('Usage: npx tsx eval/vire.ts --data <ViRE checkout>/data');
    process.exit(2);
  }
  console.log(`${'set'.padEnd(14)} ${'analyzer'.padEnd(9)} ${'MRR@10 marks'.padStart(13)} ${'no marks'.padStart(9)} ${'loss'.padStart(6)} ${'R@10 marks'.padStart(11)} ${'no marks'.padStart(9)}`);
  for (const name of ['ALQAC', 'ViRHE4QA_v2', 'ViMedAQA_v2']) {
    const { contexts, samples } = load(join(args.data, `${name}.csv`), Number(args.questions), Number(args.seed));
    const unmarked = samples.map((s) => ({ ...s, question: foldDiacritics(s.question) }));
    const analyzers: Array<[string, (t: string) => string[], (q: string, index: Bm25Index) => ReadonlyMap<string, number>]> = [
      ['project', indexedTerms, (q, index) => searchTerms(buildQuery(q), index).terms],
      ['plain', plainTerms, (q) => counts(plainTerms(q))],
    ];
    for (const [label, terms, query] of analyzers) {
      const index = Bm25Index.build(contexts.map(terms));
      const marked = evaluate(index, samples, query);
      const bare = evaluate(index, unmarked, query);
      console.log(
        `${name.padEnd(14)} ${label.padEnd(9)} ${marked.mrr.toFixed(1).padStart(13)} ${bare.mrr.toFixed(1).padStart(9)} ${(marked.mrr - bare.mrr).toFixed(2).padStart(6)} ${marked.recall.toFixed(1).padStart(11)} ${bare.recall.toFixed(1).padStart(9)}`,
      );
    }
  }
}

main();
