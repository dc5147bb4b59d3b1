/**
 * @module
 * `npm run ask -- "câu hỏi"`: answers one question in the terminal, with its sources.
 */
import { loadConfig, loadDotEnv } from '../config.ts';
import { createEngine } from '../entry/engine.ts';

const question = process.argv.slice(2).join(' ').trim();
if (!question) {
  console.error('Cách dùng: npm run ask -- "câu hỏi của bạn"');
  process.exit(2);
}
loadDotEnv();
const config = loadConfig();
const engine = await createEngine(config);
const result = await engine.answer(question);
console.log(`[${result.outcome} / ${result.method}] faq=${result.signals.faq.toFixed(2)} coverage=${result.signals.coverage.toFixed(2)}`);
console.log(result.answer);
for (const s of result.sources) console.log(`  • ${s.documentId} › ${s.path.join(' › ')}`);
if (result.suggestions.length) console.log(`Gợi ý: ${result.suggestions.join(' | ')}`);
