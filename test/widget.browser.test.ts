/**
 * @module
 * The embeddable widget in real Chromium against the real server on loopback: asking on
 * the demo page (streamed answer with sources, the page's document as context), feedback
 * stored, the whole path by keyboard, inert server and user text, recovery from 503, 429
 * and network failures with one request per question, a cross-origin page under a strict
 * CSP with Trusted Types, text shown while it streams, axe-core in four states, reflow at
 * 320 px, persistence across a reload, the conversation id under "Thông tin & quyền riêng
 * tư", read aloud, and the phone screenshot of the README.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, axeSource, axeViolations, focusedInWidget, launchChromium, openPage, openWidget, pngSize, recordChatRequests, sseBody, widget, WIDGET_TAG } from './browser.ts';
import { makeTempDir, queryDatabase, removeDir, ROOT } from './helpers.ts';
import { freePort, startReady, stopServer, type Server } from './server-process.ts';

const DATE_QUESTION = 'Ngày chuyển đổi số quốc gia là ngày nào?';
const SIGNER_QUESTION = 'kế hoạch này do ai ký?';

let root: string;
let server: Server | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  // Chromium first: without it the whole file fails at once, saying what to install.
  browser = await launchChromium();
  root = makeTempDir('widget');
  // One browser asks dozens of questions from 127.0.0.1 here: no per-client limit (429 is tested with routes).
  server = await startReady(join(root, 'data'), { RATE_LIMIT_PER_MINUTE: '0' });
});

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  if (root) removeDir(root);
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const base = () => {
  if (!server) throw new Error('server not started');
  return server.base;
};

async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  if (!browser) throw new Error('browser not started');
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  return context.newPage();
}

describe('the widget on the demo page', () => {
  it('streams an answer to a question, with its sources in a disclosure', async () => {
    const page = await newPage();
    const w = await openWidget(page, base() + '/');
    expect(await w.dialog.getAttribute('aria-label')).toBe('Hỏi đáp NQ57');
    const answer = await ask(page, DATE_QUESTION);
    expect(await answer.locator('[lang="vi"]').first().textContent()).toContain('10/10');
    const summary = answer.locator('summary');
    expect(await summary.textContent()).toMatch(/^Nguồn \(\d\)$/);
    const titles = answer.locator('details li');
    expect(await titles.first().isVisible()).toBe(false);
    await summary.click();
    expect(await titles.count()).toBeGreaterThanOrEqual(1);
    expect(await titles.first().isVisible()).toBe(true);
    expect(await titles.first().textContent()).toContain('Ngày Chuyển đổi số quốc gia');
  });

  it('sends the page document as context, so "kế hoạch này" is the plan on the page', async () => {
    const page = await newPage();
    const bodies = recordChatRequests(page);
    await openWidget(page, base() + '/');
    const answer = await ask(page, SIGNER_QUESTION);
    expect(await answer.textContent()).toContain('Vừ A Bằng');
    expect(bodies[0]).toMatchObject({ message: SIGNER_QUESTION, context: { documentId: 'ke-hoach-dien-bien-1169' } });
  });

  it('stores a thumbs down with its comment', async () => {
    const page = await newPage();
    const w = await openWidget(page, base() + '/');
    const answer = await ask(page, DATE_QUESTION);
    const messageId = await answer.getAttribute('data-message-id');
    await w.down.click();
    expect(await w.down.getAttribute('aria-pressed')).toBe('true');
    expect(await w.up.getAttribute('aria-pressed')).toBe('false');
    const comment = 'Câu trả lời nên nói rõ cơ quan phụ trách.';
    await page.getByRole('textbox', { name: 'Góp ý thêm (không bắt buộc)' }).fill(comment);
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByText('Cảm ơn bạn đã góp ý.').waitFor();
    const rows = queryDatabase<{ message_id: string; rating: string; comment: string }>(join(root, 'data', 'hoidap.sqlite'), 'SELECT message_id, rating, comment FROM feedback WHERE message_id = ?', messageId);
    expect(rows).toEqual([{ message_id: messageId, rating: 'down', comment }]);
  });

  it('can be used with the keyboard alone, and Esc gives focus back to the launcher', async () => {
    const page = await newPage();
    await openPage(page, base() + '/');
    for (let i = 0; i < 20 && (await focusedInWidget(page)) !== 'Mở trợ lý hỏi đáp'; i++) await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('Mở trợ lý hỏi đáp');
    // The focus indicator is visible (SC 2.4.7).
    const ring = await page.evaluate((tag) => {
      const el = document.querySelector(tag)?.shadowRoot?.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    }, WIDGET_TAG);
    expect(ring).toBe('solid 3px');
    await page.keyboard.press('Enter');
    expect(await focusedInWidget(page)).toBe('Câu hỏi của bạn');
    await page.keyboard.type(DATE_QUESTION);
    await page.keyboard.press('Enter');
    const w = widget(page);
    await w.answers.first().waitFor();
    const visited: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Shift+Tab');
      const name = (await focusedInWidget(page)) ?? '(outside)';
      visited.push(name);
      if (name === 'Chưa hữu ích' || name === 'Hữu ích') break;
    }
    const target = visited[visited.length - 1] as string;
    expect(['Hữu ích', 'Chưa hữu ích'], visited.join(' → ')).toContain(target);
    await page.keyboard.press('Space');
    const pressed = target === 'Hữu ích' ? w.up : w.down;
    await page.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'true', await pressed.elementHandle());
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('Mở trợ lý hỏi đáp');
  });
});

describe('untrusted text', () => {
  it('shows markup from the server and from the user as text, and never links javascript:', async () => {
    const page = await newPage();
    const payload = '<img src=x onerror="window.__xss=1">';
    const sources = [{ documentId: 'x', title: `Văn bản ${payload}`, section: `Mục ${payload}`, url: 'javascript:alert(1)', text: payload }];
    const done = { conversationId: 'c-xss', messageId: 'm-xss', outcome: 'answered', method: 'extractive', answer: `Trả lời ${payload}`, sources, suggestions: [`Gợi ý ${payload}`], latencyMs: 1 };
    await page.route('**/api/chat', (route) =>
      route.fulfill({ status: 200, contentType: 'text/event-stream; charset=utf-8', body: sseBody([['sources', sources], ['delta', { text: done.answer }], ['done', done]]) }),
    );
    await openWidget(page, base() + '/');
    const question = 'Thử <img src=x onerror="window.__xss=2">';
    const answer = await ask(page, question);
    await answer.locator('summary').click();
    const w = widget(page);
    expect(await w.questions.first().textContent()).toContain(question);
    expect(await answer.textContent()).toContain(`Trả lời ${payload}`);
    expect(await answer.locator('details li').first().textContent()).toContain(`Văn bản ${payload}`);
    expect(await page.getByRole('button', { name: `Gợi ý ${payload}` }).isVisible()).toBe(true);
    const found = await page.evaluate((tag) => {
      const shadow = document.querySelector(tag)?.shadowRoot;
      return {
        xss: (window as unknown as { __xss?: number }).__xss,
        images: (shadow?.querySelectorAll('img').length ?? -1) + document.querySelectorAll('img').length,
        hrefs: Array.from(shadow?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('href')),
      };
    }, WIDGET_TAG);
    expect(found).toEqual({ xss: undefined, images: 0, hrefs: [] });
  });
});

