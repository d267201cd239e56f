import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The team server: real HTTP over PGlite (and PostgreSQL when DATABASE_URL is set).
// Each file opens one database; two files at a time suit two cores.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
