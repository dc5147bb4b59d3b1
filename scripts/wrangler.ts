/**
 * @module
 * Runs the project's own wrangler (node_modules, the version package.json pins), with its
 * usage reports off (WRANGLER_SEND_METRICS=false), its banner off (WRANGLER_HIDE_BANNER=true:
 * the banner is where wrangler asks npm whether a newer version exists, "update available")
 * and Miniflare's download of `Request.cf` off, so nothing but the command itself reaches the
 * network. (wrangler still asks npm when it reports an error or an unknown configuration
 * field; no variable turns that off.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const WRANGLER = join(import.meta.dirname, '..', 'node_modules', 'wrangler', 'bin', 'wrangler.js');

const wranglerEnv = (extra: Record<string, string> = {}) => ({ ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...extra });

export function startWrangler(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [WRANGLER, ...args], { stdio: 'inherit', env: wranglerEnv(extra) });
}

/** Runs wrangler to the end; rejects with its exit code. */
export function wrangler(args: string[], extra: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = startWrangler(args, extra);
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} ended with ${signal ?? `exit code ${code}`}`))));
  });
}

export function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0) return process.argv[at + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
