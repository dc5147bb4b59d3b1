/**
 * @module
 * `npx tsx bench/webhooks.ts` (or `npm run bench -- --webhooks`): how fast the Zalo and
 * Messenger webhooks acknowledge under load while answering is slow. Signed events (Zalo
 * and Messenger alternately, 400 users) are sent at a fixed rate, open loop (a late
 * response never delays the next event, so slow acknowledgements are not hidden), to the
 * service with its answerer slowed to 2 s (`bench/webhook-server.ts`), its replies going
 * to the loopback fakes of the platforms. Prints acknowledgement p50/p95/p99/max and
 * checks that every event was answered once. Target (reliability research WH-02, tightened
 * by issue 13): p99 ≤ 100 ms at 50 events/s. `--rate 50 --duration 30 --delay 2000`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from '../eval/metrics.ts';
import { messengerDelivery, messengerText, metaSignature, startFakeGraph } from '../test/fakes/graph.fake.ts';
import { startFakeZalo, zaloSignature, zaloTextEvent } from '../test/fakes/zalo.fake.ts';
import { freePort, waitFor } from './net.ts';

const ZALO = { appId: '1234567890123456789', appSecret: 'bench_app_secret', oaSecretKey: 'bench_oa_secret_key', oaId: '388613280878808645', accessToken: 'bench_access', refreshToken: 'bench_refresh' };
const META = { appSecret: 'bench_meta_app_secret', verifyToken: 'bench', pageAccessToken: 'bench_page_token', pageId: '106000000000001' };
const QUESTIONS = ['NQ57 là gì?', 'Ngày Chuyển đổi số quốc gia là ngày nào?', 'Bình dân học vụ số là gì?', 'Mục tiêu đến năm 2030 là gì?', 'Kế hoạch của tỉnh do ai ký?', 'Ai ký Nghị quyết 57?'];
const USERS = 400;

export interface WebhookBenchOptions {
  rate: number;
  seconds: number;
  delayMs: number;
}

/** One POST on a kept-alive connection; resolves with the status once the whole response is read. */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runWebhookBench(options: WebhookBenchOptions): Promise<{ p99: number }> {
  const zalo = await startFakeZalo({ appId: ZALO.appId, appSecret: ZALO.appSecret, accessToken: ZALO.accessToken, refreshToken: ZALO.refreshToken });
  const graph = await startFakeGraph({ pageAccessToken: META.pageAccessToken, appSecret: META.appSecret });
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-webhook-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-server.ts', String(port)], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '0',
      ANSWER_DELAY_MS: String(options.delayMs),
      ZALO_APP_ID: ZALO.appId,
      ZALO_APP_SECRET: ZALO.appSecret,
      ZALO_OA_SECRET_KEY: ZALO.oaSecretKey,
      ZALO_ACCESS_TOKEN: ZALO.accessToken,
      ZALO_REFRESH_TOKEN: ZALO.refreshToken,
      ZALO_OPENAPI_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
      FB_APP_SECRET: META.appSecret,
      FB_VERIFY_TOKEN: META.verifyToken,
      FB_PAGE_ACCESS_TOKEN: META.pageAccessToken,
      GRAPH_API_BASE: graph.url,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Keep-alive connections, as the platforms' senders keep them; enough of them for the slowest moment.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    await waitFor(`${base}/healthz`);
    const total = Math.round(options.rate * options.seconds);
    const latencies: number[] = [];
    let failed = 0;
    const send = async (n: number): Promise<void> => {
      const user = n % USERS;
      const question = QUESTIONS[n % QUESTIONS.length] as string;
      let raw: string;
      let headers: Record<string, string>;
      let path: string;
      if (n % 2 === 0) {
        raw = zaloTextEvent({ appId: ZALO.appId, oaId: ZALO.oaId, userId: `24684588352919${String(user).padStart(4, '0')}`, msgId: `bench${n}`, text: question });
        headers = { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(raw, ZALO.appId, ZALO.oaSecretKey) };
        path = '/webhooks/zalo';
      } else {
        raw = messengerDelivery([{ pageId: META.pageId, messaging: [messengerText({ psid: `7001${String(user).padStart(12, '0')}`, pageId: META.pageId, mid: `m_bench_${n}`, text: question })] }]);
        headers = { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(raw, META.appSecret) };
        path = '/webhooks/facebook';
      }
      const started = performance.now();
      try {
        if ((await post(agent, base + path, headers, raw)) !== 200) failed++;
      } catch {
        failed++;
      }
      latencies.push(performance.now() - started);
    };
    // A few events first, so the first measured ones do not pay for connections and JIT.
    await Promise.all(Array.from({ length: 10 }, (_, i) => send(total + i)));
    latencies.length = 0;
    const interval = 1000 / options.rate;
    const started = performance.now();
    const inFlight: Array<Promise<void>> = [];
    for (let n = 0; n < total; n++) {
      const due = started + n * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(send(n));
    }
    await Promise.all(inFlight);
    const sentFor = (performance.now() - started) / 1000;
    const expected = total + 10;
    await waitUntil('every answer', () => zalo.sent.length + graph.calls.filter((c) => c.kind === 'message').length >= expected, options.delayMs * 10 + 60_000).catch(() => undefined);
    const replies = zalo.sent.length + graph.calls.filter((c) => c.kind === 'message').length;
    const f = (ms: number) => ms.toFixed(1);
    console.log(
      `webhook acknowledgements, ${total} signed events at ${options.rate}/s over ${sentFor.toFixed(1)} s (Zalo and Messenger alternately, ${USERS} users), answerer slowed to ${options.delayMs} ms:`,
    );
    console.log(`  p50 ${f(percentile(latencies, 50))} ms, p95 ${f(percentile(latencies, 95))} ms, p99 ${f(percentile(latencies, 99))} ms, max ${f(Math.max(...latencies))} ms; not 200: ${failed}`);
    console.log(`  replies sent after the acknowledgements: ${replies} for ${expected} events`);
    const p99 = percentile(latencies, 99);
    console.log(`  target p99 ≤ 100 ms: ${p99 <= 100 ? 'met' : 'NOT met'}`);
    return { p99 };
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await zalo.close();
    await graph.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '50' }, duration: { type: 'string', default: '30' }, delay: { type: 'string', default: '2000' } } });
  runWebhookBench({ rate: Number(values.rate), seconds: Number(values.duration), delayMs: Number(values.delay) }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
