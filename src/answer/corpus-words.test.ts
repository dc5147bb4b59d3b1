import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../ingest/corpus.ts';
import { readCorpusFiles } from '../ingest/read-files.ts';
import { buildQuery } from '../retrieval/query.ts';
import { CorpusSearcher } from '../retrieval/searcher.ts';
import { specificWords } from './corpus-words.ts';

let searcher: CorpusSearcher;

beforeAll(async () => {
  searcher = new CorpusSearcher(buildCorpus(await readCorpusFiles('corpus')));
});

describe('specificWords', () => {
  it('names a word the question repeats once: a passage holding it shares one specific word, not two', () => {
    const question = 'làm lại giấy tờ bị mất thì mất bao nhiêu tiền?';
    const words = specificWords(buildQuery(question, [], false, (t) => searcher.documentFrequency(t)), searcher);
    expect(words).toContain('~mat');
    expect(words.length).toBe(new Set(words).size);
  });
});
