/**
 * @module
 * `npm run deploy -- --env NAME`: one province's Worker to Cloudflare (README, "Deploying to
 * Cloudflare Workers"): its assets built from its corpus, its D1 database migrated, its
 * passages' vectors upserted into Vectorize when the index keeps them there, then the Worker
 * uploaded. `--dry-run` does everything that needs no account: the build and the bundle
 * wrangler would upload (its size printed), nothing remote.
 */
import { unstable_readConfig } from 'wrangler';
import { buildWorkerAssets } from './build-worker.ts';
import { argument, wrangler } from './wrangler.ts';

const env = argument('env');
const dryRun = process.argv.includes('--dry-run');
if (!env) {
  console.error('npm run deploy -- --env NAME: name the province\'s environment of wrangler.toml (e.g. --env dien-bien); the top level is for this machine.');
  process.exit(1);
}

const built = await buildWorkerAssets({ env, log: (line) => console.error(line) });
console.log(`[${env}] assets: ${built.passages} passages, index ${(built.indexBytes / 1024).toFixed(0)} KiB (${(built.indexGzipBytes / 1024).toFixed(0)} KiB gzipped), vectors ${built.vectorIndex ?? 'none'}`);
if (dryRun) {
  await wrangler(['deploy', '--env', env, '--dry-run', '--outdir', `dist/worker/${env}/bundle`]);
  console.log(`[${env}] dry run: nothing uploaded. Without --dry-run: wrangler d1 migrations apply DB --remote, ${built.vectorsFile ? 'wrangler vectorize upsert, ' : ''}wrangler deploy.`);
} else {
  await wrangler(['d1', 'migrations', 'apply', 'DB', '--remote', '--env', env], { CI: 'true' });
  if (built.vectorsFile) {
    const index = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true }).vectorize[0]?.index_name;
    if (!index) throw new Error(`[${env}] the index keeps its vectors in Vectorize: add a [[env.${env}.vectorize]] binding to wrangler.toml`);
    await wrangler(['vectorize', 'upsert', index, '--file', built.vectorsFile, '--env', env]);
  }
  await wrangler(['deploy', '--env', env]);
}
