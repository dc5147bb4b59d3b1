/**
 * @module
 * `tsx scripts/make-tiny-model.ts <dir> [modelId]`
 *
 * Writes a tiny, deterministic BERT-shaped embedding model that transformers.js loads like a
 * real one from `<dir>/<modelId>/` (config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx and the same graph as onnx/model_quantized.onnx), so the transformers
 * embedder is tested end to end offline: real tokenizer, real ONNX Runtime session, real
 * pooling. The "model" is one embedding lookup (Gather) over a WordPiece vocabulary of the
 * corpus's most common syllables plus every letter, so any corpus word tokenizes.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;
const HIDDEN_SIZE = 32;
const SYLLABLES = 1000;
const SEED = 57;
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
const CORPUS_DOCUMENTS = fileURLToPath(new URL('../corpus/documents/', import.meta.url));

/** Most frequent lower-case words of the corpus documents, then every letter alone and as "##x". */
function buildVocab(): string[] {
  const counts = new Map<string, number>();
  const letters = new Set<string>('abcdefghijklmnopqrstuvwxyz0123456789');
  for (const name of readdirSync(CORPUS_DOCUMENTS).filter((n) => n.endsWith('.md')).sort()) {
    const text = readFileSync(join(CORPUS_DOCUMENTS, name), 'utf8').normalize('NFC').toLowerCase();
    for (const [word] of text.matchAll(/\p{L}+/gu)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const ch of word) letters.add(ch);
    }
  }
  const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SYLLABLES).map(([w]) => w);
  const chars = [...letters].sort();
  const punctuation = [...'.,;:!?()[]{}"\'-/%&'];
  return [...new Set([...SPECIAL, ...punctuation, ...chars, ...words, ...chars.map((c) => `##${c}`)])];
}

function tokenizerJson(vocab: string[]): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string, typeId = 0) => ({ SpecialToken: { id: token, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]', 1)],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
}

/** mulberry32: a seeded generator, so the same vocabulary always gives the same weights. */
function embeddingMatrix(rows: number): Float32Array {
  let state = SEED;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float32Array.from({ length: rows * HIDDEN_SIZE }, () => next() * 2 - 1);
}

function tensorInfo(name: string, elemType: number, dims: string[]): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } } };
}

/** input_ids → Gather(word embeddings) → last_hidden_state; the mask and type ids are accepted, as BERT's are. */
function onnxModel(vocabSize: number): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const weights = embeddingMatrix(vocabSize);
  const seq = ['batch_size', 'sequence_length'];
  const graph: Onnx.IGraphProto = {
    name: 'tiny-vi-test-embedder',
    node: [{ opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
    initializer: [{ name: 'word_embeddings', dataType: FLOAT, dims: [vocabSize, HIDDEN_SIZE], rawData: new Uint8Array(weights.buffer) }],
    input: [tensorInfo('input_ids', INT64, seq), tensorInfo('attention_mask', INT64, seq), tensorInfo('token_type_ids', INT64, seq)],
    output: [tensorInfo('last_hidden_state', FLOAT, [...seq, 'hidden_size'])],
  };
  return onnx.ModelProto.encode({ irVersion: 7, producerName: 'hoi-dap-nq57 make-tiny-model', opsetImport: [{ domain: '', version: 13 }], graph }).finish();
}

/** Writes the model into `<dir>/<modelId>/` and returns that directory. */
export function makeTinyModel(dir: string, modelId = 'tiny/vi-test-embedder'): string {
  const out = join(resolve(dir), modelId);
  mkdirSync(join(out, 'onnx'), { recursive: true });
  const vocab = buildVocab();
  const json = (name: string, value: object) => writeFileSync(join(out, name), `${JSON.stringify(value, null, 1)}\n`);
  json('config.json', {
    model_type: 'bert', architectures: ['BertModel'], hidden_size: HIDDEN_SIZE, vocab_size: vocab.length,
    num_hidden_layers: 0, num_attention_heads: 1, intermediate_size: HIDDEN_SIZE, max_position_embeddings: 512, type_vocab_size: 2, pad_token_id: 0,
  });
  json('tokenizer.json', tokenizerJson(vocab));
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer', do_lower_case: true, strip_accents: false, model_max_length: 512,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', clean_up_tokenization_spaces: true,
  });
  const model = onnxModel(vocab.length);
  writeFileSync(join(out, 'onnx', 'model.onnx'), model);
  writeFileSync(join(out, 'onnx', 'model_quantized.onnx'), model);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir, modelId] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: tsx scripts/make-tiny-model.ts <dir> [modelId]');
    process.exit(2);
  }
  console.log(`wrote ${makeTinyModel(dir, modelId)}`);
}
