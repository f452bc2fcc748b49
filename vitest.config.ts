import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Most integration files wait on the vendors' pace (5 Revel requests a second), not on the CPU:
    // two files at a time halve the suite on a two-core machine (the default there is one).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
