/**
 * @module
 * `npx tsx bench/fake-llm-server.ts [openai|ollama] [port]`: the test suite's fake LLM server
 * (a "grounded model" that quotes and cites source [1], streamed in chunks of a few words
 * with no delay between them) as a process, so that `npm run eval -- --llm` (with
 * `LLM_PROVIDER` and `LLM_BASE_URL` pointing at it) can measure the LLM path on this machine
 * without a model. `npm run bench` does not use it. Figures against it measure the
 * service's own overhead, not a model's speed.
 */
import { startFakeLlm } from '../test/fakes/llm-servers.fake.ts';

const flavour = process.argv[2] === 'ollama' ? 'ollama' : 'openai';
const fake = await startFakeLlm(flavour, Number(process.argv[3] ?? 0));
fake.script();
console.log(`fake ${flavour} LLM at ${fake.url}`);