describe('resilience', () => {
  type Step = 503 | 429 | 'abort' | 'hold';
  /** Answers /api/chat by plan, then falls through to the real server. */
  function scriptRoutes(page: Page, plan: Step[]) {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    void page.route('**/api/chat', async (route) => {
      const step = plan.shift();
      if (step === 503 || step === 429) {
        const error = step === 503 ? { code: 'not_ready', message: 'Hệ thống đang khởi động.' } : { code: 'rate_limited', message: 'Bạn gửi quá nhiều yêu cầu.' };
        return route.fulfill({ status: step, contentType: 'application/json', headers: { 'Retry-After': '1' }, body: JSON.stringify({ error }) });
      }
      if (step === 'abort') return route.abort('internetdisconnected');
      if (step === 'hold') await held;
      return route.continue();
    });
    return { release };
  }

  /** Records each error box as it is inserted: its text and whether its retry button started disabled. */
  async function watchErrors(page: Page) {
    await page.evaluate((tag) => {
      const shadow = document.querySelector(tag)?.shadowRoot as ShadowRoot;
      const seen: Array<{ text: string; retryDisabled: string | null }> = [];
      (window as unknown as { __errors: typeof seen }).__errors = seen;
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of Array.from(r.addedNodes))
            if (node instanceof HTMLElement && node.classList.contains('e')) seen.push({ text: node.querySelector('p')?.textContent ?? '', retryDisabled: node.querySelector('button')?.getAttribute('aria-disabled') ?? null });
      }).observe(shadow, { childList: true, subtree: true });
    }, WIDGET_TAG);
    return () => page.evaluate(() => (window as unknown as { __errors: Array<{ text: string; retryDisabled: string | null }> }).__errors);
  }

  it('recovers from 503, then 429, each with a Vietnamese message and a retry that waits for Retry-After', async () => {
    const page = await newPage();
    const bodies = recordChatRequests(page);
    scriptRoutes(page, [503, 429]);
    const w = await openWidget(page, base() + '/');
    const errors = await watchErrors(page);
    await w.input.fill(DATE_QUESTION);
    await w.input.press('Enter');
    await w.errors.filter({ hasText: 'Hệ thống đang bận hoặc đang khởi động' }).waitFor();
    await w.retry.click();
    await w.errors.filter({ hasText: 'Bạn hỏi hơi nhanh. Vui lòng thử lại sau 1 giây.' }).waitFor();
    await w.retry.click();
    const answer = w.answers.first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('10/10');
    expect(await errors()).toEqual([
      { text: 'Hệ thống đang bận hoặc đang khởi động. Vui lòng thử lại sau 1 giây.', retryDisabled: 'true' },
      { text: 'Bạn hỏi hơi nhanh. Vui lòng thử lại sau 1 giây.', retryDisabled: 'true' },
    ]);
    expect(await w.errors.count()).toBe(0);
    // The retries re-sent the same question without a second bubble.
    expect(await w.questions.count()).toBe(1);
    expect(bodies.map((b) => b.message)).toEqual([DATE_QUESTION, DATE_QUESTION, DATE_QUESTION]);
  });

  it('recovers from a network failure with a retry', async () => {
    const page = await newPage();
    scriptRoutes(page, ['abort']);
    const w = await openWidget(page, base() + '/');
    await w.input.fill(DATE_QUESTION);
    await w.input.press('Enter');
    await w.errors.filter({ hasText: 'Không kết nối được tới máy chủ' }).waitFor();
    await w.retry.click();
    expect(await w.answers.first().textContent()).toContain('10/10');
    expect(await w.questions.count()).toBe(1);
  });

  it('sends one request per question: double click, a held Enter, and anything while one is pending', async () => {
    const page = await newPage();
    const bodies = recordChatRequests(page);
    const { release } = scriptRoutes(page, ['hold']);
    const w = await openWidget(page, base() + '/');
    await w.input.fill(DATE_QUESTION);
    await w.send.dblclick();
    await w.status.filter({ hasText: 'Đang trả lời…' }).waitFor();
    expect(await w.send.getAttribute('aria-disabled')).toBe('true');
    // While the first is pending, another question cannot be sent by any means.
    await w.input.fill(SIGNER_QUESTION);
    await w.input.press('Enter');
    await w.send.dispatchEvent('click');
    // No text yet after a few seconds: the status says the connection is slow.
    await w.status.filter({ hasText: 'Kết nối chậm' }).waitFor();
    release();
    await w.answers.first().waitFor();
    expect(await w.input.inputValue()).toBe(SIGNER_QUESTION);
    expect(bodies.length).toBe(1);
    // Enter held down: one keydown, then auto-repeats.
    await w.input.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await w.answers.nth(1).waitFor();
    expect(bodies.map((b) => b.message)).toEqual([DATE_QUESTION, SIGNER_QUESTION]);
    expect(await w.questions.count()).toBe(2);
  });
});

