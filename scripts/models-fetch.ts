/**
 * @module
 * `npm run models:fetch [-- --model M] [--dir D] [--dtype q8|fp32|…] [--host URL] [--force]`
 *
 * On a machine with internet: downloads the embedding model (EMBEDDING_MODEL, default
 * Xenova/multilingual-e5-small, quantized) into MODELS_DIR (default ./models) as
 * `<dir>/<model>/{config.json,tokenizer.json,tokenizer_config.json,onnx/model_quantized.onnx}`,
 * then loads it the way the server does (local files only) to prove it works. Copy that
 * directory to an offline server and set EMBEDDER=transformers.
 */
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../src/config.ts';
import { fetchModel } from '../src/retrieval/embed/fetch-model.ts';
import { MODEL_DTYPES, type ModelDtype } from '../src/retrieval/embed/model-files.ts';
import { TransformersEmbeddings } from '../src/retrieval/embed/transformers.ts';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: config.embedder.model },
      dir: { type: 'string', default: config.embedder.modelsDir },
      dtype: { type: 'string', default: config.embedder.dtype },
      host: { type: 'string', default: 'https://huggingface.co' },
      force: { type: 'boolean', default: false },
    },
  });
  if (!MODEL_DTYPES.includes(values.dtype as ModelDtype)) throw new Error(`--dtype must be one of ${MODEL_DTYPES.join(', ')}`);
  const dtype = values.dtype as ModelDtype;
  console.log(`fetching ${values.model} (${dtype}) from ${values.host} into ${values.dir}`);
  const files = await fetchModel({ modelsDir: values.dir, model: values.model, dtype, host: values.host, force: values.force });
  const size = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
  for (const f of files) console.log(`  ${f.downloaded ? 'wrote' : 'kept '} ${f.path}  ${size(f.bytes)}`);
  const started = performance.now();
  const embedder = await TransformersEmbeddings.create({ modelsDir: values.dir, model: values.model, dtype });
  console.log(`loaded offline in ${Math.round(performance.now() - started)} ms: ${embedder.id}, ${embedder.dimension} dimensions`);
}

main().catch((error: unknown) => {
  console.error(`models:fetch failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
