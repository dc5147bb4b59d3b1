/**
 * @module
 * Builds the embeddable widget (`widget/src`) into one minified script with esbuild, in
 * memory: `npm start` serves it with no build step and nothing built is committed. The
 * result carries its ETag and its Subresource Integrity hash (sha384, as the README prints).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface WidgetAsset {
  code: string;
  /** A strong validator: the content hash. */
  etag: string;
  /** `sha384-…`, for `<script integrity>`. */
  integrity: string;
  /** Short content hash, for the cache-busting `?v=` of the embed tag. */
  version: string;
  gzipBytes: number;
}

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'src', 'main.ts');

/**
 * Old Android phones run an evergreen Chrome WebView, but not always a recent one:
 * ES2019 keeps optional chaining and class fields transpiled away for them.
 */
export const WIDGET_TARGET = ['es2019', 'chrome70', 'safari12', 'firefox68'];

export async function buildWidget(): Promise<WidgetAsset> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: WIDGET_TARGET,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const bytes = Buffer.from(code, 'utf8');
  const hex = createHash('sha256').update(bytes).digest('hex');
  return {
    code,
    etag: `"${hex.slice(0, 32)}"`,
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    version: hex.slice(0, 12),
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}
