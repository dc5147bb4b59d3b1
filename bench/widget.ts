/**
 * @module
 * `npx tsx bench/widget.ts`: what a citizen waits for in the widget. Starts the real server
 * and Chromium, opens the demo page and, over `--questions` questions (10; the eval's
 * answerable ones, in order), measures inside the page (performance.now(), a
 * MutationObserver on the widget's shadow root) the time from pressing Enter to the first
 * streamed answer text, and to the finished answer. Prints p50/p95 and the widget's
 * gzipped size. Asserts nothing: timings belong in reports, not in tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { percentile } from '../eval/metrics.ts';
import { launchChromium, widget, WIDGET_TAG } from '../test/browser.ts';
import { buildWidget } from '../widget/build.ts';
import { freePort, waitFor } from './net.ts';

const { values: args } = parseArgs({ options: { questions: { type: 'string', default: '10' } } });

function startServer(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    // One client asking back to back: the per-client rate limit would measure itself, not the widget.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function questions(n: number): string[] {
  const items = readFileSync('eval/questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question: string; expected: { outcome: string } });
  return items.filter((i) => i.expected.outcome === 'answered').slice(0, n).map((i) => i.question);
}

/** Starts watching: resolves the page-side times (ms after Enter) of the first streamed text and of the finished answer. */
async function armTimer(page: Page): Promise<void> {
  await page.evaluate((tag) => {
    const shadow = document.querySelector(tag)?.shadowRoot as ShadowRoot;
    const before = shadow.querySelectorAll('.b .x').length;
    const answersBefore = shadow.querySelectorAll('[data-message-id]').length;
    const state: { t0: number; first: number; done: number } = { t0: 0, first: 0, done: 0 };
    (window as unknown as { __timing: typeof state }).__timing = state;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !state.t0) state.t0 = performance.now();
    }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const texts = shadow.querySelectorAll('.b .x');
      const last = texts[texts.length - 1];
      if (!state.first && texts.length > before && last?.textContent) state.first = performance.now();
      if (shadow.querySelectorAll('[data-message-id]').length > answersBefore) {
        state.done = performance.now();
        if (!state.first) state.first = state.done;
        observer.disconnect();
      }
    });
    observer.observe(shadow, { subtree: true, childList: true, characterData: true });
  }, WIDGET_TAG);
}

async function main() {
  const asset = await buildWidget();
  const dataDir = mkdtempSync(join(tmpdir(), 'nq57-widget-bench-'));
  const port = await freePort();
  const server = startServer(port, dataDir);
  const browser = await launchChromium();
  try {
    await waitFor(`http://127.0.0.1:${port}/readyz`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    const w = widget(page);
    await w.launcher.click();
    const list = questions(Number(args.questions) + 1);
    const first: number[] = [];
    const done: number[] = [];
    for (const [i, question] of list.entries()) {
      await w.input.fill(question);
      await armTimer(page);
      await page.keyboard.press('Enter');
      await w.answers.nth(i).waitFor({ timeout: 60_000 });
      const t = await page.evaluate(() => (window as unknown as { __timing: { t0: number; first: number; done: number } }).__timing);
      // The first question warms the server and the page up.
      if (i === 0) continue;
      first.push(t.first - t.t0);
      done.push(t.done - t.t0);
    }
    const fmt = (v: number[], p: number) => percentile(v, p).toFixed(1);
    console.log(`widget.js: ${asset.code.length} bytes, ${asset.gzipBytes} bytes gzipped (${(asset.gzipBytes / 1024).toFixed(1)} KB; budget 15 KB)`);
    console.log(`Enter → first streamed answer text, over ${first.length} questions: p50 ${fmt(first, 50)} ms, p95 ${fmt(first, 95)} ms, max ${Math.max(...first).toFixed(1)} ms`);
    console.log(`Enter → finished answer (sources, feedback):     p50 ${fmt(done, 50)} ms, p95 ${fmt(done, 95)} ms, max ${Math.max(...done).toFixed(1)} ms`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
