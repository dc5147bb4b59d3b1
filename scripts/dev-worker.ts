/**
 * @module
 * `npm run dev:worker`: the Worker on this machine, offline, as `npm start` serves Node: the
 * assets built (scripts/build-worker.ts), the local D1 migrated (`.wrangler/state`, kept
 * between runs), then `wrangler dev` in workerd on 127.0.0.1:PORT (default 8787). Local
 * secrets (SESSION_SECRET, ADMIN_USERNAME, ADMIN_PASSWORD…) go in `.dev.vars`, which wrangler
 * reads and git ignores.
 */
import { buildWorkerAssets } from './build-worker.ts';
import { startWrangler, wrangler } from './wrangler.ts';

const port = process.env.PORT ?? '8787';
const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1';

const built = await buildWorkerAssets({ log: (line) => console.error(line) });
console.log(`Worker assets: ${built.passages} passages, index ${(built.indexBytes / 1024).toFixed(0)} KiB`);
// The top level of wrangler.toml is the local environment; CI=true: wrangler asks nothing.
await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--env', ''], { CI: 'true' });
const dev = startWrangler(['dev', '--env', '', '--ip', host, '--port', port, '--show-interactive-dev-session=false']);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
