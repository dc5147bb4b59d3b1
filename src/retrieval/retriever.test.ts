import { fileURLToPath } from 'node:url';
import { BaseRetriever } from '@langchain/core/retrievers';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../ingest/corpus.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import { SECTION_SEPARATOR } from '../ingest/types.ts';
import { CorpusRetriever } from './retriever.ts';
import { buildQuery } from './query.ts';
import { CorpusSearcher, type VectorSearch } from './searcher.ts';
import { ExactVectorIndex } from './vectors.ts';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));
const searcher = new CorpusSearcher(buildCorpus(await readCorpusFiles(CORPUS_DIR)));
const retriever = new CorpusRetriever({ searcher });

describe('CorpusRetriever over the real corpus', () => {
  it('is a LangChain retriever', () => {
    expect(retriever).toBeInstanceOf(BaseRetriever);
  });

  it('returns four passages by default and k when given', async () => {
    expect(await retriever.invoke('chuyển đổi số')).toHaveLength(4);
    expect(await new CorpusRetriever({ searcher, k: 2 }).invoke('chuyển đổi số')).toHaveLength(2);
  });

  it('returns Documents carrying the passage text and its document, section and url', async () => {
    const docs = await retriever.invoke('ngày chuyển đổi số quốc gia');
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const passageId = doc.metadata.passageId as string;
      const passage = searcher.passagesById.get(passageId);
      expect(passage).toBeDefined();
      expect(doc.id).toBe(passageId);
      expect(doc.pageContent).toBe(passage?.text);
      expect(doc.metadata.documentId).toBe(passage?.documentId);
      expect(doc.metadata.section).toBe(passage?.path.join(SECTION_SEPARATOR) || null);
      const meta = searcher.documents.get(passage?.documentId ?? '');
      expect(doc.metadata).toHaveProperty('url', meta?.url ?? null);
      expect(doc.metadata.title).toBe(meta?.title);
      expect(doc.metadata.score).toBeGreaterThan(0);
    }
  });

  it('carries the official url of a document that has one', async () => {
    const docs = await retriever.invoke('Tổng Bí thư Tô Lâm ký Nghị quyết 57-NQ/TW');
    const fromResolution = docs.find((d) => d.metadata.documentId === 'nghi-quyet-57-nq-tw');
    expect(fromResolution?.metadata.url).toMatch(/^https?:\/\//);
  });

  it('finds the date of the national digital transformation day', async () => {
    const docs = await retriever.invoke('ngày chuyển đổi số quốc gia');
    expect(docs[0]?.pageContent).toContain('10/10');
  });

  it('returns the same top passage for the question typed without tone marks', async () => {
    const [accented] = await retriever.invoke('ngày chuyển đổi số quốc gia');
    const [unmarked] = await retriever.invoke('ngay chuyen doi so quoc gia');
    expect(unmarked?.id).toBeDefined();
    expect(unmarked?.id).toBe(accented?.id);
  });

  it('returns nothing for words the corpus never uses', async () => {
    expect(await retriever.invoke('xyzzy qwerty')).toEqual([]);
  });
});

describe('CorpusSearcher: coverage as the question spells its words', () => {
  it('counts a syllable typed with marks only where a passage spells it so ("thủ đô" is not "thứ", "độ")', () => {
    const hits = searcher.searchPassages(buildQuery('Thủ đô của Pháp là gì?'), 8);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.spelledCoverage).toBeDefined();
    // Folded, "thu do phap" is most of some passage ("thứ tư", "độ trễ", "pháp lý"); spelled, none holds "thủ đô".
    expect(Math.max(...hits.map((h) => h.strictCoverage))).toBeGreaterThan(0.6);
    expect(Math.max(...hits.map((h) => h.spelledCoverage ?? 1))).toBeLessThan(0.6);
  });

  it('agrees with the folded share when the passage spells every word as asked', () => {
    const [top] = searcher.searchPassages(buildQuery('Ngày Chuyển đổi số quốc gia là ngày nào?'), 1);
    expect(top?.spelledCoverage).toBeCloseTo(top?.strictCoverage ?? 0, 5);
  });

  it('has no spelled share for a question typed without marks', () => {
    const [top] = searcher.searchPassages(buildQuery('ngay chuyen doi so quoc gia la ngay nao'), 1);
    expect(top?.spelledCoverage).toBeUndefined();
  });
});

