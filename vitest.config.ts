import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'eval/**/*.test.ts', 'widget/**/*.test.ts'],
    // The Worker's parity with Node over every eval question takes about a minute: CI runs it
    // after the gate (npm run test:worker-parity), not in every npm test.
    exclude: ['**/node_modules/**', ...(process.env.WORKER_PARITY ? [] : ['test/worker.parity.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
