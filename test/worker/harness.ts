/**
 * @module
 * The Worker in workerd for tests, offline: built as `npm run deploy` builds it (the assets by
 * scripts/build-worker.ts, the bundle by `wrangler deploy --dry-run`, the local D1 migrated
 * from empty by `wrangler d1 migrations apply --local`), then run by Miniflare with the
 * bindings of wrangler.toml's top level. The build is cached by the hash of everything it
 * reads, so only the first test file of a run (after a change) pays for it; each Worker
 * started gets a fresh copy of the migrated database and its own Durable Objects.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { buildWorkerAssets } from '../../scripts/build-worker.ts';
import { tokenDigest } from '../../src/admin/auth/authenticate.ts';
import { randomToken } from '../../src/admin/auth/secret-text.ts';
import type { DurableObjectNamespaceLike } from '../../src/entry/worker/bindings.ts';
import { createCoordinatorLocks } from '../../src/entry/worker/coordinator.ts';
import type { ConversationHold } from '../contract/busy.ts';
import type { ContractTarget } from '../contract/target.ts';
import { captureLogger, ROOT } from '../helpers.ts';

const run = promisify(execFile);
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
/** wrangler.toml's top-level D1 database: the id names the local database file. */
const DATABASE_ID = '00000000-0000-4000-8000-000000000000';
/** Nothing wrangler or Miniflare runs here reaches beyond loopback (no usage reports, no banner and so no npm update check). */
const OFFLINE_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' };

export interface WorkerArtifacts {
  dir: string;
  scriptPath: string;
  assetsDir: string;
  /** A local D1 with every migration applied from empty (wrangler's --persist-to layout). */
  stateDir: string;
  configPath: string;
  compatibilityDate: string;
  /** The bundle as wrangler would upload it. */
  bundleBytes: number;
  /** How long `wrangler d1 migrations apply` took, and what it printed. */
  migrations: { ms: number; output: string };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Everything the build reads: a change to any of it means a new build. */
function buildKey(): string {
  const hash = createHash('sha256');
  const inputs = [...['src', 'widget/src', 'corpus', 'scripts'].flatMap((d) => filesUnder(join(ROOT, d))), join(ROOT, 'wrangler.toml'), join(ROOT, 'package-lock.json'), join(ROOT, 'widget', 'build.ts')];
  for (const file of inputs.sort()) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** wrangler.toml's top level, with the build's directories: the config the tests' wrangler runs with. */
function testConfig(dir: string): { text: string; compatibilityDate: string } {
  const original = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const topLevel = original.slice(0, original.search(/^\[env\./m));
  const text = topLevel
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(ROOT, 'src', 'entry', 'worker.ts'))}`)
    .replace(/^directory = .*$/m, `directory = ${JSON.stringify(join(dir, 'assets'))}`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(join(dir, 'migrations'))}`)
    .replace(/^#:schema.*$/m, '');
  const compatibilityDate = /^compatibility_date = "([^"]+)"/m.exec(original)?.[1] ?? '';
  return { text, compatibilityDate };
}

