/**
 * @module
 * Parity: the Worker in workerd (bundled index, D1's published FAQ) gives the same answer as
 * the Node engine for every question of every eval set, as written and without tone marks
 * — the same outcome, method and first source (document and section), earlier turns of the
 * conversation included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES, engineAsk, loadItems, type Ask } from '../eval/harness.ts';
import type { EvalItem } from '../eval/metrics.ts';
import { loadConfig } from '../src/config.ts';
import { createEngine } from '../src/entry/engine.ts';
import { foldDiacritics } from '../src/text/index.ts';
import { CORPUS_DIR } from './helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';

let worker: LocalWorker;
let node: { ask: Ask; close: () => void };
const dataDir = mkdtempSync(join(tmpdir(), 'hoidap-parity-'));

beforeAll(async () => {
  [worker, node] = await Promise.all([
    startWorker({ RATE_LIMIT_PER_MINUTE: '0', SESSION_SECRET: 'p'.repeat(40) }),
    createEngine(loadConfig({ CORPUS_DIR, DATA_DIR: dataDir })).then((engine) => engineAsk(engine)),
  ]);
}, 180_000);
afterAll(async () => {
  node?.close();
  await worker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const workerAsk: Ask = async (message, conversationId, context) => {
  const res = await worker.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, conversationId, context }) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for "${message}": ${await res.text()}`);
  return (await res.json()) as Awaited<ReturnType<Ask>>;
};

/** What must agree: outcome, method and the first source. */
async function verdict(item: EvalItem, shape: (text: string) => string, ask: Ask): Promise<string> {
  let conversationId: string | undefined;
  for (const earlier of item.history ?? []) conversationId = (await ask(shape(earlier), conversationId, item.context)).conversationId;
  const answer = await ask(shape(item.question), conversationId, item.context);
  const first = answer.sources[0];
  return `${answer.outcome} ${answer.method} ${first ? `${first.documentId} › ${first.section ?? ''}` : '-'}`;
}

/** Runs `work` over the items, `width` at a time (each item's conversation stays in order). */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const at = next++;
        results[at] = await work(items[at] as T);
      }
    }),
  );
  return results;
}

describe('the Worker answers as Node does', () => {
  it('for every eval question, with and without tone marks', async () => {
    const items = loadItems(DEFAULT_FILES, 'all');
    const variants = [
      ['as written', (text: string) => text],
      ['without tone marks', foldDiacritics],
    ] as const;
    const cases = items.flatMap((item) => variants.map(([variant, shape]) => ({ item, variant, shape })));
    const started = performance.now();
    const differences = (
      await inParallel(cases, 6, async ({ item, variant, shape }) => {
        const [onNode, onWorker] = await Promise.all([verdict(item, shape, node.ask), verdict(item, shape, workerAsk)]);
        return onNode === onWorker ? null : `${item.id} (${variant}): Node ${onNode} | Worker ${onWorker}`;
      })
    ).filter((d): d is string => d !== null);
    console.log(`parity: ${cases.length} questions asked on Node and on the Worker in ${((performance.now() - started) / 1000).toFixed(1)} s; ${differences.length} differ`);
    expect(differences).toEqual([]);
    expect(cases.length).toBeGreaterThan(1_500);
  }, 300_000);
});
