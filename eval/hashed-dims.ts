/**
 * @module
 * `tsx eval/hashed-dims.ts [--split dev] [--dims 512,1024,2048,4096,8192]`
 *
 * Pure-vector retrieval quality of the hashed embedder per dimension: every eval question
 * with an expected document (and section) is embedded, as written and without tone marks,
 * and the corpus passages are ranked by exact cosine. Expected passages are matched as the
 * eval does (`sourceRank`). Prints hit@1, hit@3, MRR@10 and embedding time per 1000 passages.
 */
import { parseArgs } from 'node:util';
import { loadItems } from './harness.ts';
import { sourceRank, type EvalItem } from './metrics.ts';
import { buildCorpus } from '../src/ingest/corpus.ts';
import { readCorpusFiles } from '../src/ingest/read-files.ts';
import { SECTION_SEPARATOR, type Passage } from '../src/ingest/types.ts';
import { HashedEmbeddings, type SparseVector } from '../src/retrieval/embed/hashed.ts';
import { passageEmbeddingText } from '../src/retrieval/searcher.ts';
import { foldDiacritics } from '../src/text/index.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    dims: { type: 'string', default: '512,1024,2048,4096,8192' },
  },
});

/** The text the vector side embeds: a follow-up is read after the question before it. */
function questionText(item: EvalItem, fold: boolean): string {
  const text = [...(item.history ?? []).slice(-1), item.question].join(' ');
  return fold ? foldDiacritics(text) : text;
}

function rank(query: SparseVector, passages: SparseVector[], dimension: number, k = 10): number[] {
  const dense = new Float32Array(dimension);
  query.indices.forEach((d, i) => (dense[d] = query.values[i] as number));
  const scores = passages.map((p) => p.indices.reduce((s, d, i) => s + (dense[d] as number) * (p.values[i] as number), 0));
  return scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).slice(0, k).map(([, i]) => i);
}

function score(items: EvalItem[], fold: boolean, embedder: HashedEmbeddings, vectors: SparseVector[], passages: Passage[]) {
  let hit1 = 0;
  let hit3 = 0;
  let mrr = 0;
  for (const item of items) {
    const top = rank(embedder.embedSparse(questionText(item, fold)), vectors, embedder.dimension);
    const sources = top.map((i) => ({ documentId: (passages[i] as Passage).documentId, section: (passages[i] as Passage).path.join(SECTION_SEPARATOR) || null }));
    const r = sourceRank(item, sources);
    if (r === 1) hit1++;
    if (r !== null && r <= 3) hit3++;
    if (r !== null) mrr += 1 / r;
  }
  const pct = (n: number) => ((100 * n) / items.length).toFixed(1).padStart(5);
  return `${pct(hit1)} ${pct(hit3)} ${pct(mrr)}`;
}

/** Milliseconds per 1000 passages, over enough repetitions to last about a second. */
function embedMsPer1000(embedder: HashedEmbeddings, texts: string[]): number {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const text of texts) embedder.embedVector(text);
    done += texts.length;
  }
  return ((performance.now() - started) / done) * 1000;
}

const corpus = buildCorpus(await readCorpusFiles('corpus'));
const documents = new Map(corpus.documents.map((d) => [d.id, d]));
const texts = corpus.passages.map((p) => passageEmbeddingText(p, documents.get(p.documentId)));
const items = loadItems('eval/questions.jsonl', args.split).filter((item) => item.expected.documentId);
console.log(`${items.length} ${args.split} questions with an expected source, ${texts.length} passages; pure vector, exact cosine`);
console.log('   dim | accented: hit@1 hit@3 MRR@10 | no marks: hit@1 hit@3 MRR@10 | fit ms | embed ms/1000');
for (const dimension of args.dims.split(',').map(Number)) {
  const started = performance.now();
  const embedder = HashedEmbeddings.fit(texts, { dimension });
  const fitMs = performance.now() - started;
  const vectors = texts.map((t) => embedder.embedSparse(t));
  const perThousand = embedMsPer1000(embedder, texts);
  const line = [String(dimension).padStart(6), `         ${score(items, false, embedder, vectors, corpus.passages)}`, `         ${score(items, true, embedder, vectors, corpus.passages)}`];
  console.log(`${line.join(' | ')} | ${fitMs.toFixed(0).padStart(6)} | ${perThousand.toFixed(0).padStart(6)}`);
}
