import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One DynamoDB Local per test run (it takes a few seconds to start), shared by the integration tests.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // On Node.js 20 the global setup says once, in one line, that AWS SDK releases after January 2027 need
    // Node.js 22 (infra/local/node-support.ts); test files, each in its own process, do not repeat it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