describe('CorpusSearcher.retrieve with a vector side', () => {
  const corpus = searcher.corpus;
  const n = corpus.passages.length;
  // One-hot vectors: the fake embedder "means" passage `target` whatever the words say.
  const identity = new Float32Array(n * n).map((_, i) => (i % (n + 1) === 0 ? 1 : 0));
  const withVectors = (target: number | null, weight = 0.5) => {
    const vectors: VectorSearch = {
      index: new ExactVectorIndex(n, identity),
      embedQuery: (text) => Promise.resolve(Array.from({ length: n }, (_, i) => (target !== null && text.length > 0 && i === target ? 1 : 0))),
      fusion: { method: 'score', weight },
    };
    return new CorpusSearcher(corpus, { vectors });
  };
  const question = buildQuery('Ngày Chuyển đổi số quốc gia là ngày nào?');
  const unrelated = corpus.passages.findIndex((p) => p.documentId === 'nghi-quyet-71-nq-cp' && !/chuyển đổi số/i.test(p.text));

  it('answers with BM25 alone, without searching vectors, when the question embeds to nothing', async () => {
    const vectors: VectorSearch = {
      index: { kind: 'exact', size: n, dimension: n, search: () => Promise.reject(new Error('a zero vector has no direction to search')) },
      embedQuery: () => Promise.resolve(new Array<number>(n).fill(0)),
      fusion: { method: 'score', weight: 0.5 },
    };
    expect(await new CorpusSearcher(corpus, { vectors }).retrieve(question, 5)).toEqual(searcher.searchPassages(question, 5));
  });

  it('brings in a passage only the vector side finds, but never as covering the question', async () => {
    const hits = await withVectors(unrelated).retrieve(question, 8);
    const found = hits.find((h) => h.passage === corpus.passages[unrelated]);
    expect(found).toBeDefined();
    expect(found?.coverage).toBeLessThan(0.35);
    expect(hits[0]?.coverage).toBeGreaterThan(0.5);
  });

  it('applies the filter to what the vector side finds', async () => {
    const hits = await withVectors(unrelated).retrieve(question, 8, (p) => p.documentId !== 'nghi-quyet-71-nq-cp');
    expect(hits.some((h) => h.passage.documentId === 'nghi-quyet-71-nq-cp')).toBe(false);
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe('buildQuery: follow-ups', () => {
  it('reads "Ngoài ra, …" as leaning on the previous question, with or without marks', () => {
    const previous = ['Kế hoạch nêu những hình thức tuyên truyền trực quan nào?'];
    expect(buildQuery('Ngoài ra, kế hoạch nhắc tới hoạt động của tổ chức nào ở cơ sở?', previous).followUp).toBe(true);
    expect(buildQuery('ngoai ra so con phai trien khai phong trao nao', previous).followUp).toBe(true);
    expect(buildQuery('Kế hoạch nhắc tới hoạt động của tổ chức nào ở cơ sở?', previous).followUp).toBe(false);
  });

  it('reads "cơ chế này" as pointing back at the previous question\'s subject', () => {
    const previous = ['Cơ chế khoán chi đến sản phẩm cuối cùng được quy định trong văn bản nào?'];
    expect(buildQuery('Khi áp dụng cơ chế này, tổ chức chủ trì có còn phải quyết toán kinh phí không?', previous).followUp).toBe(true);
    expect(buildQuery('Khi áp dụng khoán chi, tổ chức chủ trì có còn phải quyết toán kinh phí không?', previous).followUp).toBe(false);
  });
});
