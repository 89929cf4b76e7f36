import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // better-sqlite3 is a native addon: worker threads can segfault, child processes cannot.
    pool: 'forks',
    watch: false,
    // One module graph per worker: every test file builds its own app on its own in-memory database anyway,
    // and re-importing the whole app per file dominated the suite's run time.
    isolate: false,
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
