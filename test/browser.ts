/**
 * @module
 * Real Chromium for the widget's browser tests and its benchmark: Debian's build at
 * /usr/bin/chromium driven by playwright-core (no browser is ever downloaded),
 * shorthands for the widget's controls by their accessible names, axe-core's WCAG 2.2 AA
 * check, and the staff login form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const WIDGET_TAG = 'nq57-hoi-dap';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (the widget's browser tests never download a browser).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The widget's controls, found as a screen reader finds them (Playwright pierces open shadow roots). */
export function widget(page: Page) {
  return {
    launcher: page.getByRole('button', { name: 'Mở trợ lý hỏi đáp' }),
    dialog: page.getByRole('dialog', { name: 'Hỏi đáp NQ57' }),
    log: page.getByRole('log'),
    status: page.getByRole('status'),
    input: page.getByRole('textbox', { name: 'Câu hỏi của bạn' }),
    send: page.getByRole('button', { name: 'Gửi câu hỏi' }),
    close: page.getByRole('button', { name: 'Đóng' }),
    retry: page.getByRole('button', { name: 'Thử lại' }),
    up: page.getByRole('button', { name: 'Hữu ích', exact: true }),
    down: page.getByRole('button', { name: 'Chưa hữu ích' }),
    speak: page.getByRole('button', { name: 'Đọc to câu trả lời' }),
    /** Finished answers (bubbles carrying the server's messageId). */
    answers: page.locator(`${WIDGET_TAG} [data-message-id]`),
    questions: page.locator(`${WIDGET_TAG} .u`),
    errors: page.locator(`${WIDGET_TAG} .e`),
  };
}

/** Opens the page and waits for the (async) widget script to have mounted. */
export async function openPage(page: Page, url: string): Promise<ReturnType<typeof widget>> {
  await page.goto(url);
  const w = widget(page);
  await w.launcher.or(w.dialog).first().waitFor();
  return w;
}

export async function openWidget(page: Page, url: string): Promise<ReturnType<typeof widget>> {
  const w = await openPage(page, url);
  if (!(await w.dialog.isVisible())) await w.launcher.click();
  await w.input.waitFor();
  return w;
}

/** Types a question, presses Enter and waits for the `count`-th finished answer. */
export async function ask(page: Page, question: string, count = 1): Promise<Locator> {
  const w = widget(page);
  await w.input.fill(question);
  await w.input.press('Enter');
  const answer = w.answers.nth(count - 1);
  await answer.waitFor();
  return answer;
}

/** The accessible name (or text) of the element focused inside the widget, or null outside it. */
export function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate((tag) => {
    const host = document.querySelector(tag);
    if (!host || document.activeElement !== host) return null;
    const el = host.shadowRoot?.activeElement;
    return el ? el.getAttribute('aria-label') || (el.textContent || '').trim() || el.tagName : null;
  }, WIDGET_TAG);
}

/** Bodies of every POST /api/chat the page sends, as they are sent. */
export function recordChatRequests(page: Page): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat') bodies.push(request.postDataJSON() as Record<string, unknown>);
  });
  return bodies;
}

/** A Server-Sent Events body as the server writes it. */
export function sseBody(events: Array<[string, unknown]>): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let axe: string | undefined;

/** axe-core's script, for `page.addInitScript` (an init script is not subject to the page's CSP). */
export function axeSource(): string {
  return (axe ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
}

/** A page in a context of its own (added to `contexts`, for closing after the test) with axe-core on every document. */
export async function newAxePage(browser: Browser, contexts: BrowserContext[], viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.addInitScript({ content: axeSource() });
  return page;
}

/** axe-core's WCAG 2.2 AA violations on the page (axe-core loaded), as readable text ('' when none). */
export async function axeViolations(page: Page, state: string): Promise<string> {
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary: string }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary}`).join('\n')}`);
  });
  return result.length ? `${state}:\n${result.join('\n')}` : '';
}

/** Logs in on the staff login form of the server at `base` and waits for the dashboard. */
export async function staffLogin(page: Page, base: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(base + '/admin/login');
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
}
