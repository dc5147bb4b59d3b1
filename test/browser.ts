/**
 * @module
 * Real Chromium for the widget's browser tests and its benchmark: Debian's build at
 * /usr/bin/chromium driven by playwright-core (no browser is ever downloaded), and
 * shorthands for the widget's controls by their accessible names.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
