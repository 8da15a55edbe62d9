import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast. Integration tests start real servers on their own ports and temp folders, so
// their files may run side by side; e2e tests drive one browser against browser mode, one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          // Tests of the built CLI must not run a stale out/: build it first when the sources are newer.
          globalSetup: ['test/support/build-if-stale.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/build-if-stale.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Benchmarks print ratios against a baseline measured in the same run; they assert no timings.
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