/** An agency portal on another origin (another loopback port) embedding the widget with `attributes`. */
async function servePortal(attributes: string, csp: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head><body><h1>Cổng thông tin điện tử tỉnh Điện Biên</h1>
<script src="${base()}/widget.js" async ${attributes}></script></body></html>`;
  const portal: HttpServer = createServer((req, res) => {
    if (req.url !== '/') return res.writeHead(204).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp }).end(html);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => portal.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => portal.close(() => resolve())) };
}

describe('on an agency portal of another origin', () => {
  const strictCsp = () => `default-src 'none'; script-src ${base()}; connect-src ${base()}; require-trusted-types-for 'script'`;

  it('works under default-src none with only the widget host allowed and Trusted Types required', async () => {
    const api = new URL(base());
    const portal = await servePortal('data-document="ke-hoach-dien-bien-1169" data-color="#ffcc00"', strictCsp());
    try {
      const page = await newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          ((window as unknown as { __violations?: string[] }).__violations ??= []).push(`${e.effectiveDirective} blocked ${e.blockedURI}`);
        });
      });
      expect(portal.origin).not.toBe(api.origin);
      const w = await openWidget(page, portal.origin + '/');
      const bodies = recordChatRequests(page);
      const answer = await ask(page, SIGNER_QUESTION);
      expect(await answer.textContent()).toContain('Vừ A Bằng');
      expect(bodies[0]).toMatchObject({ context: { documentId: 'ke-hoach-dien-bien-1169' } });
      await w.up.click();
      await page.getByText('Cảm ơn bạn đã góp ý.').waitFor();
      // A light brand colour was darkened until white text on it is readable.
      const background = await w.send.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).not.toBe('rgb(255, 204, 0)');
      expect(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await portal.close();
    }
  });

  it('takes its title, language, side and API from data-* attributes; answers stay in Vietnamese', async () => {
    const portal = await servePortal(`data-lang="en" data-position="bottom-left" data-title="Điện Biên Q&A" data-api="${base()}/"`, strictCsp());
    try {
      const page = await newPage();
      await page.goto(portal.origin + '/');
      const launcher = page.getByRole('button', { name: 'Open the Q&A assistant' });
      await launcher.click();
      const dialog = page.getByRole('dialog', { name: 'Điện Biên Q&A' });
      await dialog.waitFor();
      const box = await dialog.boundingBox();
      expect(box?.x).toBeLessThan(100);
      expect(await page.locator(WIDGET_TAG).getAttribute('lang')).toBe('en');
      await page.getByRole('textbox', { name: 'Your question' }).fill(DATE_QUESTION);
      await page.getByRole('button', { name: 'Send question' }).click();
      const answer = widget(page).answers.first();
      await answer.waitFor();
      expect(await answer.locator('[lang="vi"]').first().textContent()).toContain('10/10');
      expect(await answer.locator('summary').textContent()).toMatch(/^Sources \(\d\)$/);
      expect(await page.getByRole('button', { name: 'Helpful', exact: true }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Privacy & your data' }).click();
      const privacy = page.getByRole('region', { name: 'Privacy & your data' });
      expect(await privacy.getByText('Conversation ID', { exact: true }).isVisible()).toBe(true);
      expect(await privacy.getByRole('button', { name: 'Copy ID' }).isVisible()).toBe(true);
    } finally {
      await portal.close();
    }
  });
});

/**
 * An API on another loopback port whose /api/chat streams `pieces` one `delta` at a time, each
 * only when the test calls `next()` (and `done` on the call after the last): the test controls
 * what the widget has received when it looks.
 */
async function serveSteppedApi(pieces: string[]) {
  const steps: Array<() => void> = [];
  const gates = pieces.concat('done').map(() => new Promise<void>((resolve) => steps.push(resolve)));
  let released = 0;
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const api: HttpServer = createServer((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type, accept' }).end();
    if (req.method !== 'POST' || req.url !== '/api/chat') return res.writeHead(404, cors).end();
    req.resume();
    void (async () => {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.write(sseBody([['sources', []]]));
      for (const [i, text] of pieces.entries()) {
        await gates[i];
        res.write(sseBody([['delta', { text }]]));
      }
      await gates[pieces.length];
      const answer = pieces.join('');
      res.end(sseBody([['done', { conversationId: 'c-stream', messageId: 'm-stream', outcome: 'answered', method: 'extractive', answer, sources: [], suggestions: [], latencyMs: 1 }]]));
    })();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => api.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    next: () => steps[released++]?.(),
    close: () => {
      for (const step of steps) step();
      api.closeAllConnections();
      return new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}

describe('streaming', () => {
  it('shows each piece of the answer as it arrives, before the server has sent done', async () => {
    const pieces = ['Ngày 10 tháng 10 hằng năm ', 'là Ngày Chuyển đổi số quốc gia. ', 'Ngày này do Thủ tướng Chính phủ quyết định.'];
    const api = await serveSteppedApi(pieces);
    const portal = await servePortal(`data-api="${api.origin}"`, `default-src 'none'; script-src ${base()}; connect-src ${api.origin}; require-trusted-types-for 'script'`);
    try {
      const page = await newPage();
      const w = await openWidget(page, portal.origin + '/');
      // Records, at every change, the answer bubble's text and whether it carries the final message id yet.
      await page.evaluate((tag) => {
        const shadow = document.querySelector(tag)?.shadowRoot as ShadowRoot;
        const seen: Array<{ text: string; id: string | null; hidden: string | null }> = [];
        (window as unknown as { __stream: typeof seen }).__stream = seen;
        new MutationObserver(() => {
          const bubbles = shadow.querySelectorAll('.b[aria-hidden], .b[data-message-id]');
          const bubble = bubbles[bubbles.length - 1];
          if (!bubble) return;
          const entry = { text: bubble.querySelector('.x')?.textContent ?? '', id: bubble.getAttribute('data-message-id'), hidden: bubble.getAttribute('aria-hidden') };
          const last = seen[seen.length - 1];
          if (!last || last.text !== entry.text || last.id !== entry.id) seen.push(entry);
        }).observe(shadow, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-message-id'] });
      }, WIDGET_TAG);
      const streamed = () => page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.b[aria-hidden="true"] .x')?.textContent ?? null, WIDGET_TAG);
      await w.input.fill(DATE_QUESTION);
      await w.input.press('Enter');
      for (let i = 1; i <= pieces.length; i++) {
        api.next();
        const expected = pieces.slice(0, i).join('');
        await page
          .waitForFunction(([tag, text]) => document.querySelector(tag as string)?.shadowRoot?.querySelector('.b[aria-hidden="true"] .x')?.textContent === text, [WIDGET_TAG, expected], { timeout: 10_000 })
          .catch(async () => {
            throw new Error(`after ${i} of ${pieces.length} pieces (done held back) the widget shows ${JSON.stringify(await streamed())}, not ${JSON.stringify(expected)}`);
          });
        // The server holds `done` back: nothing is finished, yet the text so far is on screen.
        expect(await w.answers.count()).toBe(0);
        expect(await streamed()).toBe(expected);
      }
      api.next();
      const answer = w.answers.first();
      await answer.waitFor();
      expect(await answer.getAttribute('data-message-id')).toBe('m-stream');
      expect(await answer.getAttribute('aria-hidden')).toBeNull();
      const seen = await page.evaluate(() => (window as unknown as { __stream: Array<{ text: string; id: string | null; hidden: string | null }> }).__stream);
      const final = seen.findIndex((e) => e.id === 'm-stream');
      expect(final, JSON.stringify(seen)).toBeGreaterThan(0);
      // Before the message id was set, the bubble grew piece by piece, hidden from screen readers until finished.
      expect(seen.slice(0, final)).toEqual(pieces.map((_, i) => ({ text: pieces.slice(0, i + 1).join(''), id: null, hidden: 'true' })));
      expect(seen[final]?.text).toBe(pieces.join(''));
    } finally {
      await portal.close();
      await api.close();
    }
  });
});

describe('accessibility', () => {
  it('has no axe-core WCAG 2.2 AA violations closed, open, answered and in error', async () => {
    const page = await newPage();
    // An init script is not subject to the demo page's CSP, which stays in force.
    await page.addInitScript({ content: axeSource() });
    const w = await openPage(page, base() + '/');
    const found = [await axeViolations(page, 'closed')];
    await w.launcher.click();
    await w.input.waitFor();
    found.push(await axeViolations(page, 'open'));
    const answer = await ask(page, DATE_QUESTION);
    await answer.locator('summary').click();
    await w.down.click();
    await page.getByRole('textbox', { name: 'Góp ý thêm (không bắt buộc)' }).waitFor();
    await page.getByRole('button', { name: 'Thông tin & quyền riêng tư' }).click();
    await page.getByRole('button', { name: 'Sao chép mã' }).waitFor();
    found.push(await axeViolations(page, 'answered, privacy open'));
    await page.route('**/api/chat', (route) => route.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '30' }, body: '{"error":{"code":"not_ready","message":"x"}}' }));
    await w.input.fill(SIGNER_QUESTION);
    await w.input.press('Enter');
    await w.errors.first().waitFor();
    found.push(await axeViolations(page, 'error (503)'));
    expect(found.filter(Boolean).join('\n\n')).toBe('');
  });

  it('animates the waiting indicator only when reduced motion is not asked for', async () => {
    const animation = async (reducedMotion: 'reduce' | 'no-preference') => {
      const page = await newPage({ reducedMotion });
      await page.route('**/api/chat', () => undefined);
      const w = await openWidget(page, base() + '/');
      await w.input.fill(DATE_QUESTION);
      await w.input.press('Enter');
      await w.status.filter({ hasText: 'Đang trả lời…' }).waitFor();
      const name = await w.status.evaluate((el) => getComputedStyle(el, '::before').animationName);
      await context?.close();
      return name;
    };
    expect(await animation('no-preference')).toBe('nq57-pulse');
    expect(await animation('reduce')).toBe('none');
  });

  it('reflows at 320 px: the open panel fills the screen without horizontal scrolling', async () => {
    const page = await newPage({ viewport: { width: 320, height: 640 } });
    const w = await openWidget(page, base() + '/');
    await ask(page, SIGNER_QUESTION);
    await w.answers.first().locator('summary').click();
    await page.getByRole('button', { name: 'Thông tin & quyền riêng tư' }).click();
    await page.getByRole('button', { name: 'Sao chép mã' }).waitFor();
    const box = await w.dialog.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(320);
    expect(box?.height).toBe(640);
    const widths = await page.evaluate((tag) => {
      const log = document.querySelector(tag)?.shadowRoot?.querySelector('[role="log"]') as HTMLElement;
      const privacy = document.querySelector(tag)?.shadowRoot?.querySelector('[role="region"]') as HTMLElement;
      return { page: document.documentElement.scrollWidth, log: log.scrollWidth - log.clientWidth, privacy: privacy.scrollWidth - privacy.clientWidth };
    }, WIDGET_TAG);
    expect(widths).toEqual({ page: expect.any(Number), log: 0, privacy: 0 });
    expect(widths.page).toBeLessThanOrEqual(320);
  });
});

describe('persistence', () => {
  it('shows the conversation again after a reload and continues it', async () => {
    const page = await newPage();
    const bodies = recordChatRequests(page);
    await openWidget(page, base() + '/');
    const responded = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    const first = await ask(page, DATE_QUESTION);
    const conversationId = /"conversationId":"([^"]+)"/.exec(await (await responded).text())?.[1];
    expect(conversationId).toBeTruthy();
    const answerText = await first.textContent();
    await page.reload();
    const w = widget(page);
    await w.dialog.waitFor();
    expect(await w.questions.first().textContent()).toContain(DATE_QUESTION);
    expect(await w.answers.first().textContent()).toBe(answerText);
    await ask(page, SIGNER_QUESTION, 2);
    expect(bodies.map((b) => b.conversationId)).toEqual([undefined, conversationId]);
  });
});

describe('the conversation', () => {
  it('starts afresh with "Cuộc trò chuyện mới": no messages, the first suggestions again, a new conversation', async () => {
    const page = await newPage();
    const bodies = recordChatRequests(page);
    const w = await openWidget(page, base() + '/');
    const starters = page.getByRole('group', { name: 'Gợi ý câu hỏi' }).getByRole('button');
    const firstSuggestions = await starters.allTextContents();
    expect(firstSuggestions.length).toBe(3);
    await starters.nth(1).click();
    await w.answers.first().waitFor();
    expect(await w.questions.first().textContent()).toContain(firstSuggestions[1]);
    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    expect(await w.answers.count()).toBe(0);
    expect(await w.questions.count()).toBe(0);
    expect(await starters.allTextContents()).toEqual(firstSuggestions);
    await ask(page, DATE_QUESTION);
    expect(bodies.map((b) => b.conversationId)).toEqual([undefined, undefined]);
  });

  it('labels answers that are not ordinary: not in the documents, out of scope, refused, from staff', async () => {
    const page = await newPage();
    const replies = [
      { outcome: 'no_answer', method: 'none', answer: 'Tài liệu chưa nói đến. Vui lòng hỏi Sở Khoa học và Công nghệ tỉnh Điện Biên.' },
      { outcome: 'out_of_scope', method: 'none', answer: 'Tôi chỉ giải đáp về Nghị quyết 57-NQ/TW.' },
      { outcome: 'refused', method: 'none', answer: 'Tôi không thể trả lời yêu cầu này.' },
      { outcome: 'answered', method: 'staff', answer: 'Cán bộ Sở trả lời: ngày 10/10.' },
    ];
    let n = 0;
    await page.route('**/api/chat', (route) => {
      const reply = { conversationId: 'c', messageId: `m${n}`, sources: [], suggestions: [], latencyMs: 1, ...replies[n++] };
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: sseBody([['sources', []], ['delta', { text: reply.answer }], ['done', reply]]) });
    });
    await openWidget(page, base() + '/');
    const labels: string[] = [];
    for (let i = 1; i <= replies.length; i++) {
      const answer = await ask(page, `Câu hỏi ${i}`, i);
      labels.push((await answer.locator('.o').textContent()) ?? '');
      expect(await answer.textContent()).toContain(replies[i - 1]?.answer);
      expect(await answer.locator('summary').count()).toBe(0);
    }
    expect(labels).toEqual(['Chưa có trong tài liệu', 'Ngoài phạm vi', 'Không thể trả lời', 'Cán bộ trả lời']);
  });
});

describe('privacy', () => {
  const PRIVACY = 'Thông tin & quyền riêng tư';

  it('shows the conversation id with a copy button, what is kept, and whom to ask; a new conversation has none yet', async () => {
    const page = await newPage();
    await context?.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    const w = await openWidget(page, base() + '/');
    const toggle = page.getByRole('button', { name: PRIVACY });
    const region = page.getByRole('region', { name: PRIVACY });
    const copy = page.getByRole('button', { name: 'Sao chép mã' });
    const idText = page.locator(`${WIDGET_TAG} .id`);
    // What is rendered (innerText leaves out what is hidden), line by line.
    const lines = async () => (await region.innerText()).split('\n').filter((line) => line.trim());
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.getAttribute('aria-controls')).toBe('nq57-i');
    expect(await region.count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await region.waitFor();
    expect((await lines()).slice(0, 2)).toEqual(['Mã cuộc trò chuyện', 'Chưa có: mã được cấp cùng câu trả lời đầu tiên.']);
    expect(await copy.count()).toBe(0);

    const responded = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await ask(page, DATE_QUESTION);
    const conversationId = /"conversationId":"([^"]+)"/.exec(await (await responded).text())?.[1] ?? '';
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idText.textContent()).toBe(conversationId);
    const text = (await lines()).join('\n');
    expect((await lines()).slice(0, 3)).toEqual(['Mã cuộc trò chuyện', conversationId, 'Sao chép mã']);
    expect(text).not.toContain('Chưa có');
    expect(text).toContain('trong thời hạn cơ quan quy định, sau đó tự động xoá');
    expect(text).toContain('gửi mã này cho cơ quan cung cấp dịch vụ hỏi đáp');
    await copy.click();
    await region.getByText('Đã sao chép mã.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(conversationId);

    // After a reload the same conversation shows the same id; the disclosure starts closed.
    await page.reload();
    await w.dialog.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await idText.textContent()).toBe(conversationId);

    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    expect((await lines()).slice(0, 2)).toEqual(['Mã cuộc trò chuyện', 'Chưa có: mã được cấp cùng câu trả lời đầu tiên.']);
    expect(await copy.count()).toBe(0);
    expect(await idText.isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await region.count()).toBe(0);
  });

  it('selects the id for copying by hand where the Clipboard API is missing', async () => {
    const page = await newPage();
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }));
    const done = { conversationId: 'c-0123456789abcdef', messageId: 'm-privacy', outcome: 'answered', method: 'extractive', answer: 'Ngày 10/10.', sources: [], suggestions: [], latencyMs: 1 };
    await page.route('**/api/chat', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: sseBody([['sources', []], ['delta', { text: done.answer }], ['done', done]]) }));
    await openWidget(page, base() + '/');
    await ask(page, DATE_QUESTION);
    expect(await page.evaluate(() => navigator.clipboard)).toBeUndefined();
    await page.getByRole('button', { name: PRIVACY }).click();
    await page.getByRole('button', { name: 'Sao chép mã' }).click();
    await page.getByText('Đã chọn mã: nhấn Ctrl+C (hoặc Sao chép) để sao chép.').waitFor();
    const selected = await page.evaluate((tag) => {
      const selection = getSelection();
      const range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
      const code = document.querySelector(tag)?.shadowRoot?.querySelector('.id');
      return { text: range ? range.toString() : null, inCode: !!range && !!code && code.contains(range.commonAncestorContainer) };
    }, WIDGET_TAG);
    expect(selected).toEqual({ text: 'c-0123456789abcdef', inCode: true });
  });
});

describe('read aloud', () => {
  async function stubSpeech(page: Page, lang: string) {
    await page.addInitScript((voiceLang) => {
      const spoken: Array<{ text: string; lang: string; voice: string | null }> = [];
      const w = window as unknown as Record<string, unknown>;
      w.__spoken = spoken;
      w.__cancelled = 0;
      w.SpeechSynthesisUtterance = class {
        text: string;
        lang = '';
        voice: { lang: string } | null = null;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(text: string) {
          this.text = text;
        }
      };
      speechSynthesis.getVoices = () => [{ lang: voiceLang, name: `Giọng ${voiceLang}`, default: true, localService: true, voiceURI: voiceLang } as SpeechSynthesisVoice];
      speechSynthesis.speak = (u) => void spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null });
      speechSynthesis.cancel = () => void (w.__cancelled = (w.__cancelled as number) + 1);
    }, lang);
  }

  it('reads an answer with a Vietnamese voice, and stops when pressed again', async () => {
    const page = await newPage();
    await stubSpeech(page, 'vi-VN');
    await openWidget(page, base() + '/');
    await ask(page, DATE_QUESTION);
    const w = widget(page);
    expect(await w.speak.textContent()).toBe('Đọc to');
    await w.speak.click();
    expect(await w.speak.getAttribute('aria-pressed')).toBe('true');
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string; voice: string }> }).__spoken);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]?.text).toContain('10/10');
    expect(spoken[0]?.lang).toMatch(/^vi/);
    expect(spoken[0]?.voice).toBe('vi-VN');
    await w.speak.click();
    expect(await w.speak.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => (window as unknown as { __cancelled: number }).__cancelled)).toBeGreaterThan(0);
  });

  it('offers no read aloud without a Vietnamese voice', async () => {
    const page = await newPage();
    await stubSpeech(page, 'en-US');
    const w = await openWidget(page, base() + '/');
    await ask(page, DATE_QUESTION);
    expect(await w.up.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Đọc to/ }).count()).toBe(0);
  });
});

describe('the README screenshot', () => {
  it('shows the widget open with an answer and its sources on a phone', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const w = await openWidget(page, base() + '/');
    const answer = await ask(page, DATE_QUESTION);
    await answer.locator('summary').click();
    await w.questions.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    expect(pngSize(png)).toEqual({ width: 390, height: 844 });
    if (process.env.WRITE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(join(ROOT, 'docs', 'widget-phone.png'), png);
    }
  });
});
