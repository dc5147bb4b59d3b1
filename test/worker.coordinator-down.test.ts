/**
 * @module
 * The Worker when its Coordinator (the Durable Object holding locks and rate limits) cannot
 * be reached: staff login fails closed (503, told why, no password checked, so none can be
 * guessed at full speed meanwhile), citizens' questions fail open (answered, the lapse logged).
 * The service runs in this process over the local D1 of workerd, with a namespace whose
 * every stub throws.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNREACHABLE_RETRY_SECONDS } from '../src/entry/worker/coordinator.ts';
import { DATE_QUESTION } from './helpers.ts';
import { ADMIN } from './platform-helpers.ts';
import { startWorker, type LocalWorker } from './worker/harness.ts';
import { serviceClient, serviceEnv, unreachableCoordinators } from './worker/service-env.ts';
import { StaffClient } from './workspace-helpers.ts';

let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
}, 180_000);
afterAll(async () => {
  await worker?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function logged(spy: { mock: { calls: unknown[][] } }): Array<{ level: string; message: string; limit?: string }> {
  return spy.mock.calls.map((call) => JSON.parse(String(call[0])) as { level: string; message: string; limit?: string });
}

describe('the Worker with its Coordinator unreachable', () => {
  it('refuses staff login with 503 and says why, even with the right password', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const coordinators = unreachableCoordinators();
    const client = serviceClient(await serviceEnv(worker, { COORDINATOR: coordinators, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' }));
    const staff = new StaffClient({ request: (path, init) => client.request(path, init) });
    const res = await staff.login(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(UNREACHABLE_RETRY_SECONDS));
    expect(await res.text()).toContain('không kiểm tra được số lần đăng nhập');
    expect(staff.hasSession()).toBe(false);
    expect(coordinators.calls).toBeGreaterThan(0);
    expect(logged(errors)).toContainEqual(expect.objectContaining({ level: 'error', message: 'the rate limit could not be checked; refusing the request', limit: 'login-address' }));
  }, 60_000);

  it('still answers citizens (their limit fails open), and logs that it could not check it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const coordinators = unreachableCoordinators();
    const client = serviceClient(await serviceEnv(worker, { COORDINATOR: coordinators, RATE_LIMIT_PER_MINUTE: '20', LOG_LEVEL: 'warn' }));
    const ask = (body: Record<string, unknown>) => client.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.7' }, body: JSON.stringify(body) });
    const first = await ask({ message: DATE_QUESTION });
    expect(first.status, await first.clone().text()).toBe(200);
    const { conversationId } = (await first.json()) as { conversationId: string };
    // A follow-up takes its conversation's lock in the Coordinator too: let through as well.
    const followUp = await ask({ message: 'còn mục tiêu đến năm 2030 thì sao', conversationId });
    expect(followUp.status, await followUp.clone().text()).toBe(200);
    expect(coordinators.calls).toBeGreaterThanOrEqual(3);
    const messages = logged(errors).map((l) => l.message);
    expect(messages).toContain('the rate limit could not be checked; letting the request through');
    expect(messages).toContain('the conversation lock could not be taken; answering without it');
  }, 60_000);
});
