import { fileURLToPath } from 'node:url';
import { BaseRetriever } from '@langchain/core/retrievers';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../ingest/corpus.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import { SECTION_SEPARATOR } from '../ingest/types.ts';
import { CorpusRetriever } from './retriever.ts';
import { CorpusSearcher } from './searcher.ts';

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
