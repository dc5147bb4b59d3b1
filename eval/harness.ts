/**
 * @module
 * Asking the eval's questions: through the HTTP API in process (the app on an engine, with
 * a throwaway SQLite file) or against a running server, each answerable question once more
 * without tone marks. Shared by `npm run eval` and the fusion comparison.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import type { Composer } from '../src/answer/composer.ts';
import type { Metrics } from '../src/metrics.ts';
import { toReadyEngine, type Engine } from '../src/entry/engine.ts';
import { createLogger } from '../src/logger.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { evalItemSchema, grade, type EvalItem, type Graded, type Observed } from './metrics.ts';

export type Ask = (message: string, conversationId?: string, context?: EvalItem['context']) => Promise<Observed & { conversationId: string }>;

/** The question sets: the team's (dev, test), more dev questions by a helper, and the fresh one written by someone who never saw the code. */
export const DEFAULT_FILES = 'eval/questions.jsonl,eval/dev-extra.jsonl,eval/dev-citizen.jsonl,eval/dev-dialogue.jsonl,eval/dev-wave3a.jsonl,eval/dev-wave3b.jsonl,eval/dev-wave4.jsonl,eval/dev-wave5.jsonl,eval/dev-wave6.jsonl,eval/dev-wave7.jsonl,eval/dev-wave8.jsonl,eval/dev-wave9.jsonl,eval/dev-wave10.jsonl,eval/dev-wave11.jsonl,eval/dev-wave12.jsonl,eval/dev-wave13.jsonl,eval/dev-wave14.jsonl,eval/dev-wave15.jsonl,eval/dev-wave16.jsonl,eval/dev-wave17.jsonl,eval/dev-wave18.jsonl,eval/dev-wave19.jsonl,eval/dev-wave20.jsonl,eval/dev-wave21.jsonl,eval/dev-wave22.jsonl,eval/dev-wave23.jsonl,eval/dev-wave24.jsonl,eval/dev-wave25.jsonl,eval/dev-wave26.jsonl,eval/dev-wave27.jsonl,eval/dev-wave28.jsonl,eval/dev-wave29.jsonl,eval/fresh.jsonl';

/** Items of the comma-separated files, of one split or `all`; ids must be unique across files. */
export function loadItems(files: string, split: string): EvalItem[] {
  const items: EvalItem[] = [];
  const ids = new Set<string>();
  for (const file of files.split(',').map((f) => f.trim()).filter(Boolean)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = evalItemSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
        if (ids.has(parsed.data.id)) throw new Error(`${file}:${i + 1}: duplicate id ${parsed.data.id}`);
        ids.add(parsed.data.id);
        items.push(parsed.data);
      });
  }
  return items.filter((item) => split === 'all' || item.split === split);
}

/** The app over the engine with a throwaway SQLite file; with a composer (an LLM), questions are asked streaming. */
export function engineAsk(engine: Engine, options: { composer?: Composer; metrics?: Metrics } = {}): { ask: Ask; close: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'nq57-eval-'));
  const store = openSqliteStore(join(tmp, 'eval.sqlite'));
  const app = createApp({
    state: { engine: toReadyEngine(engine), store },
    logger: createLogger('error'),
    composer: options.composer,
    metrics: options.metrics,
  });
  const ask: Ask = async (message, conversationId, context) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.composer ? { accept: 'text/event-stream' } : {}) };
    const res = await app.request('/api/chat', { method: 'POST', headers, body: JSON.stringify({ message, conversationId, context }) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for "${message}": ${await res.text()}`);
    if (!options.composer) return (await res.json()) as Observed & { conversationId: string };
    const done = /event: done\ndata: (.*)\n/.exec(await res.text())?.[1];
    if (!done) throw new Error(`no done event for "${message}"`);
    return JSON.parse(done) as Observed & { conversationId: string };
  };
  return {
    ask,
    close: () => {
      void store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function httpAsk(base: string): Ask {
  return async (message, conversationId, context) => {
    const res = await fetch(new URL('/api/chat', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, conversationId, context }) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for "${message}": ${await res.text()}`);
    return (await res.json()) as Observed & { conversationId: string };
  };
}

async function askOne(item: EvalItem, variant: Graded['variant'], ask: Ask): Promise<Graded> {
  const shape = (text: string) => (variant === 'unaccented' ? foldDiacritics(text) : text);
  let conversationId: string | undefined;
  for (const earlier of item.history ?? []) conversationId = (await ask(shape(earlier), conversationId, item.context)).conversationId;
  return grade(item, variant, await ask(shape(item.question), conversationId, item.context));
}

/** Every item as written and, when answerable and marked, without tone marks. */
export async function askAll(items: readonly EvalItem[], ask: Ask): Promise<Graded[]> {
  const rows: Graded[] = [];
  for (const item of items) {
    rows.push(await askOne(item, 'accented', ask));
    const unaccented = item.expected.outcome === 'answered' && foldDiacritics(item.question) !== item.question;
    if (unaccented) rows.push(await askOne(item, 'unaccented', ask));
  }
  return rows;
}
