/**
 * @module
 * The report and the statistics in real Chromium against the real server: citizens ask
 * (answered, declined, rated), an admin opens the half-year report, finds its three charts
 * by their accessible names (each with its description and its table behind a disclosure),
 * and axe-core finds no WCAG 2.2 AA violation there, on the statistics page and on the
 * citizens' data page, at a laptop's width and a phone's (no page-wide horizontal
 * scrolling at 320 px), with no CSP violation. The server purged at start (its log says so)
 * and stops cleanly on SIGTERM. A screenshot of the report is left in the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, newAxePage, staffLogin } from './browser.ts';
import { makeTempDir, removeDir } from './helpers.ts';
import { startReady, stopServer, type Server } from './server-process.ts';

const ADMIN = { username: 'quantri', password: 'mật khẩu quản trị đủ dài' };
const CHARTS = ['Số câu hỏi mỗi ngày theo kênh', /^Tỉ lệ câu hỏi được trả lời theo (ngày|tuần)$/, 'Chủ đề được hỏi nhiều nhất'] as const;
const QUESTIONS = ['Ngày Chuyển đổi số quốc gia là ngày nào?', 'Kế hoạch giao Sở Khoa học và Công nghệ những nhiệm vụ gì?', 'Bình dân học vụ số là gì?', 'Xã Mường Phăng khi nào có sóng 5G?', 'Giá vàng hôm nay bao nhiêu?'];

let root: string;
let server: Server | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const base = () => (server as Server).base;

beforeAll(async () => {
  browser = await launchChromium();
  root = makeTempDir('reports-browser');
  server = await startReady(join(root, 'data'), { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info', RETENTION_DAYS: '365' });
  for (const [i, message] of [...QUESTIONS, ...QUESTIONS.slice(0, 3)].entries()) {
    const res = await fetch(base() + '/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
    const body = (await res.json()) as { messageId: string };
    if (i % 2 === 0) await fetch(base() + '/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: body.messageId, rating: i % 4 === 0 ? 'up' : 'down' }) });
  }
});
afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  if (root) removeDir(root);
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

const newPage = (width = 1280) => newAxePage(browser as Browser, contexts, { width, height: 900 });

const login = (page: Page) => staffLogin(page, base(), ADMIN);

describe('the report in a browser', () => {
  it('shows three charts found by their accessible names, each with a description and its table, and no axe violation', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await login(page);
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.getByRole('heading', { name: 'Báo cáo kết quả hỏi đáp về Nghị quyết 57-NQ/TW' }).waitFor();
    for (const name of CHARTS) {
      const chart = page.getByRole('img', { name });
      expect(await chart.count(), String(name)).toBe(1);
      expect(await chart.getAttribute('aria-describedby')).toMatch(/-d$/);
      const description = await page.locator(`#${await chart.getAttribute('aria-describedby')}`).textContent();
      expect(description?.length, String(name)).toBeGreaterThan(20);
    }
    expect(await page.getByRole('img', { name: CHARTS[0] }).evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    // The numbers behind a chart are one click away, as a table.
    const table = page.getByRole('region', { name: `Bảng số liệu: ${CHARTS[0]}` });
    expect(await table.isVisible()).toBe(false);
    await page.getByText(`Bảng số liệu: ${CHARTS[0]}`).click();
    expect(await table.isVisible()).toBe(true);
    expect(await table.getByRole('row').count()).toBeGreaterThan(100);
    const found = [await axeViolations(page, 'report')];
    await page.screenshot({ path: join(tmpdir(), 'nq57-report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Khu vực cán bộ' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(tmpdir(), 'nq57-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await page.getByRole('heading', { name: 'Thống kê', level: 1 }).waitFor();
    for (const name of CHARTS) expect(await page.getByRole('img', { name }).count()).toBe(1);
    found.push(await axeViolations(page, 'stats'));
    await page.getByLabel('Kênh', { exact: true }).selectOption('web');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByText('Trang web, từ').waitFor();
    found.push(await axeViolations(page, 'stats (web)'));

    await page.getByRole('link', { name: 'Dữ liệu người dân' }).click();
    await page.getByRole('heading', { name: 'Dữ liệu người dân' }).waitFor();
    expect(await page.getByText('Lần xoá gần nhất').count()).toBe(1);
    found.push(await axeViolations(page, 'citizens'));
    expect(found.filter(Boolean).join('\n\n')).toBe('');
    expect(problems).toEqual([]);
  });

  it('fits a phone: no axe violations and no page-wide horizontal scrolling at 320 px', async () => {
    const phone = await newPage(320);
    await login(phone);
    const found: string[] = [];
    for (const path of ['/admin/report', '/admin/stats', '/admin/citizens']) {
      await phone.goto(base() + path);
      found.push(await axeViolations(phone, `${path} at 320 px`));
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    expect(found.filter(Boolean).join('\n\n')).toBe('');
  });

  it('purged at start, and stops cleanly on SIGTERM', async () => {
    const log = (server as Server).output.join('');
    expect(log).toMatch(/"message":"retention purge"[^\n]*"retentionDays":365/);
    expect(await stopServer(server as Server)).toBe(0);
  });
});
