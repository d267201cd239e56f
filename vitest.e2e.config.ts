import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// End-to-end: the built extension in Debian's Chromium. One browser at a time (2 cores).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
