import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // better-sqlite3 is a native addon: worker threads can segfault, child processes cannot.
    pool: 'forks',
    watch: false,
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