async function build(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await buildWorkerAssets({ outDir: dir });
  const config = testConfig(dir);
  writeFileSync(join(dir, 'wrangler.toml'), config.text);
  const options = { cwd: ROOT, env: OFFLINE_ENV, maxBuffer: 16 * 1024 * 1024 };
  await run(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', join(dir, 'bundle'), '--config', join(dir, 'wrangler.toml')], options);
  const started = performance.now();
  const applied = await run(process.execPath, [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', join(dir, 'state'), '--config', join(dir, 'wrangler.toml')], options);
  writeFileSync(join(dir, 'migrations.json'), JSON.stringify({ ms: Math.round(performance.now() - started), output: applied.stdout }));
}

let cached: Promise<WorkerArtifacts> | null = null;

/** Builds the Worker once per change of its inputs (a lock-free cache: parallel builders race to rename). */
export function workerArtifacts(): Promise<WorkerArtifacts> {
  cached ??= (async () => {
    const root = join(ROOT, 'node_modules', '.cache', 'hoidap-worker');
    const dir = join(root, buildKey());
    if (!existsSync(join(dir, 'migrations.json'))) {
      mkdirSync(root, { recursive: true });
      const building = mkdtempSync(join(root, '.building-'));
      try {
        await build(building);
        try {
          renameSync(building, dir);
        } catch {
          // Another test file finished the same build first.
        }
      } finally {
        rmSync(building, { recursive: true, force: true });
      }
    }
    const { compatibilityDate } = testConfig(dir);
    const scriptPath = join(dir, 'bundle', 'worker.js');
    return {
      dir,
      scriptPath,
      assetsDir: join(dir, 'assets'),
      stateDir: join(dir, 'state'),
      configPath: join(dir, 'wrangler.toml'),
      compatibilityDate,
      bundleBytes: statSync(scriptPath).size,
      migrations: JSON.parse(readFileSync(join(dir, 'migrations.json'), 'utf8')) as WorkerArtifacts['migrations'],
    };
  })();
  return cached;
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream' };

export interface LocalWorker extends ContractTarget {
  mf: Miniflare;
  /** Where it listens on loopback, when started with `listen` (benchmarks); null otherwise. */
  url: string | null;
  /** The Worker's local D1, as Node sees it. */
  database(): ReturnType<Miniflare['getD1Database']>;
  close(): Promise<void>;
}

/**
 * Starts the Worker with wrangler.toml's bindings; `vars` are its variables and secrets.
 * `listen`: also serve HTTP on 127.0.0.1 (a free port); `state`: a local D1 directory to use
 * as it is (a restart), instead of a fresh copy of the migrated one.
 */
export async function startWorker(vars: Record<string, string> = {}, options: { listen?: boolean; state?: string } = {}): Promise<LocalWorker> {
  const artifacts = await workerArtifacts();
  const state = options.state ?? mkdtempSync(join(tmpdir(), 'hoidap-worker-d1-'));
  if (!options.state) cpSync(artifacts.stateDir, state, { recursive: true });
  const mf = new Miniflare({
    ...(options.listen ? { host: '127.0.0.1', port: 0 } : {}),
    modules: true,
    scriptPath: artifacts.scriptPath,
    compatibilityDate: artifacts.compatibilityDate,
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: DATABASE_ID },
    d1Persist: join(state, 'v3', 'd1'),
    durableObjects: { COORDINATOR: 'Coordinator' },
    // The static assets, as the platform serves them to the Worker's ASSETS binding.
    serviceBindings: {
      ASSETS: async (request: { url: string }) => {
        const path = join(artifacts.assetsDir, decodeURIComponent(new URL(request.url).pathname));
        if (!path.startsWith(artifacts.assetsDir) || !existsSync(path) || !statSync(path).isFile()) return new Response('not found', { status: 404 }) as never;
        const type = CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
        return new Response(readFileSync(path), { headers: { 'content-type': type } }) as never;
      },
    },
    bindings: { CORPUS_DIR: 'corpus', LOG_LEVEL: 'warn', ...vars },
  });
  const url = await mf.ready;
  return {
    mf,
    url: options.listen ? url.toString().replace(/\/$/, '') : null,
    database: () => mf.getD1Database('DB'),
    request: async (path, init) => (await mf.dispatchFetch(new URL(path, 'http://localhost').toString(), init as never)) as unknown as Response,
    query: async <T>(sql: string, ...params: unknown[]) => {
      const db = await mf.getD1Database('DB');
      const statement = params.length ? db.prepare(sql).bind(...params) : db.prepare(sql);
      return (await statement.all<T>()).results as T[];
    },
    async close() {
      await mf.dispose();
      if (!options.state) rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * Makes a conversation of the Worker busy the way an isolate answering in it does: its lock
 * taken in the Coordinator Durable Object, through the Worker's own `createCoordinatorLocks`
 * (so the object and key are the ones the Worker uses), until released. workerd offers no
 * way to pause a real question half-way, as the Node tests do inside the store.
 */
export async function holdConversation(worker: LocalWorker, conversationId: string): Promise<ConversationHold> {
  const namespace = (await worker.mf.getDurableObjectNamespace('COORDINATOR')) as unknown as DurableObjectNamespaceLike;
  const logger = captureLogger();
  const locks = createCoordinatorLocks(namespace, 60_000, logger);
  // createCoordinatorLocks lets a question through when the object cannot be reached: that must not pass for a held lock.
  const taken = await locks.acquire(conversationId);
  if (!taken || logger.lines.length > 0) throw new Error(`the conversation lock was not taken in the Coordinator: ${logger.lines.join('\n') || 'already held'}`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await locks.release(conversationId);
      if (logger.lines.length > 0) throw new Error(`the conversation lock was not released: ${logger.lines.join('\n')}`);
    },
  };
}

/**
 * An API token (`Bearer nq57_…`) of a new staff account with `role`, written straight into the
 * Worker's D1 as the accounts service writes them (the token's SHA-256 digest). An account
 * made through the staff pages would cost a JavaScript scrypt hash and a login, seconds of
 * CPU in workerd; the account has no password anyone can log in with.
 */
export async function seedStaffToken(worker: LocalWorker, role: 'admin' | 'editor' | 'reviewer' | 'viewer'): Promise<string> {
  const db = await worker.database();
  const at = new Date().toISOString();
  const userId = crypto.randomUUID();
  const token = `nq57_${randomToken(32)}`;
  await db.batch([
    db.prepare("INSERT INTO staff_users (id, username, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, '!', ?, ?)").bind(userId, `test-${role}-${userId.slice(0, 8)}`, role, at, at),
    db.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').bind(crypto.randomUUID(), userId, 'contract tests', await tokenDigest(token), 'test', at),
  ]);
  return token;
}
