/**
 * @module
 * Index rebuilds on the real server: a stale index keeps serving while the new one is built
 * in a child process; a process killed in the middle of a build leaves the old index
 * current, and the next start cleans up and finishes the job.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chatResponseSchema } from '../src/channels/web/schemas.ts';
import { loadConfig } from '../src/config.ts';
import { makeTinyModel } from '../scripts/make-tiny-model.ts';
import { createEngine } from '../src/entry/engine.ts';
import { isAlive } from '../src/retrieval/index-store.ts';
import { CORPUS_DIR, makeTempDir, removeDir } from './helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';

const root = makeTempDir('rebuild');
const corpusDir = join(root, 'corpus');
const dataDir = join(root, 'data');
const indexDir = join(dataDir, 'index');
// Vectors make the build long enough to be caught in the middle of it.
const env = { CORPUS_DIR: corpusDir, EMBEDDER: 'hashed', EMBEDDING_DIM: '1024', FUSION_WEIGHT: '0.2', LOG_LEVEL: 'info' };
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await stopServer(server);
  removeDir(root);
});

const NEW_FACT_QUESTION = 'Mã số của đợt kiểm thử tái dựng chỉ mục là gì?';

/** A new document: one fact to ask about, and enough sections to make the build take a while. */
function addLargeDocument(): void {
  const sections = Array.from({ length: 1500 }, (_, i) => `## ${i + 1}. Nội dung phổ biến số ${i + 1}\n- Đợt tuyên truyền số ${i + 1} giới thiệu chuyển đổi số cho người dân ở bản ${i + 1}, hướng dẫn cài đặt dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.\n`);
  const text = [
    '---',
    'title: "Tài liệu kiểm thử tái dựng chỉ mục"',
    'type: "Tài liệu tóm lược"',
    'compiledBy: "Kiểm thử tự động"',
    '---',
    '# I. Kiểm thử tái dựng chỉ mục',
    '- Mã số của đợt kiểm thử tái dựng chỉ mục là RB-4242.',
    '# II. Các đợt tuyên truyền',
    ...sections,
  ].join('\n');
  writeFileSync(join(corpusDir, 'documents', 'kiem-thu-tai-dung.md'), text);
}

const currentBuild = () => (JSON.parse(readFileSync(join(indexDir, 'current.json'), 'utf8')) as { build: string }).build;
const buildingDirs = () => readdirSync(indexDir).filter((name) => name.startsWith('.building-'));

