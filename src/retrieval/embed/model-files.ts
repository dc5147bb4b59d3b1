/**
 * @module
 * Where a transformers.js model lives under MODELS_DIR and which files it needs: the
 * layout transformers.js resolves with `env.localModelPath` (`<dir>/<model>/config.json`,
 * tokenizer files, `onnx/model<suffix>.onnx`), shared by the loader and `models:fetch`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';

/** File suffix of each ONNX weight type, as transformers.js 3 names them (utils/dtypes.js). */
const DTYPE_SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4' } as const;
export type ModelDtype = keyof typeof DTYPE_SUFFIX;
export const MODEL_DTYPES = Object.keys(DTYPE_SUFFIX) as ModelDtype[];

/** The id a transformers.js model's vectors carry: its name and its weights' type. */
export function transformersId(model: string, dtype: ModelDtype = 'q8'): string {
  return `transformers:${model}:${dtype}`;
}

/** Files of a model, relative to its directory. */
export function modelFiles(dtype: ModelDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${DTYPE_SUFFIX[dtype]}.onnx`];
}

export function modelDirectory(modelsDir: string, model: string): string {
  return join(resolve(modelsDir), ...model.split('/'));
}

/** Throws, naming the directory and how to fill it, when a file of the model is missing. */
export function assertModelPresent(modelsDir: string, model: string, dtype: ModelDtype): void {
  const dir = modelDirectory(modelsDir, model);
  const missing = modelFiles(dtype).filter((file) => !existsSync(join(dir, file)));
  if (missing.length === 0) return;
  throw new Error(
    `Embedding model "${model}" (${dtype}) not found: ${dir} lacks ${missing.join(', ')}. ` +
      'Models are never downloaded at run time. On a machine with internet run ' +
      `\`MODELS_DIR=${modelsDir} EMBEDDING_MODEL=${model} npm run models:fetch\` and copy ${dir} here, or set EMBEDDER=hashed.`,
  );
}
