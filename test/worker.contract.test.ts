/**
 * @module
 * The HTTP contract suites (test/contract/) against the Worker in workerd with its local D1:
 * the same tests the Node app passes in memory.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeChatContract } from './contract/chat.ts';
import { describeFeedbackContract } from './contract/feedback.ts';
import { describeStreamContract } from './contract/stream.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';

let worker: LocalWorker;
beforeAll(async () => {
  // No rate limit here: the suites send hundreds of questions from one address.
  worker = await startWorker({ RATE_LIMIT_PER_MINUTE: '0', SESSION_SECRET: 'c'.repeat(40) });
}, 180_000);
afterAll(async () => {
  await worker?.close();
});

describeChatContract(() => worker);
describeStreamContract(() => worker);
describeFeedbackContract(() => worker);
