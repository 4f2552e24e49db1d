import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['packages/server/test/global-setup.ts'],
          setupFiles: ['packages/server/test/one-query-at-a-time.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/test/dom-setup.ts'],
          // antd pages render slowly in jsdom; on a busy 2-core machine 5 s was not enough for a whole form.
          testTimeout: 20_000,
        },
      },
      {
        test: { name: 'tooling', include: ['tooling/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