async function askNewFact(server: Server): Promise<string> {
  const res = await fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: NEW_FACT_QUESTION }) });
  expect(res.status).toBe(200);
  return chatResponseSchema.parse(await res.json()).answer;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('rebuilding the index on the server', () => {
  it('serves the old index through a crash mid-build, cleans up on restart, then swaps in the new one', async () => {
    cpSync(CORPUS_DIR, corpusDir, { recursive: true });
    const old = await createEngine(loadConfig({ ...env, DATA_DIR: dataDir }));
    addLargeDocument();

    // The stale index answers at once; the rebuild runs behind it.
    const first = await startReady(dataDir, env);
    servers.push(first);
    expect(await askNewFact(first)).not.toContain('RB-4242');
    await until(() => existsSync(indexDir) && buildingDirs().length > 0, 'the rebuild to start');
    const health = await fetch(`${first.base}/healthz`);
    expect(health.status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;

    // Killed mid-build: the old build is still current and the half-built one is debris. The
    // build's own process notices its server is gone and stops too.
    expect(currentBuild()).toBe(old.manifest.build);
    const debris = buildingDirs();
    expect(debris).toHaveLength(1);
    const builder = Number(/^\.building-(\d+)-/.exec(debris[0] ?? '')?.[1]);
    await until(() => !isAlive(builder), 'the build process to stop', 10_000);
    expect(currentBuild()).toBe(old.manifest.build);

    const second = await startReady(dataDir, env);
    servers.push(second);
    expect(await askNewFact(second)).not.toContain('RB-4242');
    expect(readdirSync(indexDir)).not.toContain(debris[0]);

    await until(async () => (await askNewFact(second)).includes('RB-4242'), 'the new index to be swapped in');
    expect(currentBuild()).not.toBe(old.manifest.build);
    // The replaced build stays one generation (another process may be opening it); nothing else remains.
    expect(readdirSync(indexDir).sort()).toEqual([currentBuild(), old.manifest.build, 'current.json'].sort());
    expect(second.child.exitCode).toBeNull();
  });

  it('swaps in an index built by `npm run ingest` when the server gets SIGHUP', async () => {
    const server = servers.at(-1) as Server;
    writeFileSync(join(corpusDir, 'documents', 'kiem-thu-sighup.md'), ['---', 'title: "Tài liệu kiểm thử tín hiệu"', 'type: "Tài liệu tóm lược"', 'compiledBy: "Kiểm thử tự động"', '---', '# I. Kiểm thử tín hiệu', '- Mã số của đợt kiểm thử tín hiệu nạp lại là HUP-5151.', ''].join('\n'));
    const ingested = await createEngine(loadConfig({ ...env, DATA_DIR: dataDir }), { force: true });
    expect(currentBuild()).toBe(ingested.manifest.build);
    const ask = async () => {
      const res = await fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Mã số của đợt kiểm thử tín hiệu nạp lại là gì?' }) });
      return chatResponseSchema.parse(await res.json()).answer;
    };
    expect(await ask()).not.toContain('HUP-5151');
    const logged = server.output.length;
    server.child.kill('SIGHUP');
    await until(async () => (await ask()).includes('HUP-5151'), 'the ingested index to be served');
    // Served as it was built: the server did not build it again.
    await until(() => server.output.slice(logged).join('').includes('"index":"stored"'), 'the swap to be logged');
    expect(server.output.slice(logged).join('')).not.toContain('building index');
    expect(currentBuild()).toBe(ingested.manifest.build);
    expect(server.child.exitCode).toBeNull();
  });

  it('rebuilds twice with a transformers.js model while the server embeds questions with the same model', async () => {
    const modelsDir = join(root, 'models');
    makeTinyModel(modelsDir, 'tiny/vi-test-embedder');
    const modelData = join(root, 'model-data');
    const modelEnv = { ...env, EMBEDDER: 'transformers', MODELS_DIR: modelsDir, EMBEDDING_MODEL: 'tiny/vi-test-embedder', FUSION_WEIGHT: '0.3' };
    const server = await startReady(modelData, modelEnv);
    servers.push(server);
    const served = () => server.output.join('').split('\n').filter((line) => line.includes('"message":"ready"'));
    for (const round of [1, 2]) {
      writeFileSync(join(corpusDir, 'documents', 'kiem-thu-mo-hinh.md'), ['---', 'title: "Tài liệu kiểm thử mô hình"', 'type: "Tài liệu tóm lược"', 'compiledBy: "Kiểm thử tự động"', '---', '# I. Kiểm thử mô hình', `- Mã số của lượt kiểm thử mô hình là MH-${round}00.`, ''].join('\n'));
      const before = served().length;
      server.child.kill('SIGHUP');
      await until(() => served().length > before, `rebuild ${round} to be served`);
    }
    const log = server.output.join('');
    expect(log).not.toContain('vectors not used');
    expect(served().at(-1)).toContain('"vectorIndex":"exact"');
    expect(served().at(-1)).toMatch(/"embedder":"transformers:tiny\/vi-test-embedder:q8@\w+"/);
    const res = await fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Mã số của lượt kiểm thử mô hình là gì?' }) });
    expect(chatResponseSchema.parse(await res.json()).answer).toContain('MH-200');
    expect(server.child.exitCode).toBeNull();
  });
});
