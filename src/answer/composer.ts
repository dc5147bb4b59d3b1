/**
 * @module
 * The composer port. Deciding what to answer (guard rules, the FAQ, scope, coverage, the
 * sources) is done once, by the answerer; composing the words is a separate step with
 * interchangeable composers. The extractive composer (sentences quoted from the sources)
 * is the default and the one every other composer falls back to: an LLM composer that
 * times out, fails or writes something its checks reject yields the extractive answer.
 */
import type { Passage } from '../ingest/types.ts';
import type { AnswerResult, Method } from './answer.ts';

/** What deciding hands to composing: the question, the sources (numbered in this order) and the dependable answer. */
export interface Draft {
  question: string;
  /** Earlier questions of the conversation, oldest first (at most three are used). */
  earlier: readonly string[];
  passages: readonly Passage[];
  /** The extractive answer: what the citizen gets when composing otherwise fails. */
  extractive: AnswerResult;
  /** When the question arrived (performance.now()): one deadline covers rewriting and composing. */
  startedAt?: number;
}

export interface Composed {
  answer: string;
  sources: readonly Passage[];
  method: Method;
  /** Why the extractive answer was given instead of the composer's own, when it was. */
  fallback: string | null;
  /** Milliseconds to the first streamed text, when text was streamed. */
  firstTextMs?: number;
  /** Milliseconds the composition took. */
  totalMs?: number;
}

export interface ComposeHooks {
  /** Text as it is produced, a checked sentence at a time: clients replace it if `done` says otherwise. */
  onDelta?(text: string): void;
  /** The client went away or the server is stopping: the extractive answer at once. */
  signal?: AbortSignal;
}

export interface Composer {
  readonly name: string;
  compose(draft: Draft, hooks?: ComposeHooks): Promise<Composed>;
  /** A follow-up rewritten as a standalone question for retrieval only, or null to retrieve with it as asked. */
  rewrite?(question: string, earlier: readonly string[], options?: { startedAt?: number; signal?: AbortSignal }): Promise<string | null>;
}

export const extractiveComposer: Composer = {
  name: 'extractive',
  async compose(draft) {
    return { answer: draft.extractive.answer, sources: draft.extractive.sources, method: draft.extractive.method, fallback: null };
  },
};
