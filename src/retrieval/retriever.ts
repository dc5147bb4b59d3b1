/**
 * @module
 * The corpus search as a LangChain retriever, so a LangChain chain can reuse it (or swap it).
 * The answerer calls CorpusSearcher directly on its hot path; both run the same search.
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import { SECTION_SEPARATOR } from '../ingest/types.ts';
import { buildQuery } from './query.ts';
import type { CorpusSearcher } from './searcher.ts';

export interface CorpusRetrieverInput extends BaseRetrieverInput {
  searcher: CorpusSearcher;
  /** How many passages to return (default 4). */
  k?: number;
}

export class CorpusRetriever extends BaseRetriever {
  lc_namespace = ['hoi-dap-nq57', 'retrievers'];
  private readonly searcher: CorpusSearcher;
  private readonly k: number;

  constructor(fields: CorpusRetrieverInput) {
    super(fields);
    this.searcher = fields.searcher;
    this.k = fields.k ?? 4;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    return (await this.searcher.retrieve(buildQuery(query), this.k)).map(({ passage, score, coverage }) => {
      const meta = this.searcher.documents.get(passage.documentId);
      return new Document({
        pageContent: passage.text,
        id: passage.id,
        metadata: {
          passageId: passage.id,
          documentId: passage.documentId,
          title: meta?.title ?? passage.documentId,
          section: passage.path.join(SECTION_SEPARATOR) || null,
          url: meta?.url ?? null,
          score,
          coverage,
        },
      });
    });
  }
}
