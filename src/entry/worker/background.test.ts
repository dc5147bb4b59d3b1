import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { createWaitUntilBackground } from './background.ts';

describe('work after the response on Workers', () => {
  it('hands each task to waitUntil, which keeps the invocation alive until it settles, and logs a failure', async () => {
    const held: Array<Promise<unknown>> = [];
    const lines: string[] = [];
    const background = createWaitUntilBackground({ waitUntil: (p) => held.push(p) }, createLogger('debug', (line) => lines.push(line)));
    let done = false;
    background.run('reply', async () => {
      await new Promise((r) => setTimeout(r, 10));
      done = true;
    });
    background.run('broken', async () => {
      throw new Error('boom');
    });
    expect(held).toHaveLength(2);
    expect(done).toBe(false);
    await Promise.all(held);
    expect(done).toBe(true);
    expect(lines.some((l) => l.includes('background task failed') && l.includes('broken'))).toBe(true);
  });
});
