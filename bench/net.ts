/**
 * @module
 * Loopback helpers shared by the benches: a free port to start a server on, and waiting
 * until it answers.
 */
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 (asked of the system, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers 200 to `method`; throws after `timeoutMs`. */
export async function waitFor(url: string, timeoutMs = 60_000, method = 'GET'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url, { method })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${url}`);
}
