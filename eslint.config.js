// @ts-check
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/**
 * Files that run on Node only: the Node entry and its wiring, SQLite, the index on disk,
 * native vector search, local models, file reading, the CLIs. Everything else under src/ is
 * the portable core that src/entry/worker.ts is built from.
 */
const NODE_ONLY = [
  'src/entry/node.ts',
  'src/entry/engine.ts',
  'src/entry/faq-files.ts',
  'src/entry/prom-metrics.ts',
  'src/entry/rebuild.ts',
  'src/entry/rebuild-child.ts',
  'src/entry/scrypt.ts',
  'src/entry/session-secret.ts',
  'src/entry/staff.ts',
  'src/cli/**',
  'src/store/sqlite.ts',
  'src/store/sqlite-*.ts',
  'src/store/*/sqlite.ts',
  'src/retrieval/hnsw-index.ts',
  'src/retrieval/index-store.ts',
  'src/retrieval/embedder.ts',
  'src/retrieval/embed/index.ts',
  'src/retrieval/embed/transformers.ts',
  'src/retrieval/embed/model-files.ts',
  'src/retrieval/embed/fetch-model.ts',
  'src/retrieval/embed/vector-cache.ts',
  'src/ingest/read-files.ts',
  'src/ingest/extract.ts',
];

/** The same files as import specifiers (relative paths end with them). */
const NODE_ONLY_IMPORTS = NODE_ONLY.map((file) => `**/${file.replace(/^src\//, '')}`).concat(['**/widget/build.ts', '**/scripts/**']);

/** Packages that need Node (native code, Node's APIs, or files on disk): prom-client (process metrics, cluster), mammoth and unpdf (document extraction at ingest). */
const NODE_MODULES = ['better-sqlite3', 'hnswlib-node', 'onnxruntime-node', '@huggingface/transformers', '@hono/node-server', '@langchain/community', 'prom-client', 'mammoth', 'unpdf', 'tsx', 'esbuild', 'wrangler', 'miniflare'];
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'stream', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/', '.wrangler/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment only in src/config.ts.' }],
    },
  },
  {
    // Citizens' messages (up to 1,000 characters) go through dozens of patterns on the one
    // thread that serves every request: a pattern that backtracks polynomially on some input
    // holds them all (a redaction pattern once took minutes on a message of spaces). A pattern
    // that only moves quadratically across its input (no-super-linear-move) costs at most about
    // a million steps on a message of that length, so that rule is left off.
    files: ['src/**/*.{ts,tsx}', 'widget/**/*.ts'],
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error' },
  },
  {
    files: ['src/config.ts', 'eval/**', 'bench/**', '**/*.test.ts', 'test/server-process.ts', 'test/worker/**', 'scripts/*-worker.ts', 'scripts/wrangler.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The portable core: nothing Node-only may be imported, so nothing Node-only is reachable
    // from src/entry/worker.ts (each file here imports only files here). Types may be shared.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...NODE_ONLY, 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, ...NODE_BUILTINS].map((name) => ({ name, message: 'Node only: the portable core runs on Workers too (src/entry/worker.ts). Inject it from src/entry/node.ts.', allowTypeImports: true })),
          patterns: [
            { group: ['node:*'], message: 'Node only: the portable core runs on Workers too (src/entry/worker.ts). Inject it from src/entry/node.ts.', allowTypeImports: true },
            { group: NODE_ONLY_IMPORTS, message: 'A Node-only file (eslint.config.js, NODE_ONLY): the portable core may use its types, not its code.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
);
